package io.esteira.core.plan;

import io.esteira.core.model.StepGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order a pipeline's steps run in, wherever it runs: the sequences and parallel branches of
 * {@link #shape} and, for each step, what it waits for ({@link #waits}).
 *
 * <p>A state machine can only run sequences and nested parallel branches, so a dependency graph
 * without that exact form gets waits its {@code depends_on} lists do not ask for ({@link
 * #addedWaits}). The ASL generator lays out the shape and reports each added wait; the local runner
 * starts a step once everything in its {@link #waits} list is done, so a step starts no earlier on
 * a laptop than in the cloud. Both read this one plan, made from the model's {@link StepGraph}, so
 * neither takes its order from the other.
 */
public final class ExecutionPlan {

  /** A wait the plan adds: {@code step} now starts only after {@code waitsFor} is done. */
  public record AddedWait(String step, String waitsFor) {}

  private final StepGraph graph;
  private final Plan shape;
  private final List<AddedWait> addedWaits;

  ExecutionPlan(StepGraph graph, Plan shape, List<AddedWait> addedWaits) {
    this.graph = graph;
    this.shape = shape;
    this.addedWaits = List.copyOf(addedWaits);
  }

  /**
   * The plan of a step graph. The graph must be acyclic and name only its own steps, as the config
   * validator guarantees.
   *
   * @throws IllegalArgumentException when a step depends on a step the graph does not have
   */
  public static ExecutionPlan of(StepGraph graph) {
    return StructurePlanner.plan(graph);
  }

  /** The sequences and parallel branches the steps run in; empty for a pipeline without steps. */
  public Optional<Plan> shape() {
    return Optional.ofNullable(shape);
  }

  /** The waits the shape adds beyond the declared dependencies, in the order they were found. */
  public List<AddedWait> addedWaits() {
    return addedWaits;
  }

  /**
   * What each step waits for: its declared dependencies, then the waits the shape adds. Step ids in
   * declaration order. Made on each call: the ASL generator never needs it, the runner once.
   */
  public Map<String, List<String>> waits() {
    Map<String, List<String>> all = new LinkedHashMap<>();
    for (String id : graph.nodes()) {
      all.put(id, new ArrayList<>(graph.predecessors(id)));
    }
    for (AddedWait wait : addedWaits) {
      List<String> list = all.get(wait.step());
      if (!list.contains(wait.waitsFor())) {
        list.add(wait.waitsFor());
      }
    }
    all.replaceAll((id, list) -> List.copyOf(list));
    return Collections.unmodifiableMap(all);
  }
}
