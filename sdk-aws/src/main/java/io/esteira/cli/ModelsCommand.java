package io.esteira.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code esteira models}: the MLflow model registry, as the deploy gate reads it. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Lists, promotes and tells the history of registered models in MLflow. A deploy to dev needs"
          + " a version in Staging, a deploy to prd one in Production (mlflow.models in"
          + " config.yaml)."
    },
    subcommands = {ModelsListCommand.class, ModelsPromoteCommand.class, ModelsHistoryCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:unknown model or version, or the registry refused the promotion",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE,
      ExitCodes.MLFLOW_LINE
    })
final class ModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
