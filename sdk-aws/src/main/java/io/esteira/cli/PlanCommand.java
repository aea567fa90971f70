package io.esteira.cli;

import io.esteira.deploy.DeployListener;
import io.esteira.deploy.Deployer;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.plan.PlanItem;
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
      description = "text (default) or json.")
  String output;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    boolean json = output.equals("json");
    if (!json && !output.equals("text")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--output must be text or json, not '" + output + "'");
    }
    DeployListener listener =
        new DeployListener() {
          @Override
          public synchronized void planned(PlanItem item) {
            if (!json) {
              PlanPrinter.text(item).forEach(console::say);
            }
          }

          @Override
          public synchronized void failed(PlanItem item, String message) {
            console.error(DeployCommand.failure(item, message));
          }
        };
    return DeployRun.run(
        options,
        console,
        listener,
        false,
        new DeployRun.Output() {
          @Override
          public void gates(ModelGates.Outcome gates) {
            if (!json) {
              gates.lines().forEach(console::say);
            }
          }

          @Override
          public void finish(Deployer.Result result, ModelGates.Outcome gates) {
            console.say(
                json
                    ? PlanPrinter.json(
                            options.environment,
                            result.items(),
                            result.failedProjects(),
                            gates.reports(),
                            gates.problems())
                        .stripTrailing()
                    : "plan: " + PlanPrinter.summary(result.items()) + gateSummary(gates));
          }
        });
  }

  private static String gateSummary(ModelGates.Outcome gates) {
    return gates.passed() ? "" : "; the model gate refuses this deploy (see the errors above)";
  }
}
