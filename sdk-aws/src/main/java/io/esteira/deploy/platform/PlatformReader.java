package io.esteira.deploy.platform;

import io.esteira.core.registry.RegistryMode;
import io.esteira.core.yaml.YamlLimits;
import io.esteira.core.yaml.YamlMessages;
import io.esteira.core.yaml.YamlNode;
import io.esteira.core.yaml.YamlNode.Entry;
import io.esteira.core.yaml.YamlNode.MapNode;
import io.esteira.core.yaml.YamlReader;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform.ArtifactSettings;
import io.esteira.deploy.platform.Platform.EnvironmentPlatform;
import io.esteira.deploy.platform.Platform.Network;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and checks the platform file. Every problem is reported at its line and column with the
 * fix, all of them at once; a file with any error gives no {@link Platform}.
 */
public final class PlatformReader {

  /** The retention periods CloudWatch Logs accepts, in days. */
  static final Set<Integer> RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /** AWS regions: us-east-1, us-gov-west-1, ap-southeast-5. Public: esteira init checks them. */
  public static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

  /** VPC ids: vpc- and 8 or 17 hexadecimal digits. */
  public static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");

  /** Subnet ids: subnet- and 8 or 17 hexadecimal digits. */
  public static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");

  /**
   * ECR repository names, as CreateRepository's repositoryName pattern: lower-case letters and
   * digits, separated by single '.', '_' or '-', in '/'-separated parts (2 to 256 characters).
   */
  public static final Pattern REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9]{0,9}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
  private static final Pattern REGISTRY_MODE = Pattern.compile("aliases|stages");

  /**
   * The engine's YAML layer with config.yaml's protections, a smaller size limit (a platform file
   * is a few dozen lines; the bound keeps a wrong path from reading a huge file) and the platform
   * file's own codes.
   */
  static final YamlReader YAML =
      new YamlReader(
          YamlLimits.CONFIG.withMaxBytes(256 * 1024),
          new YamlMessages(
              DeployMessage.DEPLOY_PLATFORM_UNREADABLE,
              DeployMessage.DEPLOY_PLATFORM_SYNTAX,
              DeployMessage.DEPLOY_PLATFORM_TOO_LARGE,
              DeployMessage.DEPLOY_PLATFORM_UNSAFE,
              DeployMessage.DEPLOY_PLATFORM_DUPLICATE_KEY,
              DeployMessage.DEPLOY_PLATFORM_WRONG_TYPE));

  private PlatformReader() {}

  /**
   * A read platform file.
   *
   * @param platform the platform, empty when there is any error
   * @param diagnostics every problem, sorted by position
   */
  public record Result(Optional<Platform> platform, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** Reads {@code path}; {@code shown} names it in messages. */
  public static Result read(Path path, String shown) {
    Diagnostics out = new Diagnostics();
    Optional<Platform> platform =
        YAML.readFile(path, shown, out).flatMap(r -> check(r, shown, out));
    return new Result(out.hasErrors() ? Optional.empty() : platform, out.all());
  }

  /** Parses the text of a platform file named {@code file}. */
  public static Result parse(String text, String file) {
    Diagnostics out = new Diagnostics();
    Optional<Platform> platform = YAML.parse(file, text, out).flatMap(r -> check(r, file, out));
    return new Result(out.hasErrors() ? Optional.empty() : platform, out.all());
  }

  private static Optional<Platform> check(YamlNode root, String file, Diagnostics out) {
    if (!(root instanceof MapNode map)) {
      out.error(
          DeployMessage.DEPLOY_PLATFORM_SYNTAX,
          SourcePosition.file(file),
          "the platform file is not a YAML mapping of keys");
      return Optional.empty();
    }
    return platform(new PlatformValues(file, out), out, file, map);
  }

  private static Optional<Platform> platform(
      PlatformValues values, Diagnostics out, String file, MapNode root) {
    Map<String, Entry> keys =
        values.entries(
            root,
            "the platform file",
            Set.of(
                "region",
                "network",
                "ecr",
                "logs",
                "naming",
                "instances",
                "artifacts",
                "environments"));
    String region = values.required(keys, "region", "us-east-1", REGION, "an AWS region");
    Optional<Network> network =
        Optional.ofNullable(keys.get("network")).flatMap(e -> network(values, out, e, "network"));
    if (!keys.containsKey("network")) {
      values.missing("network", "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}");
    }
    String repository = null;
    int maxImages = Platform.DEFAULT_ECR_MAX_IMAGES;
    String javaBaseImage = Platform.DEFAULT_JAVA_BASE_IMAGE;
    Optional<MapNode> ecr =
        Optional.ofNullable(keys.get("ecr"))
            .flatMap(e -> values.mapping(e, "ecr", "{repository: ml-pipelines}"));
    if (ecr.isPresent()) {
      Map<String, Entry> ecrKeys =
          values.entries(ecr.get(), "ecr", Set.of("repository", "max_images", "java_base_image"));
      repository =
          values.required(
              ecrKeys, "ecr.repository", "ml-pipelines", REPOSITORY, "an ECR repository name");
      maxImages = values.integer(ecrKeys.get("max_images"), "ecr.max_images", maxImages, 1, 10_000);
      Entry base = ecrKeys.get("java_base_image");
      if (base != null) {
        String checked =
            values.checked(
                base,
                "ecr.java_base_image",
                Platform.DEFAULT_JAVA_BASE_IMAGE,
                ArtifactsSection.IMAGE,
                "an image reference with a tag or digest");
        javaBaseImage = checked == null ? javaBaseImage : checked;
      }
    } else if (!keys.containsKey("ecr")) {
      values.missing("ecr.repository", "ecr: {repository: ml-pipelines}");
    }
    int retention = Platform.DEFAULT_LOG_RETENTION_DAYS;
    boolean executionData = false;
    Optional<MapNode> logs =
        Optional.ofNullable(keys.get("logs"))
            .flatMap(e -> values.mapping(e, "logs", "{retention_days: 30}"));
    if (logs.isPresent()) {
      Map<String, Entry> logKeys =
          values.entries(logs.get(), "logs", Set.of("retention_days", "include_execution_data"));
      Entry days = logKeys.get("retention_days");
      retention = values.integer(days, "logs.retention_days", retention, 1, 3653);
      if (days != null && !RETENTION_DAYS.contains(retention)) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_INVALID,
            days.value().position(),
            "logs.retention_days",
            retention + " days, a period CloudWatch Logs does not offer",
            "use one of " + new java.util.TreeSet<>(RETENTION_DAYS));
      }
      Entry data = logKeys.get("include_execution_data");
      if (data != null) {
        String value = values.text(data, "logs.include_execution_data", "true").orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
          out.error(
              DeployMessage.DEPLOY_PLATFORM_INVALID,
              data.value().position(),
              "logs.include_execution_data",
              "'" + value + "'",
              "write true or false");
        }
        executionData = value.equals("true");
      }
    }
    boolean suffix = false;
    Optional<MapNode> naming =
        Optional.ofNullable(keys.get("naming"))
            .flatMap(e -> values.mapping(e, "naming", "{environment_suffix: true}"));
    if (naming.isPresent()) {
      Entry s =
          values
              .entries(naming.get(), "naming", Set.of("environment_suffix"))
              .get("environment_suffix");
      if (s != null) {
        String value = values.text(s, "naming.environment_suffix", "true").orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
          out.error(
              DeployMessage.DEPLOY_PLATFORM_INVALID,
              s.value().position(),
              "naming.environment_suffix",
              "'" + value + "'",
              "write true or false");
        }
        suffix = value.equals("true");
      }
    }
    String ami = Platform.DEFAULT_AMI_PARAMETER;
    Optional<MapNode> instances =
        Optional.ofNullable(keys.get("instances"))
            .flatMap(e -> values.mapping(e, "instances", "{ami_parameter: /aws/service/...}"));
    if (instances.isPresent()) {
      Entry p =
          values
              .entries(instances.get(), "instances", Set.of("ami_parameter"))
              .get("ami_parameter");
      if (p != null) {
        ami =
            values.checked(
                p,
                "instances.ami_parameter",
                ami,
                Pattern.compile("/[^\\s]+"),
                "an SSM parameter name");
      }
    }
    ArtifactSettings artifacts =
        keys.containsKey("artifacts")
            ? ArtifactsSection.read(
                values, out, keys.get("artifacts"), "artifacts", ArtifactSettings.defaults(file))
            : ArtifactSettings.defaults(file);
    Map<String, EnvironmentPlatform> environments = new TreeMap<>();
    Entry envs = keys.get("environments");
    if (envs == null) {
      values.missing(
          "environments",
          "environments: {dev: {mlflow: {tracking_uri: ..., s3_endpoint_url: ...}}}");
    } else {
      values
          .mapping(envs, "environments", "{dev: {mlflow: {...}}, prd: {mlflow: {...}}}")
          .ifPresent(map -> environments(values, out, map, network, artifacts, environments));
    }
    if (out.hasErrors() || network.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Platform(
            file,
            region,
            network.get(),
            repository,
            maxImages,
            retention,
            executionData,
            suffix,
            ami,
            environments,
            artifacts,
            javaBaseImage));
  }

  private static void environments(
      PlatformValues values,
      Diagnostics out,
      MapNode map,
      Optional<Network> shared,
      ArtifactSettings sharedArtifacts,
      Map<String, EnvironmentPlatform> into) {
    for (Entry entry : map.entries()) {
      String name = entry.key();
      if (!ENVIRONMENT.matcher(name).matches()) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_INVALID,
            entry.keyPosition(),
            "environments." + name,
            "not an environment name",
            "use up to 10 lower-case letters and digits, starting with a letter, such as dev");
        continue;
      }
      String where = "environments." + name;
      Optional<MapNode> body = values.mapping(entry, where, "{mlflow: {tracking_uri: ...}}");
      if (body.isEmpty()) {
        continue;
      }
      Map<String, Entry> keys =
          values.entries(body.get(), where, Set.of("mlflow", "network", "artifacts"));
      Optional<Network> network =
          keys.containsKey("network")
              ? network(values, out, keys.get("network"), where + ".network")
              : shared;
      ArtifactSettings artifacts =
          keys.containsKey("artifacts")
              ? ArtifactsSection.read(
                  values, out, keys.get("artifacts"), where + ".artifacts", sharedArtifacts)
              : sharedArtifacts;
      Entry mlflowEntry = keys.get("mlflow");
      String tracking = null;
      String s3 = null;
      RegistryMode mode = RegistryMode.ALIASES;
      if (mlflowEntry == null) {
        values.missing(
            entry.keyPosition(),
            where + ".mlflow",
            "mlflow: {tracking_uri: https://mlflow."
                + name
                + ".example.com, s3_endpoint_url: https://s3.us-east-1.amazonaws.com}");
      } else {
        Optional<MapNode> mlflow =
            values.mapping(
                mlflowEntry, where + ".mlflow", "{tracking_uri: ..., s3_endpoint_url: ...}");
        if (mlflow.isPresent()) {
          Map<String, Entry> m =
              values.entries(
                  mlflow.get(),
                  where + ".mlflow",
                  Set.of("tracking_uri", "s3_endpoint_url", "registry_mode"));
          tracking =
              values.required(
                  m,
                  where + ".mlflow.tracking_uri",
                  "https://mlflow." + name + ".example.com",
                  URL,
                  "an http(s) URL",
                  mlflowEntry.keyPosition());
          s3 =
              values.required(
                  m,
                  where + ".mlflow.s3_endpoint_url",
                  "https://s3.us-east-1.amazonaws.com",
                  URL,
                  "an http(s) URL",
                  mlflowEntry.keyPosition());
          Entry modeEntry = m.get("registry_mode");
          if (modeEntry != null) {
            String value =
                values.checked(
                    modeEntry,
                    where + ".mlflow.registry_mode",
                    "aliases",
                    REGISTRY_MODE,
                    "aliases or stages");
            mode = "stages".equals(value) ? RegistryMode.STAGES : RegistryMode.ALIASES;
          }
        }
      }
      if (tracking != null && s3 != null && network.isPresent()) {
        into.put(name, new EnvironmentPlatform(tracking, s3, network.get(), mode, artifacts));
      }
    }
  }

  private static Optional<Network> network(
      PlatformValues values, Diagnostics out, Entry entry, String where) {
    int before = out.all().size();
    return values
        .mapping(entry, where, "{vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}")
        .flatMap(
            map -> {
              Map<String, Entry> keys = values.entries(map, where, Set.of("vpc_id", "subnets"));
              String vpc =
                  values.required(
                      keys,
                      where + ".vpc_id",
                      "vpc-0a1b2c3d",
                      VPC,
                      "a VPC id",
                      entry.keyPosition());
              List<String> subnets = List.of();
              List<SourcePosition> subnetsAt = List.of();
              Entry s = keys.get("subnets");
              if (s == null) {
                values.missing(
                    entry.keyPosition(),
                    where + ".subnets",
                    "subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]");
              } else {
                subnets =
                    values.texts(s, where + ".subnets", "[subnet-0a1b2c3d]").orElse(List.of());
                subnetsAt =
                    s.value() instanceof YamlNode.ListNode list
                        ? list.items().stream().map(YamlNode::position).toList()
                        : java.util.Collections.nCopies(subnets.size(), s.value().position());
                for (int i = 0; i < subnets.size(); i++) {
                  if (!SUBNET.matcher(subnets.get(i)).matches()) {
                    out.error(
                        DeployMessage.DEPLOY_PLATFORM_INVALID,
                        ((YamlNode.ListNode) s.value()).items().get(i).position(),
                        where + ".subnets",
                        "'" + subnets.get(i) + "', not a subnet id",
                        "give ids such as subnet-0a1b2c3d");
                  }
                }
              }
              if (out.all().size() > before) {
                return Optional.empty();
              }
              SourcePosition vpcAt = keys.get("vpc_id").value().position();
              return Optional.of(new Network(vpc, subnets, vpcAt, subnetsAt));
            });
  }
}
