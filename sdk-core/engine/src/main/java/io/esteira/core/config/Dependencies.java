package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.StepResolver.Draft;
import io.esteira.core.model.StepGraph;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Origin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the ordering rule and checks the dependency graph. When no step declares dependencies
 * ({@code depends_on} in config.yaml, {@code after} on a {@code @Step}), each step waits for the
 * one declared before it, as the origin document runs its steps; once any step declares them, the
 * graph is exactly what the steps declare.
 */
final class Dependencies {

  private Dependencies() {}

  /**
   * Applies the rule and checks the graph of one environment; a dependency its section wrote, or a
   * cycle one of whose edges it wrote, names the environment of {@code layer}.
   */
  static void resolve(List<Draft> drafts, EnvironmentLayer layer, Diagnostics out) {
    boolean explicit = drafts.stream().anyMatch(d -> d.declaresDependencies);
    if (!explicit) {
      for (int i = 1; i < drafts.size(); i++) {
        drafts.get(i).dependsOn.add(drafts.get(i - 1).id);
      }
      return;
    }
    List<String> ids = drafts.stream().map(d -> d.id).toList();
    Set<String> known = new HashSet<>(ids);
    for (Draft d : drafts) {
      for (int i = d.dependsOn.size() - 1; i >= 0; i--) {
        String dep = d.dependsOn.get(i);
        if (!known.contains(dep)) {
          String hint = DidYouMean.suffix(dep, ids);
          out.error(
              EngineMessage.STEP_UNKNOWN_DEPENDENCY,
              d.dependsOnAt.get(i),
              d.id,
              layer.in(d.dependsOnAt.get(i)),
              dep,
              hint.isEmpty() ? "; the steps are " + String.join(", ", ids) : hint);
          d.dependsOn.remove(i);
          d.dependsOnAt.remove(i);
        }
      }
    }
    reportCycles(drafts, layer, out);
  }

  /** Reports every cycle: after each one, one of its edges is set aside and the search goes on. */
  private static void reportCycles(List<Draft> drafts, EnvironmentLayer layer, Diagnostics out) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    Map<String, Draft> byId = new LinkedHashMap<>();
    for (Draft d : drafts) {
      graph.put(d.id, new ArrayList<>(d.dependsOn));
      byId.putIfAbsent(d.id, d);
    }
    for (int guard = 0; guard <= drafts.size(); guard++) {
      Optional<List<String>> cycle = StepGraph.fromDependencies(graph).findCycle();
      if (cycle.isEmpty()) {
        return;
      }
      List<String> c = cycle.get();
      Draft first = byId.get(c.get(0));
      int index = first.dependsOn.indexOf(c.get(1));
      out.error(
          EngineMessage.STEP_CYCLE,
          index >= 0 ? first.dependsOnAt.get(index) : first.at,
          c.get(0),
          through(c) + layer.in(edgeOrigins(c, byId)),
          String.join(" -> ", c),
          edges(c));
      graph.get(c.get(0)).remove(c.get(1));
    }
  }

  /** Where each edge of the cycle was written, as far as known. */
  private static Origin[] edgeOrigins(List<String> cycle, Map<String, Draft> byId) {
    List<Origin> origins = new ArrayList<>();
    for (int i = 0; i + 1 < cycle.size(); i++) {
      Draft from = byId.get(cycle.get(i));
      int index = from == null ? -1 : from.dependsOn.indexOf(cycle.get(i + 1));
      if (index >= 0) {
        origins.add(from.dependsOnAt.get(index));
      }
    }
    return origins.toArray(Origin[]::new);
  }

  private static String through(List<String> cycle) {
    List<String> middle = cycle.subList(1, cycle.size() - 1);
    if (middle.isEmpty()) {
      return "";
    }
    List<String> quoted = middle.stream().map(id -> "'" + id + "'").toList();
    return " through " + String.join(", ", quoted);
  }

  private static String edges(List<String> cycle) {
    List<String> edges = new ArrayList<>();
    for (int i = 0; i + 1 < cycle.size(); i++) {
      edges.add("'" + cycle.get(i) + "' on '" + cycle.get(i + 1) + "'");
    }
    return String.join(", ", edges);
  }
}
