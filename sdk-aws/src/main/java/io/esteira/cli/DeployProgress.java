package io.esteira.cli;

import io.esteira.deploy.DeployListener;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanPrinter;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;

/**
 * Prints a plan or deploy as it happens: each resource planned, each change made, each failure and
 * problem. With {@code --output json} a plan prints neither the resources nor the gate here (the
 * JSON document at the end holds them); failures and problems still go to the error stream.
 */
final class DeployProgress implements DeployListener {

  private final Console console;
  private final boolean text;

  /** A listener printing to {@code console}; the plan and the gate too when {@code text}. */
  DeployProgress(Console console, boolean text) {
    this.console = console;
    this.text = text;
  }

  @Override
  public synchronized void planned(PlanItem item) {
    if (text) {
      PlanPrinter.text(item).forEach(console::say);
    }
  }

  @Override
  public synchronized void applied(PlanItem item) {
    console.say(
        owner(item) + ": done: " + item.action().label() + " " + item.kind() + " " + item.name());
  }

  @Override
  public synchronized void failed(PlanItem item, String message) {
    console.error(
        Diagnostic.error(
                DeployMessage.DEPLOY_AWS_FAILED,
                null,
                item.kind(),
                item.name(),
                owner(item),
                message)
            .render());
  }

  @Override
  public synchronized void refused(String project, Diagnostic diagnostic) {
    console.error(diagnostic.render());
  }

  @Override
  public synchronized void diagnostics(List<Diagnostic> diagnostics) {
    console.diagnostics(diagnostics);
  }

  @Override
  public synchronized void warning(String message) {
    console.say("warning: " + message);
  }

  /** Not synchronised: a shutdown hook calls it while a deploy thread may hold this listener. */
  @Override
  public void interrupted(String message) {
    console.error("esteira: " + message);
  }

  @Override
  public synchronized void gates(ModelGates.Outcome gates) {
    if (text) {
      gates.lines().forEach(console::say);
    }
  }

  private static String owner(PlanItem item) {
    return item.project().isEmpty() ? "(shared)" : item.project();
  }
}
