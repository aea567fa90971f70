package io.esteira.deploy;

import io.esteira.deploy.plan.PlanItem;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;

/**
 * Hears what a plan or deploy does, as it happens; called from the threads projects deploy on, so
 * implementations synchronise their output. Library code prints nothing: what a user should see
 * comes here.
 */
public interface DeployListener {

  /** A resource was read and compared; {@code item} says what a deploy does to it. */
  void planned(PlanItem item);

  /** A deploy is about to change the resource. */
  default void applying(PlanItem item) {}

  /** The change was made. */
  default void applied(PlanItem item) {}

  /** The change failed; the project stops here. */
  void failed(PlanItem item, String message);

  /**
   * The project was refused before any change, such as when another deploy holds its lock; the
   * project stops here.
   */
  default void refused(String project, Diagnostic diagnostic) {
    failed(
        new PlanItem(project, "deploy", project, PlanItem.Action.NO_CHANGE, List.of()),
        diagnostic.render());
  }

  /** Problems found before or after the resources were planned, errors or warnings, in order. */
  default void diagnostics(List<Diagnostic> diagnostics) {}

  /**
   * Something done against a rule because the caller asked for it, such as a deploy from a branch
   * the environment does not deploy from.
   */
  default void warning(String message) {}

  /**
   * The JVM is exiting (SIGTERM, Ctrl-C) in the middle of a deploy; {@code message} says what
   * became of the project's lock. Called from a shutdown hook, so implementations must not wait on
   * the deploy's threads.
   */
  default void interrupted(String message) {}

  /** The model gate's outcome, before any AWS call. */
  default void gates(ModelGates.Outcome gates) {}
}
