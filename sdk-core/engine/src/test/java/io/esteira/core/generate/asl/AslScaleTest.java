package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.generate.Generated;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepGraph;
import io.esteira.core.model.TestModels;
import io.esteira.core.plan.ExecutionPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pipelines of 1,000 steps: what the limits say about them. How fast they are generated is measured
 * by the benchmark module ({@code scripts/bench.sh}), not here.
 */
class AslScaleTest {

  @Test
  void thousandStepChainFitsEveryLimit() {
    PipelineModel model = pipeline(1000, false);
    Generated generated = AslGenerator.generate(model);

    assertThat(generated.diagnostics()).isEmpty();
    assertThat(historyEvents(model)).isEqualTo(2 + 2 + 1000 * (2 + 4 * 4) + 16);
    // About 930 bytes per step once the placeholders are filled in (1,412 before the shared
    // parameters became variables and the per-step failure states went; 920 before PropagateTags
    // and the retriers that leave out ASL's defaults).
    assertThat(AslLimits.definitionBytes(model, generated.json())).isBetween(900_000L, 950_000L);
  }

  @Test
  void thousandIndependentStepsAreOneParallelStateThatFitsEveryLimit() {
    // A branch costs its StartAt/States wrapper and a Fail state that names its step, about 100
    // bytes; the cause is built once, on the failure path every branch shares. (Before, each
    // branch's Fail state built the cause itself: about 1,120 bytes per step, 1.12 MB refused.)
    PipelineModel model = pipeline(1000, true);
    Generated generated = AslGenerator.generate(model);

    assertThat(generated.json().path("States").path("Parallel 1").path("Branches")).hasSize(1000);
    assertThat(generated.diagnostics()).isEmpty();
    assertThat(historyEvents(model))
        .isEqualTo(2 + 2 + 1000 * (2 + 4 * 4) + 4 + (1 + 4 + 11 + 2 + 1));
    // About 1,042 bytes per step: 6.5 KB under the limit. Every byte a step gains costs 1 KB here.
    assertThat(AslLimits.definitionBytes(model, generated.json()))
        .isBetween(1_035_000L, 1_045_000L);
  }

  @Test
  void thousandStepGraphThatIsNotSeriesParallelIsPlannedWithReportedWaits() {
    Random random = new Random(20_260_101);
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      List<String> deps = new ArrayList<>();
      for (int j = Math.max(0, i - 40); j < i; j++) {
        if (random.nextInt(20) == 0) {
          deps.add("s" + j);
        }
      }
      dependsOn.put("s" + i, deps);
    }
    StepGraph graph = StepGraph.fromDependencies(dependsOn);

    assertThat(ExecutionPlan.of(graph).addedWaits()).isNotEmpty();
  }

  private static long historyEvents(PipelineModel model) {
    return AslLimits.historyEvents(
        model, MachineLayout.layOut(model, ExecutionPlan.of(model.graph()).shape().orElseThrow()));
  }

  /** {@code steps} one-line shell steps without retries, each after the previous or all at once. */
  static PipelineModel pipeline(int steps, boolean independent) {
    TestModels.Builder builder = TestModels.builder("bench");
    for (int i = 0; i < steps; i++) {
      TestModels.StepBuilder step = TestModels.step("step_" + i);
      if (!independent && i > 0) {
        step.dependsOn("step_" + (i - 1));
      }
      builder.step(step);
    }
    return builder.build();
  }
}
