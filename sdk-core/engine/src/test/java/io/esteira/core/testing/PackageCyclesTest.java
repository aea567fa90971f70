package io.esteira.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.StepContext;
import io.esteira.core.plan.ExecutionPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No package of esteira-api or esteira-engine depends, through others, on itself; and the local
 * runner takes nothing from the AWS generators. Read from the compiled main classes with {@code
 * jdeps}.
 */
class PackageCyclesTest {

  private static final Path API = PackageCycles.classRoot(StepContext.class);
  private static final Path ENGINE = PackageCycles.classRoot(ExecutionPlan.class);

  @Test
  void theMainPackagesOfTheApiAndTheEngineHaveNoCycle() {
    PackageCycles.assertNone("io.esteira", API, ENGINE);
  }

  @Test
  void theLocalRunnerTakesItsOrderFromThePlanNotFromTheGenerators() {
    Map<String, Set<String>> graph = PackageCycles.dependencies("io.esteira", API, ENGINE);

    assertThat(graph.get("io.esteira.local")).contains("io.esteira.core.plan");
    for (String runner : List.of("io.esteira.local", "io.esteira.local.report")) {
      // One exception: a cloud-shaped run (--store s3://...) runs the ECS transfer containers'
      // scripts verbatim, so it reads them from TransferScripts in generate.ecs.
      assertThat(graph.get(runner))
          .as("what %s uses", runner)
          .noneMatch(
              p ->
                  p.startsWith("io.esteira.core.generate.")
                      && !p.equals("io.esteira.core.generate.ecs"));
    }
  }

  @Test
  void theGraphReadIsTheOneJdepsSees() {
    Map<String, Set<String>> graph = PackageCycles.dependencies("io.esteira", API, ENGINE);

    assertThat(graph.get("io.esteira.core.generate.asl"))
        .contains("io.esteira.core.generate", "io.esteira.core.plan", "io.esteira.core.model");
    assertThat(graph).doesNotContainKey("java.util");
  }

  @Test
  void cyclesAreTheStronglyConnectedGroups() {
    Map<String, Set<String>> graph =
        Map.of(
            "a", Set.of("b"),
            "b", Set.of("c"),
            "c", Set.of("a", "d"),
            "d", Set.of(),
            "e", Set.of("f"),
            "f", Set.of("e"));

    assertThat(PackageCycles.cycles(graph))
        .containsExactly(Set.of("a", "b", "c"), Set.of("e", "f"));
    assertThat(PackageCycles.cycles(Map.of("a", Set.of("b"), "b", Set.of()))).isEmpty();
  }
}
