package io.esteira.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.StepGraph;
import io.esteira.core.plan.ExecutionPlan.AddedWait;
import io.esteira.core.plan.Plan.Parallel;
import io.esteira.core.plan.Plan.Series;
import io.esteira.core.plan.Plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructurePlannerTest {

  @Test
  void oneStepIsTheStep() {
    assertThat(plan(Map.of("a", List.of())).shape().orElseThrow()).isEqualTo(new Step("a"));
  }

  @Test
  void sequentialStepsAreOneSeries() {
    ExecutionPlan result = plan(deps("a", "", "b", "a", "c", "b"));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(new Series(List.of(step("a"), step("b"), step("c"))));
    assertThat(result.addedWaits()).isEmpty();
  }

  @Test
  void independentStepsAreBranchesInDeclarationOrder() {
    ExecutionPlan result = plan(deps("b", "", "a", "", "c", ""));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(new Parallel(List.of(step("b"), step("a"), step("c"))));
  }

  @Test
  void diamondIsSeriesAroundParallel() {
    ExecutionPlan result =
        plan(deps("extract", "", "left", "extract", "right", "extract", "join", "left,right"));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(
            new Series(
                List.of(
                    step("extract"),
                    new Parallel(List.of(step("left"), step("right"))),
                    step("join"))));
    assertThat(result.addedWaits()).isEmpty();
  }

  @Test
  void nestedSeriesParallelGraphNeedsNoWait() {
    // a -> (b -> (c | d) -> e | f) -> g: a parallel nested inside a branch.
    ExecutionPlan result =
        plan(deps("a", "", "b", "a", "c", "b", "d", "b", "e", "c,d", "f", "a", "g", "e,f"));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(
            new Series(
                List.of(
                    step("a"),
                    new Parallel(
                        List.of(
                            new Series(
                                List.of(
                                    step("b"),
                                    new Parallel(List.of(step("c"), step("d"))),
                                    step("e"))),
                            step("f"))),
                    step("g"))));
    assertThat(result.addedWaits()).isEmpty();
  }

  @Test
  void redundantTransitiveDependencyChangesNothing() {
    ExecutionPlan result = plan(deps("a", "", "b", "a", "c", "a,b"));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(new Series(List.of(step("a"), step("b"), step("c"))));
  }

  @Test
  void nShapeAddsOneReportedWaitAtTheLayerCut() {
    // c needs a and b, d needs b only: not series-parallel.
    ExecutionPlan result = plan(deps("a", "", "b", "", "c", "a,b", "d", "b"));

    assertThat(result.shape().orElseThrow())
        .isEqualTo(
            new Series(
                List.of(
                    new Parallel(List.of(step("a"), step("b"))),
                    new Parallel(List.of(step("c"), step("d"))))));
    assertThat(result.addedWaits()).containsExactly(new AddedWait("d", "a"));
  }

  @Test
  void layerCutKeepsTheLongestChain() {
    // Two chains a1->a2->a3 and b1->b2 with a cross edge a1 -> b2 and b1 -> a3.
    ExecutionPlan result = plan(deps("a1", "", "a2", "a1", "a3", "a2,b1", "b1", "", "b2", "b1,a1"));

    assertThat(depth(result.shape().orElseThrow())).isEqualTo(3);
    assertThat(result.addedWaits()).isNotEmpty();
  }

  private static int depth(Plan plan) {
    if (plan instanceof Step) {
      return 1;
    }
    if (plan instanceof Series series) {
      return series.parts().stream().mapToInt(StructurePlannerTest::depth).sum();
    }
    return ((Parallel) plan)
        .branches().stream().mapToInt(StructurePlannerTest::depth).max().orElse(0);
  }

  private static Step step(String id) {
    return new Step(id);
  }

  private static ExecutionPlan plan(Map<String, List<String>> dependsOn) {
    return StructurePlanner.plan(StepGraph.fromDependencies(dependsOn));
  }

  /** Pairs of step id and comma-separated dependencies, in declaration order. */
  private static Map<String, List<String>> deps(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1].isEmpty() ? List.of() : List.of(pairs[i + 1].split(",")));
    }
    return map;
  }
}
