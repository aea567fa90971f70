package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.operate.ExecutionRun.Attempt;
import io.esteira.operate.ExecutionRun.Outcome;
import io.esteira.operate.ExecutionRun.StepRun;
import io.esteira.operate.ExecutionRun.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@link HistoryReader} on histories moto cannot produce, constructed in the shape AWS records them
 * (each fixture's {@code _about} says how): retries of a failed {@code .sync} task, a step's own
 * timeout, the execution's timeout, parallel branches whose events interleave, a redrive.
 */
class HistoryReaderTest {

  private static final List<String> RECSYS = List.of("extract_features", "score_model");

  /** The churn example's steps as its generated state machine lists them. */
  private static List<String> churnSteps() throws Exception {
    return StateMachineSteps.of(
        Files.readString(
            Path.of("../sdk-core/engine/src/test/resources/golden/asl/churn.prd.asl.json")));
  }

  private static ExecutionRun read(String fixture, List<String> steps) {
    return HistoryReader.read(
        RecordedHistory.executionArn(fixture), RecordedHistory.load(fixture), steps);
  }

  @Test
  void aFailedSyncTaskIsEveryAttemptWithItsExitCodeAndStopReasonAndTheFailStateItEndedIn() {
    ExecutionRun run = read("failed-sync-task-with-retries.json", RECSYS);

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(run.name()).isEqualTo("20261126-030000-4c1d");
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-11-26T03:00:00.120Z"));
    assertThat(run.endedAt()).isPresent();
    assertThat(run.failState()).contains("Pipeline failed");
    assertThat(run.error()).contains("States.TaskFailed");
    assertThat(run.cause().orElseThrow()).startsWith("Step score_model failed: ");
    // The notification's sns:publish Task state is not a step.
    assertThat(run.steps())
        .extracting(StepRun::id)
        .containsExactly("extract_features", "score_model");

    StepRun extract = run.step("extract_features").orElseThrow();
    assertThat(extract.state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(extract.attempts()).hasSize(1);
    Attempt only = extract.attempts().get(0);
    assertThat(only.outcome()).contains(Outcome.SUCCEEDED);
    assertThat(only.task().exitCode()).contains(0);
    assertThat(only.task().taskId()).contains("0d3f5c6e7a8b4c9d8e1f2a3b4c5d6e7f");
    assertThat(only.task().taskDefinitionArn())
        .contains("arn:aws:ecs:us-east-1:123456789012:task-definition/recsys:3");
    assertThat(only.stepContainer()).contains("recsys");
    assertThat(only.duration(Instant.MAX)).isEqualTo(Duration.ofSeconds(250));
    assertThat(extract.cause()).isEmpty();

    StepRun score = run.step("score_model").orElseThrow();
    assertThat(score.state()).isEqualTo(StepState.FAILED);
    assertThat(score.attempts()).extracting(Attempt::number).containsExactly(1, 2, 3, 4);
    assertThat(score.attempts()).allSatisfy(a -> assertThat(a.outcome()).contains(Outcome.FAILED));

    Attempt noCapacity = score.attempts().get(0);
    assertThat(noCapacity.error()).contains("AmazonECS.Unknown");
    assertThat(noCapacity.task().taskArn()).isEmpty();
    assertThat(noCapacity.summary()).contains("RunTask failed: RESOURCE:MEMORY");

    Attempt exit1 = score.attempts().get(1);
    assertThat(exit1.error()).contains("States.TaskFailed");
    assertThat(exit1.task().exitCode()).contains(1);
    assertThat(exit1.task().container()).contains("recsys");
    assertThat(exit1.task().taskId()).contains("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    assertThat(exit1.summary()).contains("exit code 1: Essential container in task exited");
    // The wait the retrier made shows between the attempts.
    assertThat(score.attempts().get(2).scheduledAt())
        .isEqualTo(exit1.endedAt().orElseThrow().plusSeconds(31));

    Attempt oom = score.attempts().get(3);
    assertThat(oom.task().exitCode()).contains(137);
    assertThat(oom.summary())
        .contains(
            "exit code 137: OutOfMemoryError: Container killed due to memory usage; Essential"
                + " container in task exited");
    assertThat(score.cause()).isEqualTo(oom.summary());
    assertThat(score.duration(Instant.MAX))
        .contains(Duration.between(noCapacity.scheduledAt(), oom.endedAt().orElseThrow()));
  }

  @Test
  void theExecutionsTimeoutCancelsTheRunningStepAndLeavesTheNextPending() {
    ExecutionRun run = read("timed-out-while-a-step-runs.json", RECSYS);

    assertThat(run.status()).isEqualTo("TIMED_OUT");
    assertThat(run.error()).contains("States.Timeout");
    assertThat(run.failState()).isEmpty();
    assertThat(run.duration(Instant.MAX)).isEqualTo(Duration.ofMillis(3_600_000));

    StepRun extract = run.step("extract_features").orElseThrow();
    assertThat(extract.state()).isEqualTo(StepState.CANCELLED);
    Attempt attempt = extract.attempts().get(0);
    assertThat(attempt.outcome()).contains(Outcome.CANCELLED);
    assertThat(attempt.endedAt()).isEqualTo(run.endedAt());
    // The task's id comes from RunTask's answer, the only one the history has for it.
    assertThat(attempt.task().taskId()).contains("e5f60718293a4b5c6d7e8f90a1b2c3d4");
    assertThat(attempt.summary()).contains("stopped when the execution ended");

    StepRun score = run.step("score_model").orElseThrow();
    assertThat(score.state()).isEqualTo(StepState.PENDING);
    assertThat(score.attempts()).isEmpty();
    assertThat(score.duration(Instant.MAX)).isEmpty();
  }

  @Test
  void aStepsOwnTimeoutIsTimedOutWithItsCause() {
    ExecutionRun run = read("step-timed-out.json", RECSYS);

    StepRun extract = run.step("extract_features").orElseThrow();
    assertThat(extract.state()).isEqualTo(StepState.TIMED_OUT);
    Attempt attempt = extract.attempts().get(0);
    assertThat(attempt.outcome()).contains(Outcome.TIMED_OUT);
    assertThat(attempt.error()).contains("States.Timeout");
    assertThat(attempt.summary()).contains("timed out: Task timed out after 600 seconds");
    assertThat(attempt.task().exitCode()).isEmpty();
    assertThat(run.failState()).contains("Pipeline failed");
    assertThat(run.step("score_model").orElseThrow().state()).isEqualTo(StepState.PENDING);
  }

  @Test
  void parallelBranchesInterleavedAreToldApartByTheirChainOfEvents() throws Exception {
    ExecutionRun run = read("parallel-branches-succeeded.json", churnSteps());

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(run.error()).isEmpty();
    assertThat(run.steps())
        .extracting(StepRun::id)
        .containsExactly("load_data", "train_gbm", "train_linear", "pick_best");
    assertThat(run.steps()).allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));

    StepRun gbm = run.step("train_gbm").orElseThrow();
    assertThat(gbm.attempts()).hasSize(1);
    assertThat(gbm.attempts().get(0).task().taskId()).contains("2a3b4c5d6e7f8091a2b3c4d5e6f70819");

    StepRun linear = run.step("train_linear").orElseThrow();
    assertThat(linear.attempts()).hasSize(2);
    assertThat(linear.attempts().get(0).outcome()).contains(Outcome.FAILED);
    assertThat(linear.attempts().get(0).task().exitCode()).contains(2);
    assertThat(linear.attempts().get(0).task().taskId())
        .contains("3b4c5d6e7f8091a2b3c4d5e6f708192a");
    assertThat(linear.attempts().get(1).outcome()).contains(Outcome.SUCCEEDED);
    assertThat(linear.attempts().get(1).task().taskId())
        .contains("4c5d6e7f8091a2b3c4d5e6f708192a3b");
    // A step that succeeded after a retry has no cause to show.
    assertThat(linear.cause()).isEmpty();
  }

  @Test
  void theEventsOrderOnThePageDoesNotMatter() {
    List<HistoryEvent> events =
        new ArrayList<>(RecordedHistory.load("parallel-branches-succeeded.json"));
    Collections.reverse(events);
    ExecutionRun reversed =
        HistoryReader.read(
            "arn", events, List.of("load_data", "train_gbm", "train_linear", "pick_best"));

    assertThat(reversed.step("train_linear").orElseThrow().attempts()).hasSize(2);
    assertThat(reversed.status()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aRedrivenExecutionRunsAgainAndItsStepsAttemptsContinue() {
    ExecutionRun run = read("redriven-after-timeout-succeeded.json", RECSYS);

    assertThat(run.status()).isEqualTo("SUCCEEDED");
    assertThat(run.redrives()).isEqualTo(1);
    assertThat(run.error()).isEmpty();
    StepRun extract = run.step("extract_features").orElseThrow();
    assertThat(extract.state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(extract.attempts()).extracting(Attempt::number).containsExactly(1, 2);
    assertThat(extract.attempts().get(0).outcome()).contains(Outcome.CANCELLED);
    assertThat(extract.attempts().get(0).endedAt()).contains(Instant.parse("2026-11-30T04:00:00Z"));
    assertThat(extract.attempts().get(1).outcome()).contains(Outcome.SUCCEEDED);
    assertThat(run.step("score_model").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aHistoryWithoutEndIsRunningAndItsOpenAttemptHasNoOutcome() {
    List<HistoryEvent> events = RecordedHistory.load("failed-sync-task-with-retries.json");
    // Cut it just after score_model's second attempt was submitted.
    List<HistoryEvent> cut = events.stream().filter(e -> e.id() <= 16).toList();
    ExecutionRun run = HistoryReader.read("arn", cut, RECSYS);

    assertThat(run.status()).isEqualTo("RUNNING");
    assertThat(run.running()).isTrue();
    StepRun score = run.step("score_model").orElseThrow();
    assertThat(score.state()).isEqualTo(StepState.RUNNING);
    Attempt open = score.attempts().get(1);
    assertThat(open.outcome()).isEmpty();
    assertThat(open.endedAt()).isEmpty();
    assertThat(open.task().taskId()).contains("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    assertThat(open.summary()).isEmpty();
    assertThat(score.cause()).isEmpty();

    // Between a failed attempt and its retry the step still runs: the retrier waits.
    ExecutionRun waiting =
        HistoryReader.read("arn", events.stream().filter(e -> e.id() <= 17).toList(), RECSYS);
    assertThat(waiting.step("score_model").orElseThrow().state()).isEqualTo(StepState.RUNNING);
  }

  @Test
  void mothsStaticHistoryHasNoStepsRun() {
    // moto_server answers every execution with one Pass state and no end.
    ExecutionRun run =
        HistoryReader.read(
            "arn",
            List.of(
                HistoryEvent.builder()
                    .id(1L)
                    .previousEventId(0L)
                    .type("ExecutionStarted")
                    .timestamp(Instant.parse("2020-01-01T00:00:00Z"))
                    .build(),
                HistoryEvent.builder()
                    .id(2L)
                    .previousEventId(0L)
                    .type("PassStateEntered")
                    .timestamp(Instant.parse("2020-01-01T00:00:10Z"))
                    .stateEnteredEventDetails(d -> d.name("A State"))
                    .build()),
            RECSYS);

    assertThat(run.status()).isEqualTo("RUNNING");
    assertThat(run.steps()).allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.PENDING));
    assertThat(run.failState()).isEqualTo(Optional.empty());
  }
}
