package io.esteira.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.StepGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionPlanTest {

  @Test
  void waitsAreTheDeclaredDependenciesThenTheAddedWaitsInDeclarationOrder() {
    // The "N" shape: c after a and b, d after b only; the plan makes d wait for a too.
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    dependsOn.put("a", List.of());
    dependsOn.put("b", List.of());
    dependsOn.put("c", List.of("a", "b"));
    dependsOn.put("d", List.of("b"));

    ExecutionPlan plan = ExecutionPlan.of(StepGraph.fromDependencies(dependsOn));

    assertThat(plan.addedWaits()).containsExactly(new ExecutionPlan.AddedWait("d", "a"));
    assertThat(plan.waits())
        .containsExactly(
            Map.entry("a", List.of()),
            Map.entry("b", List.of()),
            Map.entry("c", List.of("a", "b")),
            Map.entry("d", List.of("b", "a")));
  }

  @Test
  void aSeriesParallelGraphWaitsOnlyForWhatItDeclares() {
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    dependsOn.put("a", List.of());
    dependsOn.put("b", List.of("a"));
    dependsOn.put("c", List.of("a"));

    ExecutionPlan plan = ExecutionPlan.of(StepGraph.fromDependencies(dependsOn));

    assertThat(plan.addedWaits()).isEmpty();
    assertThat(plan.waits()).isEqualTo(dependsOn);
  }

  @Test
  void aPipelineWithoutStepsHasNoShapeAndNoWaits() {
    ExecutionPlan plan = ExecutionPlan.of(StepGraph.fromDependencies(Map.of()));

    assertThat(plan.shape()).isEmpty();
    assertThat(plan.waits()).isEmpty();
  }
}
