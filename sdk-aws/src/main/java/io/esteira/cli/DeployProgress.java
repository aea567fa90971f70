package io.esteira.cli;

import io.esteira.deploy.DeployListener;
import io.esteira.deploy.ModelGates;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanPrinter;
import io.esteira.diagnostics.Diagnostic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a plan or deploy as it happens: each resource planned, each change made, each failure and
 * problem. With {@code --output json} a plan prints neither the resources nor the gate here (the
 * JSON document at the end holds them); failures and problems still go to the error stream.
 */
final class DeployProgress implements DeployListener {

  private final Console console;
  private final boolean text;
  private final Map<String, Integer> changes = new HashMap<>();
  private final Map<String, PlanItem> failedAt = new LinkedHashMap<>();

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
    changes.merge(owner(item), 1, Integer::sum);
    console.say(
        owner(item) + ": done: " + item.action().label() + " " + item.kind() + " " + item.name());
  }

  @Override
  public synchronized void failed(PlanItem item, String message) {
    failedAt.putIfAbsent(owner(item), item);
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

  /** How many changes were made for {@code owner} (a project, or {@code (shared)}). */
  synchronized int changes(String owner) {
    return changes.getOrDefault(owner, 0);
  }

  /** Where each owner that failed stopped, in the order they failed. */
  synchronized Map<String, PlanItem> failedAt() {
    return new LinkedHashMap<>(failedAt);
  }

  static String owner(PlanItem item) {
    return item.project().isEmpty() ? "(shared)" : item.project();
  }
}
