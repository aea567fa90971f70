package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.HtmlReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cloud execution as a local run's record, and the report the local runner renders of it. */
class CloudReportTest {

  private static final List<String> RECSYS = List.of("extract_features", "score_model");

  private static RunRecord record(String fixture) {
    return CloudReport.record(
        HistoryReader.read(
            RecordedHistory.executionArn(fixture), RecordedHistory.load(fixture), RECSYS),
        "recsys",
        "dev");
  }

  @Test
  void aFailedExecutionIsARunWithEveryAttemptItsExitCodeCauseAndLog() {
    RunRecord record = record("failed-sync-task-with-retries.json");

    assertThat(record.runId()).isEqualTo("20261126-030000-4c1d");
    assertThat(record.project()).isEqualTo("recsys");
    assertThat(record.environment()).isEqualTo("dev");
    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    StepRecord score = record.steps().get(1);
    assertThat(score.status()).isEqualTo(StepStatus.FAILED);
    assertThat(score.attempts()).hasSize(4);
    assertThat(score.attempts())
        .allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.FAILED));
    assertThat(score.attempts().get(0).exitCode()).isNull();
    assertThat(score.attempts().get(0).cause()).isEqualTo("RunTask failed: RESOURCE:MEMORY");
    assertThat(score.attempts().get(3).exitCode()).isEqualTo(137);
    assertThat(score.attempts().get(3).log()).isEqualTo("logs/score_model.4.log");
    assertThat(record.steps().get(0).attempts().get(0).cause()).isNull();

    // run.json round-trips, so scripts/check-report.sh reads it as a local run's.
    assertThat(RunJson.parse(RunJson.write(record), "run.json")).isEqualTo(record);
  }

  @Test
  void aTimedOutExecutionCancelsItsRunningStepAndSkipsTheRest() {
    RunRecord record = record("timed-out-while-a-step-runs.json");

    assertThat(record.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(record.steps().get(0).status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(record.steps().get(0).attempts().get(0).outcome())
        .isEqualTo(AttemptOutcome.CANCELLED);
    assertThat(record.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(record.steps().get(1).note())
        .isEqualTo("not run: the execution ended before it (TIMED_OUT)");
  }

  @Test
  void theReportHasOneBarPerAttemptColouredByOutcome() {
    String html = HtmlReport.render(record("failed-sync-task-with-retries.json"));

    assertThat(html.split("<rect class=\"bar ", -1)).hasSize(1 + 5);
    assertThat(html)
        .contains("data-step=\"score_model\" data-attempt=\"4\" data-outcome=\"failed\"")
        .contains("data-step=\"extract_features\" data-attempt=\"1\" data-outcome=\"succeeded\"")
        .contains("href=\"logs/score_model.2.log\"")
        .contains("exit code 137: OutOfMemoryError: Container killed due to memory usage");
  }
}
