package io.esteira.deploy;

import io.esteira.deploy.plan.PlanItem;
import io.esteira.diagnostics.Diagnostic;

/**
 * Hears what a plan or deploy does, as it happens; called from the threads projects deploy on, so
 * implementations synchronise their output.
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
        new PlanItem(project, "deploy", project, PlanItem.Action.NO_CHANGE, java.util.List.of()),
        diagnostic.render());
  }
}
