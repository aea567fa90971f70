package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every step's transitive upstream ({@code ESTEIRA_UPSTREAM}): the steps it waits for through its
 * resolved {@code dependsOn} (the declaration-order rule already applied), directly or not, in
 * declaration order. Only these may hand it data.
 */
final class Upstream {

  private Upstream() {}

  /** Step id to its upstream ids, for every step of the model. */
  static Map<String, List<String>> of(PipelineModel model) {
    Map<String, Set<String>> reached = new HashMap<>();
    // In topological order a step's dependencies come first, so its upstream is the union of
    // theirs plus the dependencies themselves, computed once per step.
    for (String id : model.graph().topologicalOrder()) {
      Set<String> all = new LinkedHashSet<>();
      for (String dependency : model.graph().predecessors(id)) {
        all.addAll(reached.getOrDefault(dependency, Set.of()));
        all.add(dependency);
      }
      reached.put(id, all);
    }
    Map<String, List<String>> upstream = new HashMap<>();
    List<String> order = model.steps().stream().map(StepModel::id).toList();
    for (String id : order) {
      Set<String> all = reached.getOrDefault(id, Set.of());
      upstream.put(id, order.stream().filter(all::contains).toList());
    }
    return upstream;
  }
}
