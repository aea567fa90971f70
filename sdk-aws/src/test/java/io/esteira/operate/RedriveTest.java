package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When {@link Redrive} refuses, on the histories of {@code HistoryReaderTest}. */
class RedriveTest {

  private static final List<String> RECSYS = List.of("extract_features", "score_model");

  private static ExecutionRun read(String fixture) {
    return HistoryReader.read(
        RecordedHistory.executionArn(fixture), RecordedHistory.load(fixture), RECSYS);
  }

  private static Optional<Diagnostic> refusal(String status, ExecutionRun run, boolean force) {
    return Redrive.refusal(
        status, Optional.of("REDRIVABLE"), Optional.empty(), run, "recsys", "dev", force);
  }

  @Test
  void aCaughtStepFailureIsRefusedBecauseARedriveWouldRunOnlyTheFailState() {
    ExecutionRun run = read("failed-sync-task-with-retries.json");

    Optional<Diagnostic> refusal = refusal("FAILED", run, false);

    assertThat(refusal).isPresent();
    assertThat(refusal.get().render())
        .contains("[ESTEIRA-OPS-REDRIVE-CAUGHT] execution " + run.executionArn())
        .contains("failed in step score_model, and the state machine caught that failure")
        .contains("ended in its Fail state Pipeline failed")
        .contains("without running score_model again")
        .contains("esteira start recsys --env dev")
        .contains("--force");
    assertThat(refusal("FAILED", run, true)).isEmpty();
  }

  @Test
  void anExecutionThatTimedOutWhileAStepRanIsRedrivenFromThatStep() {
    ExecutionRun run = read("timed-out-while-a-step-runs.json");

    assertThat(refusal("TIMED_OUT", run, false)).isEmpty();
    assertThat(Redrive.resumedStep(run).orElseThrow().id()).isEqualTo("extract_features");
  }

  @Test
  void runningSucceededAndNotRedrivableExecutionsAreRefusedWithWhy() {
    ExecutionRun run = read("timed-out-while-a-step-runs.json");

    assertThat(refusal("RUNNING", run, true).orElseThrow().render())
        .contains("[ESTEIRA-OPS-REDRIVE-NOT-REDRIVABLE]")
        .contains(
            "cannot be redriven: it is still running; start a new execution with esteira"
                + " start recsys --env dev");
    assertThat(refusal("SUCCEEDED", run, true).orElseThrow().render()).contains(": it succeeded;");
    assertThat(
            Redrive.refusal(
                    "TIMED_OUT",
                    Optional.of("NOT_REDRIVABLE"),
                    Optional.of("Execution redrivable period exceeded."),
                    run,
                    "recsys",
                    "dev",
                    true)
                .orElseThrow()
                .render())
        .contains("cannot be redriven: Execution redrivable period exceeded.;");
  }
}
