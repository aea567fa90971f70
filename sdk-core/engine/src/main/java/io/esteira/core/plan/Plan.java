package io.esteira.core.plan;

import java.util.List;

/**
 * The shape a state machine can give a pipeline: steps in sequence and independent groups in
 * parallel branches, nested. A {@link Series} runs its parts one after the other, each part fully
 * done before the next starts; a {@link Parallel} runs its branches at once and is done when all
 * are. {@link ExecutionPlan#shape} gives a pipeline's.
 */
public sealed interface Plan {

  /** One step, by id. */
  record Step(String id) implements Plan {}

  /** Parts run one after the other; never nested directly in another series, never empty. */
  record Series(List<Plan> parts) implements Plan {
    public Series {
      parts = List.copyOf(parts);
    }
  }

  /** Branches run at once; at least two, none of them a parallel itself. */
  record Parallel(List<Plan> branches) implements Plan {
    public Parallel {
      branches = List.copyOf(branches);
    }
  }

  /** The parts of this plan when read as a sequence: a series' parts, or the plan alone. */
  default List<Plan> asSequence() {
    return this instanceof Series series ? series.parts() : List.of(this);
  }
}
