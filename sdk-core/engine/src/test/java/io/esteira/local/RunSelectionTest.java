package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunSelection.Choice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which steps --only, --from and --resume run, and why the others do not. */
class RunSelectionTest {

  // a -> b -> c, a -> d
  private final PipelineModel model =
      builder("p")
          .step(step("a"))
          .step(step("b").dependsOn("a"))
          .step(step("c").dependsOn("b"))
          .step(step("d").dependsOn("a"))
          .build();

  @Test
  void withoutSelectionEveryStepRuns() {
    assertThat(runs(RunSelection.choose(model, none(), none(), Optional.empty())))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void onlyRunsOneStepAndSaysWhyTheOthersAreLeftOut() {
    Map<String, Choice> choices =
        RunSelection.choose(model, Optional.of("b"), none(), Optional.empty());

    assertThat(runs(choices)).containsExactly("b");
    assertThat(choices.get("a").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(choices.get("a").note()).isEqualTo("left out by --only b");
  }

  @Test
  void fromRunsTheStepAndEverythingDownstream() {
    assertThat(runs(RunSelection.choose(model, none(), Optional.of("b"), Optional.empty())))
        .containsExactly("b", "c");
    assertThat(runs(RunSelection.choose(model, none(), Optional.of("a"), Optional.empty())))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void resumeReusesWhatSucceededAndRerunsTheRestWithItsDownstream() {
    RunRecord previous =
        record(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SKIPPED, StepStatus.CANCELLED);

    Map<String, Choice> choices = RunSelection.choose(model, none(), none(), Optional.of(previous));

    assertThat(runs(choices)).containsExactly("b", "c", "d");
    assertThat(choices.get("a").status()).isEqualTo(StepStatus.REUSED);
    assertThat(choices.get("a").note()).isEqualTo("succeeded in run 20261126-030000-abcd");
  }

  @Test
  void resumeRerunsASucceededStepWhoseUpstreamRunsAgain() {
    // The earlier run was --only b: b succeeded without a, so a runs now and b must follow it.
    RunRecord previous =
        record(StepStatus.SKIPPED, StepStatus.SUCCEEDED, StepStatus.SKIPPED, StepStatus.SKIPPED);

    assertThat(runs(RunSelection.choose(model, none(), none(), Optional.of(previous))))
        .containsExactly("a", "b", "c", "d");
  }

  @Test
  void aStepReusedInTheResumedRunIsReusedAgain() {
    RunRecord previous =
        record(StepStatus.REUSED, StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SUCCEEDED);

    assertThat(runs(RunSelection.choose(model, none(), none(), Optional.of(previous))))
        .containsExactly("c");
  }

  private RunRecord record(StepStatus... statuses) {
    List<String> ids = List.of("a", "b", "c", "d");
    List<StepRecord> steps =
        java.util.stream.IntStream.range(0, ids.size())
            .mapToObj(
                i ->
                    new StepRecord(ids.get(i), ids.get(i), List.of(), statuses[i], List.of(), null))
            .toList();
    return new RunRecord(
        "20261126-030000-abcd",
        "p",
        "dev",
        RunStatus.FAILED,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        steps);
  }

  private static List<String> runs(Map<String, Choice> choices) {
    return choices.entrySet().stream()
        .filter(e -> e.getValue().runs())
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Optional<String> none() {
    return Optional.empty();
  }
}
