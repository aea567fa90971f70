package io.esteira.core.plan;

import io.esteira.core.model.StepGraph;
import io.esteira.core.plan.ExecutionPlan.AddedWait;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a step dependency graph into sequences and parallel branches ({@link Plan}), the only
 * shapes a state machine can run, without dropping a dependency.
 *
 * <p>A set of steps is split, recursively, by the first rule that applies:
 *
 * <ol>
 *   <li>one step: the step itself;
 *   <li>groups with no dependency between them: a parallel state, one branch per group;
 *   <li>cut points where every step before the cut precedes (transitively) every step after it: a
 *       sequence of the parts between cut points;
 *   <li>otherwise the graph is not series-parallel here, and a cut must add waits. Steps are put in
 *       layers by the longest dependency path that leads to them inside the set, and the set is cut
 *       between two layers: the earlier layers run first, the later ones after. Of the possible
 *       cuts the one that adds the fewest waiting pairs is taken (ties: the most even split). Each
 *       added wait is reported as a pair (step, the step it now also waits for).
 * </ol>
 *
 * <p>Rules 1-3 alone decompose every series-parallel graph exactly: no wait is ever added to one.
 * Cutting between layers never makes the longest chain of steps longer, so a pipeline that was
 * {@code k} steps deep stays {@code k} steps deep. The cut is greedy, not a proven minimum.
 *
 * <p>Example: {@code c} depends on {@code a} and {@code b}, {@code d} depends on {@code b} only
 * (the "N" shape, the smallest graph that is not series-parallel). No group is independent and no
 * cut has all before it preceding all after it, so rule 4 cuts between layer {@code {a, b}} and
 * layer {@code {c, d}}: the plan is {@code Series[Parallel[a, b], Parallel[c, d]]}, and {@code d}
 * is reported to wait for {@code a}.
 *
 * <p>Order: steps are numbered in topological order, declaration order breaking ties; branches and
 * parts follow that order, so the same graph always gives the same plan.
 *
 * <p>Cost: the transitive closure as bit sets, then per split a pass over the set's members with
 * word-parallel set operations. A series-parallel pipeline of 1,000 steps plans in about a
 * millisecond; a tangled one, where rule 4 cuts often, in tens of milliseconds.
 */
final class StructurePlanner {

  private final String[] ids;
  private final int[][] predecessors;
  private final int[][] successors;
  private final BitSet[] ancestors;
  private final List<AddedWait> waits = new ArrayList<>();
  // Scratch space indexed by step; a split fills it for its own members and is done with it
  // before it recurses, so one array serves every split.
  private final int[] scratch;

  private StructurePlanner(StepGraph graph) {
    List<String> order = graph.topologicalOrder();
    int n = order.size();
    ids = order.toArray(String[]::new);
    scratch = new int[n];
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(ids[i], i);
    }
    predecessors = new int[n][];
    successors = new int[n][];
    for (int i = 0; i < n; i++) {
      predecessors[i] = indices(graph.predecessors(ids[i]), index);
      successors[i] = indices(graph.successors(ids[i]), index);
    }
    // In topological order every predecessor's ancestors are complete before they are used.
    ancestors = new BitSet[n];
    for (int i = 0; i < n; i++) {
      BitSet set = new BitSet(n);
      for (int p : predecessors[i]) {
        set.or(ancestors[p]);
        set.set(p);
      }
      ancestors[i] = set;
    }
  }

  /** The plan of this graph; see {@link ExecutionPlan#of}. */
  static ExecutionPlan plan(StepGraph graph) {
    if (graph.nodes().isEmpty()) {
      return new ExecutionPlan(graph, null, List.of());
    }
    StructurePlanner planner = new StructurePlanner(graph);
    BitSet all = new BitSet();
    all.set(0, planner.ids.length);
    Plan shape = planner.split(all);
    return new ExecutionPlan(graph, shape, planner.waits);
  }

  private static int[] indices(List<String> ids, Map<String, Integer> index) {
    int[] result = new int[ids.size()];
    for (int i = 0; i < result.length; i++) {
      Integer at = index.get(ids.get(i));
      if (at == null) {
        throw new IllegalArgumentException("dependency on unknown step '" + ids.get(i) + "'");
      }
      result[i] = at;
    }
    return result;
  }

  /** The plan of a convex set of steps: anything between two of its members is a member. */
  private Plan split(BitSet set) {
    int[] members = set.stream().toArray();
    if (members.length == 1) {
      return new Plan.Step(ids[members[0]]);
    }
    List<BitSet> groups = independentGroups(set, members);
    if (groups.size() > 1) {
      List<Plan> branches = new ArrayList<>(groups.size());
      groups.forEach(group -> branches.add(split(group)));
      return new Plan.Parallel(branches);
    }
    List<BitSet> parts = seriesParts(set, members);
    if (parts.size() == 1) {
      parts = layerCut(set, members);
    }
    List<Plan> sequence = new ArrayList<>();
    parts.forEach(part -> sequence.addAll(split(part).asSequence()));
    return new Plan.Series(sequence);
  }

  /** The weakly connected groups of the set, ordered by their first member. */
  private List<BitSet> independentGroups(BitSet set, int[] members) {
    int[] parent = scratch;
    for (int m : members) {
      parent[m] = m;
    }
    for (int m : members) {
      for (int p : predecessors[m]) {
        if (set.get(p)) {
          parent[find(parent, m)] = find(parent, p);
        }
      }
    }
    Map<Integer, BitSet> byRoot = new LinkedHashMap<>();
    for (int m : members) {
      byRoot.computeIfAbsent(find(parent, m), r -> new BitSet()).set(m);
    }
    return new ArrayList<>(byRoot.values());
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) {
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }

  /**
   * The set cut at every point where all members before precede all members after; members are in
   * topological order, so such a cut is always a prefix. {@code lead[j]} counts the members at the
   * front of the order that are all ancestors of member {@code j}; a cut after {@code k} members
   * holds when every later member has {@code lead >= k}.
   */
  private List<BitSet> seriesParts(BitSet set, int[] members) {
    int m = members.length;
    int[] rank = scratch;
    for (int j = 0; j < m; j++) {
      rank[members[j]] = j;
    }
    int[] lead = new int[m];
    for (int j = 0; j < m; j++) {
      BitSet missing = (BitSet) set.clone();
      missing.andNot(ancestors[members[j]]);
      lead[j] = rank[missing.nextSetBit(0)];
    }
    List<BitSet> parts = new ArrayList<>();
    int suffixMin = Integer.MAX_VALUE;
    boolean[] cutBefore = new boolean[m];
    for (int k = m - 1; k >= 1; k--) {
      suffixMin = Math.min(suffixMin, lead[k]);
      cutBefore[k] = suffixMin >= k;
    }
    BitSet current = new BitSet();
    for (int j = 0; j < m; j++) {
      if (cutBefore[j]) {
        parts.add(current);
        current = new BitSet();
      }
      current.set(members[j]);
    }
    parts.add(current);
    return parts;
  }

  /** Rule 4: the set cut between two dependency layers, recording the waits the cut adds. */
  private List<BitSet> layerCut(BitSet set, int[] members) {
    int[] depth = scratch;
    int layers = 0;
    for (int member : members) {
      int d = 0;
      for (int p : predecessors[member]) {
        if (set.get(p)) {
          d = Math.max(d, depth[p] + 1);
        }
      }
      depth[member] = d;
      layers = Math.max(layers, d + 1);
    }
    // cost[d] = pairs (a, b) with a in layers <= d, b in a later layer, b not after a already.
    long[] diff = new long[layers + 1];
    int[] layerSize = new int[layers];
    for (int b : members) {
      int db = depth[b];
      layerSize[db]++;
      BitSet unrelated = (BitSet) set.clone();
      unrelated.andNot(ancestors[b]);
      for (int a = unrelated.nextSetBit(0); a >= 0; a = unrelated.nextSetBit(a + 1)) {
        int da = depth[a];
        if (da < db) {
          diff[da]++;
          diff[db]--;
        }
      }
    }
    int best = -1;
    long bestCost = Long.MAX_VALUE;
    long bestImbalance = Long.MAX_VALUE;
    long cost = 0;
    int before = 0;
    for (int d = 0; d < layers - 1; d++) {
      cost += diff[d];
      before += layerSize[d];
      long imbalance = Math.abs(members.length - 2L * before);
      if (cost < bestCost || (cost == bestCost && imbalance < bestImbalance)) {
        best = d;
        bestCost = cost;
        bestImbalance = imbalance;
      }
    }
    BitSet first = new BitSet();
    BitSet second = new BitSet();
    for (int member : members) {
      (depth[member] <= best ? first : second).set(member);
    }
    recordWaits(first, second);
    return List.of(first, second);
  }

  /**
   * Every step of {@code second} now waits for every step of {@code first}. Reported are the pairs
   * (first step of {@code second}, last step of {@code first}) not already ordered: the others
   * follow from them and the declared dependencies.
   */
  private void recordWaits(BitSet first, BitSet second) {
    for (int b = second.nextSetBit(0); b >= 0; b = second.nextSetBit(b + 1)) {
      if (hasMemberIn(predecessors[b], second)) {
        continue;
      }
      for (int a = first.nextSetBit(0); a >= 0; a = first.nextSetBit(a + 1)) {
        if (!hasMemberIn(successors[a], first) && !ancestors[b].get(a)) {
          waits.add(new AddedWait(ids[b], ids[a]));
        }
      }
    }
  }

  private static boolean hasMemberIn(int[] nodes, BitSet set) {
    for (int node : nodes) {
      if (set.get(node)) {
        return true;
      }
    }
    return false;
  }
}
