package io.esteira.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code esteira image}: the projects' images. */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Builds each project's image, without a Docker daemon (Jib for Java pipelines, buildah for"
          + " a Dockerfile), and pushes it to the platform's ECR repository, where a deploy pins"
          + " it by digest."
    },
    subcommands = {ImageBuildCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:an image could not be built or pushed",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE
    })
final class ImageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
