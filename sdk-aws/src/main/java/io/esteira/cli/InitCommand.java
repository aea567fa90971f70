package io.esteira.cli;

import io.esteira.deploy.platform.PlatformReader;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.init.Starter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esteira init}: a team's repository that works as written, a Java pipeline module (the
 * default: Esteira is a Java SDK) or a YAML-only project in the origin's layout, with the platform
 * file and the deploy and pull-request workflows ({@link Starter}). It writes into an empty or an
 * existing directory but never over a file: when any file it would write is there, it writes none
 * and names them.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Starts a team's repository: a Java pipeline module (src/projects/NAME: pom.xml,"
          + " config.yaml, a @Pipeline class and its test) or a YAML-only project (config.yaml,"
          + " steps, Dockerfile), a platform file, and the GitHub workflows that deploy dev from"
          + " the dev branch and prd from master and post a plan on pull requests. Overwrites"
          + " nothing."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:a file it would write is already there, or the directory cannot be written",
      "2:wrong usage: unknown option, a kind, project or package name, region, VPC, subnet or"
          + " ECR repository it cannot use",
      ExitCodes.INTERNAL_LINE
    })
final class InitCommand implements Callable<Integer> {

  static final String PLACEHOLDER_VPC = "vpc-REPLACE-ME";
  static final String PLACEHOLDER_SUBNET = "subnet-REPLACE-ME";

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "The repository's directory, created when missing; default the current one.")
  Path directory = Path.of("");

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "java",
      description =
          "java: a Java pipeline module in src/projects/NAME that mvn package builds and tests"
              + " (the default); yaml: a YAML-only project there, steps as commands in a"
              + " Dockerfile's image.")
  String kind;

  @Option(
      names = "--project",
      required = true,
      paramLabel = "NAME",
      description = "The project's name: lower-case letters, digits and '-', at most 32.")
  String project;

  @Option(
      names = "--package",
      paramLabel = "PACKAGE",
      description =
          "The Java package of a Java project's classes; default com.example. and the project's"
              + " name without '-' (churn-scores: com.example.churnscores).")
  String javaPackage;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "The AWS region of the platform file; default ${DEFAULT-VALUE}.")
  String region;

  @Option(
      names = "--vpc",
      paramLabel = "VPC_ID",
      description = "The VPC the tasks run in; default a placeholder to replace in platform.yaml.")
  String vpc;

  @Option(
      names = "--subnet",
      paramLabel = "SUBNET_ID",
      split = ",",
      description =
          "The subnets of the tasks (repeat or separate with commas); default a placeholder.")
  List<String> subnets = new ArrayList<>();

  @Option(
      names = "--ecr-repository",
      paramLabel = "NAME",
      defaultValue = "ml-pipelines",
      description = "The ECR repository of the images; default ${DEFAULT-VALUE}.")
  String ecrRepository;

  @Override
  public Integer call() throws IOException {
    Console console = new Console(spec.commandLine());
    Starter.Kind chosen =
        switch (kind) {
          case "java" -> Starter.Kind.JAVA;
          case "yaml" -> Starter.Kind.YAML;
          default -> null;
        };
    Diagnostic problem = problem(chosen);
    if (problem != null) {
      console.diagnostics(List.of(problem));
      return ExitCodes.USAGE;
    }
    Starter.Settings settings =
        new Starter.Settings(
            chosen,
            project,
            packageName(),
            region,
            vpc != null ? vpc : PLACEHOLDER_VPC,
            subnets.isEmpty() ? List.of(PLACEHOLDER_SUBNET) : subnets,
            ecrRepository,
            version());
    List<Starter.File> files = Starter.files(settings);
    Path root = directory.toAbsolutePath().normalize();
    List<String> existing = new ArrayList<>();
    for (Starter.File file : files) {
      if (Files.exists(root.resolve(file.path())) && !file.keepExisting()) {
        existing.add(file.path());
      }
    }
    if (!existing.isEmpty()) {
      console.diagnostics(
          List.of(
              Diagnostic.error(
                  CliMessage.CLI_INIT_EXISTS, null, root, String.join(", ", existing))));
      return ExitCodes.ERRORS;
    }
    for (Starter.File file : files) {
      Path target = root.resolve(file.path());
      if (Files.exists(target)) {
        console.say("kept " + file.path() + " as it is");
        continue;
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.text());
      console.say("wrote " + file.path());
    }
    if (settings.esteiraVersion().endsWith("-SNAPSHOT")) {
      // Written all the same: the files are right for a released version but this one, and a
      // developer of Esteira itself tries them out with a development build.
      console.diagnostics(
          List.of(
              Diagnostic.warning(
                  CliMessage.CLI_INIT_DEVELOPMENT_VERSION, null, settings.esteiraVersion())));
    }
    console.say("");
    console.say(nextSteps(settings));
    return ExitCodes.OK;
  }

  private Diagnostic problem(Starter.Kind chosen) {
    if (chosen == null) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_KIND, null, kind);
    }
    if (!Starter.PROJECT.matcher(project).matches() || project.contains("--")) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_PROJECT, null, project);
    }
    String name = packageName();
    if (!Starter.PACKAGE.matcher(name).matches() || !SourceVersion.isName(name)) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_PACKAGE, null, name);
    }
    // Written into platform.yaml as they are: checked as the platform file's reader checks them,
    // so none can break the YAML ("a: b") or give a file the first deploy refuses.
    if (!PlatformReader.REGION.matcher(region).matches()) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_REGION, null, region);
    }
    if (vpc != null && !PlatformReader.VPC.matcher(vpc).matches()) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_VPC, null, vpc);
    }
    for (String subnet : subnets) {
      if (!PlatformReader.SUBNET.matcher(subnet).matches()) {
        return Diagnostic.error(CliMessage.CLI_INIT_BAD_SUBNET, null, subnet);
      }
    }
    if (ecrRepository.length() < 2
        || ecrRepository.length() > 256
        || !PlatformReader.REPOSITORY.matcher(ecrRepository).matches()) {
      return Diagnostic.error(CliMessage.CLI_INIT_BAD_ECR_REPOSITORY, null, ecrRepository);
    }
    return null;
  }

  /** {@code --package}, else one derived from the project's name. */
  private String packageName() {
    return javaPackage != null ? javaPackage : "com.example." + project.replace("-", "");
  }

  /** The version this command line is, which the workflows and the pom pin. */
  static String version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = InitCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return properties.getProperty("version", "unknown");
  }

  /** What is left to the user: the placeholders, GitHub's environments, the roles. */
  private String nextSteps(Starter.Settings settings) {
    String directory = "src/projects/" + settings.project();
    String run = "esteira run " + directory;
    List<String> lines = new ArrayList<>();
    lines.add("Next:");
    if (settings.kind() == Starter.Kind.JAVA) {
      lines.add(
          "  1. Build and run it here: mvn -B package -f " + directory + "/pom.xml, then " + run);
    } else {
      lines.add("  1. Run it here: " + run);
    }
    if (vpc == null || subnets.isEmpty()) {
      lines.add(
          "  2. Put your VPC and subnets into platform.yaml (network:) in place of the"
              + " placeholders, and your MLflow servers (environments:).");
    } else {
      lines.add("  2. Put your MLflow servers into platform.yaml (environments:).");
    }
    lines.add(
        "  3. On GitHub (Settings > Environments), create the environments the workflows run in:");
    lines.add("       dev       variables AWS_DEPLOY_ROLE_ARN, AWS_REGION; deployment branch: dev");
    lines.add(
        "       prd       variables AWS_DEPLOY_ROLE_ARN, AWS_REGION; a required reviewer;"
            + " deployment branch: master");
    lines.add("       dev-plan  variables AWS_PLAN_ROLE_ARN, AWS_REGION (read-only role, plans)");
    lines.add("       prd-plan  variables AWS_PLAN_ROLE_ARN, AWS_REGION (read-only role, plans)");
    lines.add("     Each role (one AWS account per environment if you like), from these policies:");
    lines.add(
        "       esteira iam deployer-policy --platform platform.yaml --env dev    (prd the same)");
    lines.add("       esteira iam deployer-policy --platform platform.yaml --env dev --read-only");
    lines.add(
        "       esteira iam trust-policy --repository OWNER/NAME --environment dev --account"
            + " ACCOUNT");
    lines.add(
        "  4. Protect master: pull requests only, from dev (the pull-request workflow's"
            + " source-branch check, required in a branch ruleset).");
    lines.add(
        "Each step, and the gh commands that do it, is in Esteira's docs/team-repository.md.");
    return String.join(System.lineSeparator(), lines);
  }
}
