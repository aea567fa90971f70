package io.esteira.cli;

import io.esteira.deploy.DeployOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code esteira deploy}: makes AWS match the artifacts, printing each change as it is made. */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Makes AWS match each project's artifacts: creates what is missing, updates what differs,"
          + " leaves the rest alone, and prints each change as it is made, then a summary."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:bad input (platform file, project, image), the model gate refused a model (nothing was"
          + " changed), or an AWS call failed",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE,
      ExitCodes.MLFLOW_LINE + " (the model gate could not look; nothing was changed)"
    })
final class DeployCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin DeployOptions options;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    DeployProgress progress = new DeployProgress(console, true);
    DeployOutcome outcome = DeployRun.run(options, progress, true);
    if (outcome.status() == DeployOutcome.Status.GATE_REFUSED) {
      console.error(
          "deploy refused by the model gate before any AWS call: nothing was changed; do what"
              + " the errors above say (usually the esteira models promote command they give),"
              + " then deploy again");
      return ExitCodes.ERRORS;
    }
    outcome.result().ifPresent(result -> console.say(DeploySummary.deploy(result, progress)));
    return DeployRun.exitCode(outcome.status());
  }
}
