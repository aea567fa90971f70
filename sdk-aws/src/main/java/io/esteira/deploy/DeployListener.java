package io.esteira.deploy;

import io.esteira.deploy.plan.PlanItem;

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
}
