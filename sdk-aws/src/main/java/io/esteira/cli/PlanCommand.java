package io.esteira.cli;

import io.esteira.deploy.DeployOutcome;
import io.esteira.deploy.Deployer;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.plan.PlanPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esteira plan}: what a deploy would create, update or leave alone; changes nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads AWS and prints, per project and resource, what esteira deploy would do: create,"
          + " update (with what changes) or no change. Makes no change."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:bad input (platform file, project, image), or an AWS call failed",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE,
      ExitCodes.MLFLOW_LINE + " (the model gate could not look; the AWS plan is still printed)",
      ExitCodes.GATE_REFUSED_LINE
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin DeployOptions options;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description = "text (the default) for people, or json for machines.")
  OutputFormat output;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    boolean json = output == OutputFormat.JSON;
    DeployOutcome outcome = DeployRun.run(options, new DeployProgress(console, !json), false);
    if (outcome.result().isPresent() && outcome.gates().isPresent()) {
      Deployer.Result result = outcome.result().get();
      ModelGates.Outcome gates = outcome.gates().get();
      console.say(
          json
              ? PlanPrinter.json(
                      options.project.target.environment,
                      result.items(),
                      result.failedProjects(),
                      gates.reports(),
                      gates.problems())
                  .stripTrailing()
              : DeploySummary.plan(result) + gateSummary(gates));
    }
    return DeployRun.exitCode(outcome.status());
  }

  private static String gateSummary(ModelGates.Outcome gates) {
    return gates.passed() ? "" : "; the model gate refuses this deploy (see the errors above)";
  }
}
