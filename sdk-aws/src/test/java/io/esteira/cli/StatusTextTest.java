package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.operate.ExecutionRun;
import io.esteira.operate.HistoryReader;
import io.esteira.operate.RecordedHistory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code esteira status --execution} shows an execution, on recorded-shape histories. */
class StatusTextTest {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  private static ExecutionRun failed() {
    String fixture = "failed-sync-task-with-retries.json";
    return HistoryReader.read(
        RecordedHistory.executionArn(fixture),
        RecordedHistory.load(fixture),
        List.of("extract_features", "score_model"));
  }

  @Test
  void textShowsEachStepItsAttemptsAndWhyTheExecutionFailed() {
    String text = StatusCommand.ExecutionText.of(failed(), "dev", NOW);

    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo(
            "execution 20261126-030000-4c1d of recsys-workflow (dev): FAILED after 11m 01s,"
                + " started 2026-11-26T03:00:00.120Z");
    assertThat(text)
        .contains(
            "  https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:recsys-workflow:20261126-030000-4c1d")
        .contains("  STEP              STATE      ATTEMPTS  DURATION  CAUSE")
        .contains("  extract_features  SUCCEEDED  1         4m 10s")
        .contains(
            "  score_model       FAILED     4         6m 50s    exit code 137: OutOfMemoryError:"
                + " Container killed due to memory usage; Essential container in task exited")
        .contains("  attempts of score_model:")
        .contains("    1: failed at +4m 10s, 600 ms: RunTask failed: RESOURCE:MEMORY")
        .contains(
            "    2: failed at +5m 11s, 1m 35s, task a1b2c3d4e5f60718293a4b5c6d7e8f90: exit code 1:"
                + " Essential container in task exited")
        .contains(
            "    4: failed at +10m 01s, 1m 00s, task c3d4e5f60718293a4b5c6d7e8f90a1b2: exit code 137")
        .endsWith(
            "  failed in its Fail state 'Pipeline failed': States.TaskFailed: Step score_model failed");
    assertThat(text).doesNotContain("attempts of extract_features");
  }

  @Test
  void jsonHasEveryAttemptWhole() {
    JsonNode json = StatusCommand.ExecutionJson.of(failed(), NOW);

    assertThat(json.path("status").asText()).isEqualTo("FAILED");
    assertThat(json.path("failState").asText()).isEqualTo("Pipeline failed");
    JsonNode score = json.path("steps").get(1);
    assertThat(score.path("id").asText()).isEqualTo("score_model");
    assertThat(score.path("attempts")).hasSize(4);
    JsonNode last = score.path("attempts").get(3);
    assertThat(last.path("exitCode").asInt()).isEqualTo(137);
    assertThat(last.path("taskArn").asText())
        .isEqualTo(
            "arn:aws:ecs:us-east-1:123456789012:task/ml-cluster-recsys/c3d4e5f60718293a4b5c6d7e8f90a1b2");
    assertThat(score.path("attempts").get(0).path("exitCode").isNull()).isTrue();
    assertThat(score.path("attempts").get(0).path("error").asText()).isEqualTo("AmazonECS.Unknown");
  }
}
