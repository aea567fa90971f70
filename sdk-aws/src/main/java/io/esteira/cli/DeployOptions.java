package io.esteira.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code plan} and {@code deploy} share: the projects and AWS ({@link ProjectOptions}), and
 * the images, commit, parallelism and branch rule.
 */
final class DeployOptions {

  @Mixin ProjectOptions project;

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
      names = "--prune",
      description =
          "Disable the schedules of this environment's projects that are no longer under"
              + " --projects-root (they stop starting their state machines; esteira destroy"
              + " removes the rest). Needs --projects-root, and no --project.")
  boolean prune;

  @Option(
      names = "--allow-any-branch",
      description =
          "Deploy even when GITHUB_REF_NAME is not the environment's branch (prd: master, dev:"
              + " dev); for emergencies, and logged.")
  boolean allowAnyBranch;
}
