package io.esteira.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code plan} and {@code deploy} share: the projects, the platform, the environment, AWS. */
final class DeployOptions {

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = {
        "A config.yaml, a project directory (a YAML-only project, or a built Java project with"
            + " target/classes/META-INF/esteira/), a jar of a built project, or a repository root"
            + " with src/projects/*/config.yaml."
      })
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--projects-root",
      paramLabel = "DIR",
      description = "Deploy every project below DIR (every directory holding a config.yaml).")
  Path projectsRoot;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      split = ",",
      description = "Only these projects (project_name); repeat or separate with commas.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--platform",
      required = true,
      paramLabel = "FILE",
      description = "The platform file: region, network, ECR repository, MLflow per environment.")
  Path platform;

  @Option(
      names = {"-e", "--env"},
      required = true,
      paramLabel = "ENV",
      description = "The environment to deploy: dev, prd, or another the platform file declares.")
  String environment;

  @Option(
      names = "--image",
      paramLabel = "PROJECT=URI",
      description =
          "The image one project runs, used as it is; repeat for others. Default: the digest that"
              + " the ECR tag <project>-<version> points at (esteira image build --push pushes"
              + " it).")
  Map<String, String> images = new LinkedHashMap<>();

  @Option(
      names = "--no-image-check",
      description =
          "Deploy a project whose image is not in ECR yet, with its tag instead of a digest.")
  boolean noImageCheck;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region; default the platform file's region.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator such as moto_server).")
  URI endpoint;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      description = "The commit deployed, named in state machine versions; default $GITHUB_SHA.")
  String commit;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "4",
      description = "How many projects deploy at once (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--allow-any-branch",
      description =
          "Deploy even when GITHUB_REF_NAME is not the environment's branch (prd: master, dev:"
              + " dev); for emergencies, and logged.")
  boolean allowAnyBranch;
}
