package io.esteira.deploy.platform;

import io.esteira.core.registry.RegistryMode;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform.EnvironmentPlatform;
import io.esteira.deploy.platform.Platform.Network;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

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

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
  private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
  private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
  private static final Pattern REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9]{0,9}");
  private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
  private static final Pattern REGISTRY_MODE = Pattern.compile("aliases|stages");

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
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), shown);
    } catch (IOException e) {
      return new Result(
          Optional.empty(),
          List.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_PLATFORM_UNREADABLE,
                  SourcePosition.file(shown),
                  e instanceof java.nio.file.NoSuchFileException
                      ? "no such file"
                      : String.valueOf(e.getMessage()))));
    }
  }

  /** Parses the text of a platform file named {@code file}. */
  public static Result parse(String text, String file) {
    Diagnostics out = new Diagnostics();
    YamlTree yaml = new YamlTree(file, out);
    Optional<Platform> platform = yaml.root(text).flatMap(root -> platform(yaml, out, file, root));
    return new Result(out.hasErrors() ? Optional.empty() : platform, out.all());
  }

  private static Optional<Platform> platform(
      YamlTree yaml, Diagnostics out, String file, MappingNode root) {
    Map<String, NodeTuple> keys =
        yaml.entries(
            root,
            "the platform file",
            Set.of("region", "network", "ecr", "logs", "naming", "instances", "environments"));
    String region =
        PlatformValues.required(yaml, out, keys, "region", "us-east-1", REGION, "an AWS region");
    Optional<Network> network =
        Optional.ofNullable(keys.get("network")).flatMap(e -> network(yaml, out, e, "network"));
    if (!keys.containsKey("network")) {
      PlatformValues.missing(
          out, file, "network", "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}");
    }
    String repository = null;
    int maxImages = Platform.DEFAULT_ECR_MAX_IMAGES;
    Optional<MappingNode> ecr =
        Optional.ofNullable(keys.get("ecr"))
            .flatMap(e -> yaml.mapping(e, "ecr", "{repository: ml-pipelines}"));
    if (ecr.isPresent()) {
      Map<String, NodeTuple> ecrKeys =
          yaml.entries(ecr.get(), "ecr", Set.of("repository", "max_images"));
      repository =
          PlatformValues.required(
              yaml,
              out,
              ecrKeys,
              "ecr.repository",
              "ml-pipelines",
              REPOSITORY,
              "an ECR repository name");
      maxImages =
          PlatformValues.integer(
              yaml, out, ecrKeys.get("max_images"), "ecr.max_images", maxImages, 1, 10_000);
    } else if (!keys.containsKey("ecr")) {
      PlatformValues.missing(out, file, "ecr.repository", "ecr: {repository: ml-pipelines}");
    }
    int retention = Platform.DEFAULT_LOG_RETENTION_DAYS;
    Optional<MappingNode> logs =
        Optional.ofNullable(keys.get("logs"))
            .flatMap(e -> yaml.mapping(e, "logs", "{retention_days: 30}"));
    if (logs.isPresent()) {
      NodeTuple days =
          yaml.entries(logs.get(), "logs", Set.of("retention_days")).get("retention_days");
      retention =
          PlatformValues.integer(yaml, out, days, "logs.retention_days", retention, 1, 3653);
      if (days != null && !RETENTION_DAYS.contains(retention)) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_INVALID,
            yaml.at(days.getValueNode()),
            "logs.retention_days",
            retention + " days, a period CloudWatch Logs does not offer",
            "use one of " + new java.util.TreeSet<>(RETENTION_DAYS));
      }
    }
    boolean suffix = false;
    Optional<MappingNode> naming =
        Optional.ofNullable(keys.get("naming"))
            .flatMap(e -> yaml.mapping(e, "naming", "{environment_suffix: true}"));
    if (naming.isPresent()) {
      NodeTuple s =
          yaml.entries(naming.get(), "naming", Set.of("environment_suffix"))
              .get("environment_suffix");
      if (s != null) {
        String value = yaml.text(s, "naming.environment_suffix", "true").orElse("false");
        if (!value.equals("true") && !value.equals("false")) {
          out.error(
              DeployMessage.DEPLOY_PLATFORM_INVALID,
              yaml.at(s.getValueNode()),
              "naming.environment_suffix",
              "'" + value + "'",
              "write true or false");
        }
        suffix = value.equals("true");
      }
    }
    String ami = Platform.DEFAULT_AMI_PARAMETER;
    Optional<MappingNode> instances =
        Optional.ofNullable(keys.get("instances"))
            .flatMap(e -> yaml.mapping(e, "instances", "{ami_parameter: /aws/service/...}"));
    if (instances.isPresent()) {
      NodeTuple p =
          yaml.entries(instances.get(), "instances", Set.of("ami_parameter")).get("ami_parameter");
      if (p != null) {
        ami =
            PlatformValues.checked(
                yaml,
                out,
                p,
                "instances.ami_parameter",
                ami,
                Pattern.compile("/[^\\s]+"),
                "an SSM parameter name");
      }
    }
    Map<String, EnvironmentPlatform> environments = new TreeMap<>();
    NodeTuple envs = keys.get("environments");
    if (envs == null) {
      PlatformValues.missing(
          out,
          file,
          "environments",
          "environments: {dev: {mlflow: {tracking_uri: ..., s3_endpoint_url: ...}}}");
    } else {
      yaml.mapping(envs, "environments", "{dev: {mlflow: {...}}, prd: {mlflow: {...}}}")
          .ifPresent(map -> environments(yaml, out, map, network, environments));
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
            suffix,
            ami,
            environments));
  }

  private static void environments(
      YamlTree yaml,
      Diagnostics out,
      MappingNode map,
      Optional<Network> shared,
      Map<String, EnvironmentPlatform> into) {
    for (NodeTuple entry : map.getValue()) {
      String name = ((org.snakeyaml.engine.v2.nodes.ScalarNode) entry.getKeyNode()).getValue();
      if (!ENVIRONMENT.matcher(name).matches()) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_INVALID,
            yaml.at(entry.getKeyNode()),
            "environments." + name,
            "not an environment name",
            "use up to 10 lower-case letters and digits, starting with a letter, such as dev");
        continue;
      }
      String where = "environments." + name;
      Optional<MappingNode> body = yaml.mapping(entry, where, "{mlflow: {tracking_uri: ...}}");
      if (body.isEmpty()) {
        continue;
      }
      Map<String, NodeTuple> keys = yaml.entries(body.get(), where, Set.of("mlflow", "network"));
      Optional<Network> network =
          keys.containsKey("network")
              ? network(yaml, out, keys.get("network"), where + ".network")
              : shared;
      NodeTuple mlflowEntry = keys.get("mlflow");
      String tracking = null;
      String s3 = null;
      RegistryMode mode = RegistryMode.ALIASES;
      if (mlflowEntry == null) {
        PlatformValues.missing(
            out,
            yaml.at(entry.getKeyNode()),
            where + ".mlflow",
            "mlflow: {tracking_uri: https://mlflow."
                + name
                + ".example.com, s3_endpoint_url: https://s3.us-east-1.amazonaws.com}");
      } else {
        Optional<MappingNode> mlflow =
            yaml.mapping(
                mlflowEntry, where + ".mlflow", "{tracking_uri: ..., s3_endpoint_url: ...}");
        if (mlflow.isPresent()) {
          Map<String, NodeTuple> m =
              yaml.entries(
                  mlflow.get(),
                  where + ".mlflow",
                  Set.of("tracking_uri", "s3_endpoint_url", "registry_mode"));
          tracking =
              PlatformValues.required(
                  yaml,
                  out,
                  m,
                  where + ".mlflow.tracking_uri",
                  "https://mlflow." + name + ".example.com",
                  URL,
                  "an http(s) URL",
                  yaml.at(mlflowEntry.getKeyNode()));
          s3 =
              PlatformValues.required(
                  yaml,
                  out,
                  m,
                  where + ".mlflow.s3_endpoint_url",
                  "https://s3.us-east-1.amazonaws.com",
                  URL,
                  "an http(s) URL",
                  yaml.at(mlflowEntry.getKeyNode()));
          NodeTuple modeEntry = m.get("registry_mode");
          if (modeEntry != null) {
            String value =
                PlatformValues.checked(
                    yaml,
                    out,
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
        into.put(name, new EnvironmentPlatform(tracking, s3, network.get(), mode));
      }
    }
  }

  private static Optional<Network> network(
      YamlTree yaml, Diagnostics out, NodeTuple entry, String where) {
    int before = out.all().size();
    return yaml.mapping(entry, where, "{vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}")
        .flatMap(
            map -> {
              Map<String, NodeTuple> keys = yaml.entries(map, where, Set.of("vpc_id", "subnets"));
              String vpc =
                  PlatformValues.required(
                      yaml,
                      out,
                      keys,
                      where + ".vpc_id",
                      "vpc-0a1b2c3d",
                      VPC,
                      "a VPC id",
                      yaml.at(entry.getKeyNode()));
              List<String> subnets = List.of();
              NodeTuple s = keys.get("subnets");
              if (s == null) {
                PlatformValues.missing(
                    out,
                    yaml.at(entry.getKeyNode()),
                    where + ".subnets",
                    "subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]");
              } else {
                subnets = yaml.texts(s, where + ".subnets", "[subnet-0a1b2c3d]").orElse(List.of());
                for (int i = 0; i < subnets.size(); i++) {
                  if (!SUBNET.matcher(subnets.get(i)).matches()) {
                    out.error(
                        DeployMessage.DEPLOY_PLATFORM_INVALID,
                        yaml.at(
                            ((org.snakeyaml.engine.v2.nodes.SequenceNode) s.getValueNode())
                                .getValue()
                                .get(i)),
                        where + ".subnets",
                        "'" + subnets.get(i) + "', not a subnet id",
                        "give ids such as subnet-0a1b2c3d");
                  }
                }
              }
              return out.all().size() > before
                  ? Optional.empty()
                  : Optional.of(new Network(vpc, subnets));
            });
  }
}
