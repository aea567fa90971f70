package io.esteira.cli;

import io.esteira.deploy.DeployListener;
import io.esteira.deploy.DeployMessage;
import io.esteira.deploy.Deployer;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanPrinter;
import io.esteira.diagnostics.Diagnostic;
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
    DeployListener listener =
        new DeployListener() {
          @Override
          public synchronized void planned(PlanItem item) {
            PlanPrinter.text(item).forEach(console::say);
          }

          @Override
          public synchronized void applied(PlanItem item) {
            String who = item.project().isEmpty() ? "(shared)" : item.project();
            console.say(
                who + ": done: " + item.action().label() + " " + item.kind() + " " + item.name());
          }

          @Override
          public synchronized void failed(PlanItem item, String message) {
            console.error(failure(item, message));
          }

          @Override
          public synchronized void refused(String project, Diagnostic diagnostic) {
            console.error(diagnostic.render());
          }
        };
    return DeployRun.run(
        options,
        console,
        listener,
        true,
        new DeployRun.Output() {
          @Override
          public void gates(ModelGates.Outcome gates) {
            gates.lines().forEach(console::say);
          }

          @Override
          public void finish(Deployer.Result result, ModelGates.Outcome gates) {
            console.say(
                "deployed: "
                    + PlanPrinter.summary(result.items())
                    + (result.failedProjects().isEmpty()
                        ? ""
                        : "; failed: " + String.join(", ", result.failedProjects())));
          }
        });
  }

  static String failure(PlanItem item, String message) {
    return Diagnostic.error(
            DeployMessage.DEPLOY_AWS_FAILED,
            null,
            item.kind(),
            item.name(),
            item.project().isEmpty() ? "(shared)" : item.project(),
            message)
        .render();
  }
}
