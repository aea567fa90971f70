package io.esteira.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependency graph of a pipeline's steps: step ids as nodes, an edge from each dependency to
 * the step that waits for it. Node order is the steps' declaration order, so every traversal is
 * deterministic.
 */
public final class StepGraph {

  private final Map<String, List<String>> predecessors;
  private final Map<String, List<String>> successors;

  private StepGraph(Map<String, List<String>> predecessors) {
    this.predecessors = predecessors;
    Map<String, List<String>> succ = new LinkedHashMap<>();
    predecessors.keySet().forEach(id -> succ.put(id, new ArrayList<>()));
    predecessors.forEach(
        (id, deps) ->
            deps.forEach(dep -> succ.computeIfAbsent(dep, k -> new ArrayList<>()).add(id)));
    succ.replaceAll((k, v) -> List.copyOf(v));
    this.successors = Collections.unmodifiableMap(succ);
  }

  /** The graph of these steps' resolved {@code dependsOn} lists. */
  public static StepGraph of(List<StepModel> steps) {
    Map<String, List<String>> preds = new LinkedHashMap<>();
    for (StepModel step : steps) {
      preds.put(step.id(), List.copyOf(new LinkedHashSet<>(step.dependsOn())));
    }
    return new StepGraph(Collections.unmodifiableMap(preds));
  }

  /** A graph from step id to the ids it depends on, in the map's iteration order. */
  public static StepGraph fromDependencies(Map<String, List<String>> dependsOn) {
    Map<String, List<String>> preds = new LinkedHashMap<>();
    dependsOn.forEach((id, deps) -> preds.put(id, List.copyOf(new LinkedHashSet<>(deps))));
    return new StepGraph(Collections.unmodifiableMap(preds));
  }

  /** Step ids in declaration order. */
  public List<String> nodes() {
    return List.copyOf(predecessors.keySet());
  }

  /** The ids this step waits for. */
  public List<String> predecessors(String id) {
    return predecessors.getOrDefault(id, List.of());
  }

  /** The ids that wait for this step. */
  public List<String> successors(String id) {
    return successors.getOrDefault(id, List.of());
  }

  /** Steps that wait for nothing, in declaration order. */
  public List<String> roots() {
    return predecessors.keySet().stream().filter(id -> predecessors.get(id).isEmpty()).toList();
  }

  /** Steps nothing waits for, in declaration order. */
  public List<String> leaves() {
    return predecessors.keySet().stream().filter(id -> successors(id).isEmpty()).toList();
  }

  /**
   * A cycle, if the graph has one: the ids along it with the first repeated at the end ({@code [a,
   * b, a]}). Dependencies on ids that are not nodes are ignored here.
   */
  public Optional<List<String>> findCycle() {
    Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on the path, 2 = done
    List<String> path = new ArrayList<>();
    for (String start : predecessors.keySet()) {
      Optional<List<String>> cycle = visit(start, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String id, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(id);
    if (s != null && s == 2) {
      return Optional.empty();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      return Optional.of(List.copyOf(cycle));
    }
    state.put(id, 1);
    path.add(id);
    for (String dep : predecessors(id)) {
      if (predecessors.containsKey(dep)) {
        Optional<List<String>> cycle = visit(dep, state, path);
        if (cycle.isPresent()) {
          return cycle;
        }
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
    return Optional.empty();
  }

  /**
   * Step ids in an order where every step comes after all it depends on; ties keep declaration
   * order. Throws if the graph has a cycle (validation reports cycles before anything sorts).
   */
  public List<String> topologicalOrder() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> remaining = new HashMap<>();
    for (String id : predecessors.keySet()) {
      index.put(id, index.size());
      remaining.put(id, predecessors.get(id).size());
    }
    PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparing(index::get));
    ready.addAll(roots());
    List<String> order = new ArrayList<>(remaining.size());
    while (!ready.isEmpty()) {
      String next = ready.poll();
      order.add(next);
      for (String succ : successors(next)) {
        if (remaining.merge(succ, -1, Integer::sum) == 0) {
          ready.add(succ);
        }
      }
    }
    if (order.size() != predecessors.size()) {
      throw new IllegalStateException("the step graph has a cycle: " + findCycle().orElseThrow());
    }
    return List.copyOf(order);
  }

  /** Whether {@code to} can be reached from {@code from} following dependencies forwards. */
  public boolean reaches(String from, String to) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> stack = new ArrayList<>(List.of(from));
    while (!stack.isEmpty()) {
      String id = stack.remove(stack.size() - 1);
      if (id.equals(to)) {
        return true;
      }
      if (seen.add(id)) {
        stack.addAll(successors(id));
      }
    }
    return false;
  }
}
