package io.esteira.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.ReportInputs.MetricSeries;
import io.esteira.local.report.ReportInputs.ReusedStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report finds in run directories: metrics files, and where reused steps ran. */
class ReportSourcesTest {

  private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");

  @TempDir Path runs;

  private static AttemptRecord attempt(String step, int n, AttemptOutcome outcome) {
    return new AttemptRecord(
        n, T0, T0.plusSeconds(1), outcome, 0, null, "logs/" + step + "." + n + ".log");
  }

  private static StepRecord step(String id, StepStatus status, AttemptRecord... attempts) {
    return new StepRecord(id, id, List.of(), status, List.of(attempts), null);
  }

  private Path write(String runId, String resumedFrom, StepRecord... steps) throws IOException {
    Path dir = Files.createDirectories(runs.resolve(runId));
    RunJson.writeTo(
        new RunRecord(runId, "p", "dev", RunStatus.SUCCEEDED, T0, T0, resumedFrom, List.of(steps)),
        dir.resolve(RunJson.FILE));
    return dir;
  }

  private static void tracking(Path file, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  @Test
  void metricsComeFromEachAttemptsTrackingFileAndNothingElseInItCounts() throws IOException {
    Path run =
        write(
            "r1",
            null,
            step(
                "train",
                StepStatus.SUCCEEDED,
                attempt("train", 1, AttemptOutcome.FAILED),
                attempt("train", 2, AttemptOutcome.SUCCEEDED)));
    tracking(
        run.resolve("work/train/1/mlflow-tracking.jsonl"),
        "{\"run_id\":\"local-r1-train-1\",\"type\":\"metric\",\"key\":\"loss\",\"value\":0.9,\"step\":0}");
    tracking(
        run.resolve("work/train/2/mlflow-tracking.jsonl"),
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"start\"}",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"tag\",\"key\":\"esteira.step\",\"value\":\"train\"}",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"param\",\"key\":\"alpha\",\"value\":\"0.1\"}",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"metric\",\"key\":\"loss\",\"value\":0.4,\"step\":3}",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"metric\",\"key\":\"auc\",\"value\":\"NaN\"}",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"metric\",\"key\":\"broken\",\"value\":\"high\"}",
        "{\"type\":\"metric\",\"key\":\"half",
        "{\"run_id\":\"local-r1-train-2\",\"type\":\"end\",\"key\":\"status\",\"value\":\"FINISHED\"}");

    ReportInputs inputs = ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE)));

    List<MetricSeries> train = inputs.metrics().get("train");
    assertThat(train)
        .extracting(m -> m.attempt() + " " + m.key() + "=" + m.last() + "@" + m.lastStep())
        .containsExactly("1 loss=0.9@0", "2 loss=0.4@3", "2 auc=NaN@null");
    assertThat(inputs.reused()).isEmpty();
  }

  @Test
  void inASharedWorkDirectoryEachLineCountsForTheAttemptItsRunIdNames() throws IOException {
    Path run =
        write(
            "r1",
            null,
            step("a", StepStatus.SUCCEEDED, attempt("a", 1, AttemptOutcome.SUCCEEDED)),
            step("b", StepStatus.SUCCEEDED, attempt("b", 1, AttemptOutcome.SUCCEEDED)));
    tracking(
        run.resolve("work/mlflow-tracking.jsonl"),
        "{\"run_id\":\"local-r1-a-1\",\"type\":\"metric\",\"key\":\"rows\",\"value\":10.0}",
        "{\"run_id\":\"local-r1-b-1\",\"type\":\"metric\",\"key\":\"rows\",\"value\":20.0}",
        "{\"run_id\":\"local-r0-a-1\",\"type\":\"metric\",\"key\":\"rows\",\"value\":99.0}");

    ReportInputs inputs = ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE)));

    assertThat(inputs.metrics().get("a")).extracting(MetricSeries::last).containsExactly(10.0);
    assertThat(inputs.metrics().get("b")).extracting(MetricSeries::last).containsExactly(20.0);
  }

  @Test
  void aReusedStepIsFollowedToTheRunItRanInThroughRunsThatReusedItToo() throws IOException {
    Path first =
        write(
            "r1",
            null,
            step(
                "extract",
                StepStatus.SUCCEEDED,
                attempt("extract", 1, AttemptOutcome.FAILED),
                attempt("extract", 2, AttemptOutcome.SUCCEEDED)),
            step("score", StepStatus.FAILED, attempt("score", 1, AttemptOutcome.FAILED)));
    tracking(
        first.resolve("work/extract/2/mlflow-tracking.jsonl"),
        "{\"run_id\":\"local-r1-extract-2\",\"type\":\"metric\",\"key\":\"rows\",\"value\":600}");
    write(
        "r2",
        "r1",
        step("extract", StepStatus.REUSED),
        step("score", StepStatus.SUCCEEDED, attempt("score", 1, AttemptOutcome.SUCCEEDED)));
    Path third =
        write("r3", "r2", step("extract", StepStatus.REUSED), step("score", StepStatus.REUSED));

    ReportInputs inputs = ReportSources.read(third, RunJson.read(third.resolve(RunJson.FILE)));

    assertThat(inputs.reused())
        .containsEntry("extract", new ReusedStep("r1", "../r1/logs/extract.2.log", 2))
        .containsEntry("score", new ReusedStep("r2", "../r2/logs/score.1.log", 1));
    // The link works from the run's directory: run directories sit side by side.
    assertThat(third.resolve(inputs.reused().get("extract").log()).normalize())
        .isEqualTo(first.resolve("logs/extract.2.log"));
    assertThat(inputs.metrics().get("extract"))
        .extracting(m -> m.attempt() + " " + m.key() + "=" + m.last())
        .containsExactly("2 rows=600.0");
  }

  @Test
  void aResumedRunThatIsGoneLeavesTheStepWithoutALink() throws IOException {
    Path run = write("r2", "r1", step("extract", StepStatus.REUSED));

    ReportInputs inputs = ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE)));

    assertThat(inputs.reused()).isEmpty();
    assertThat(new ArrayList<>(inputs.metrics().keySet())).isEmpty();
  }

  @Test
  void aByteThatIsNotUtf8ReadsAsAReplacementAndSeriesAreSummedUpAsTheyAreRead() throws IOException {
    Path run =
        write(
            "r1",
            null,
            step("train", StepStatus.SUCCEEDED, attempt("train", 1, AttemptOutcome.SUCCEEDED)));
    Path file = run.resolve("work/train/1/mlflow-tracking.jsonl");
    Files.createDirectories(file.getParent());
    try (var out = Files.newOutputStream(file)) {
      for (int i = 0; i < 1000; i++) {
        out.write(
            ("{\"type\":\"metric\",\"key\":\"loss\",\"value\":"
                    + (1000 - i)
                    + ",\"step\":"
                    + i
                    + "}\n")
                .getBytes(StandardCharsets.UTF_8));
        if (i == 500) {
          // A Latin-1 byte in a metric's name: the rest of the file still counts.
          out.write("{\"type\":\"metric\",\"key\":\"caf".getBytes(StandardCharsets.UTF_8));
          out.write(0xE9);
          out.write("\",\"value\":5}\n".getBytes(StandardCharsets.UTF_8));
        }
      }
      out.write(
          "{\"type\":\"metric\",\"key\":\"auc\",\"value\":0.75}\n"
              .getBytes(StandardCharsets.UTF_8));
    }

    ReportInputs inputs = ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE)));

    assertThat(inputs.metrics().get("train"))
        .containsExactly(
            new MetricSeries(1, "loss", 1000, 1000, 1, 1000, 1, 999L),
            new MetricSeries(1, "caf\ufffd", 1, 5, 5, 5, 5, null),
            new MetricSeries(1, "auc", 1, 0.75, 0.75, 0.75, 0.75, null));
  }

  @Test
  void theMermaidTextIsMadeFromThePipelineTheRunKept() throws IOException {
    Path run =
        write(
            "r1",
            null,
            step("train", StepStatus.SUCCEEDED, attempt("train", 1, AttemptOutcome.SUCCEEDED)));
    io.esteira.core.model.PipelineModel model =
        io.esteira.core.model.TestModels.builder("p")
            .step(io.esteira.core.model.TestModels.step("extract"))
            .step(io.esteira.core.model.TestModels.step("train").dependsOn("extract"))
            .build();
    Files.writeString(
        run.resolve(io.esteira.local.LocalRunner.PIPELINE_JSON),
        io.esteira.core.generate.Json.write(
            io.esteira.core.generate.PipelineJsonGenerator.generate(List.of(model))));

    ReportInputs inputs = ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE)));

    assertThat(inputs.mermaid())
        .isEqualTo(io.esteira.core.generate.MermaidGenerator.generate(model))
        .contains("step_extract --> step_train");
    assertThat(HtmlReport.render(RunJson.read(run.resolve(RunJson.FILE)), inputs))
        .contains("<details class=\"mermaid\">")
        .contains("step_extract --&gt; step_train");
    // A run directory without it (an older run's) shows the drawing alone.
    Files.delete(run.resolve(io.esteira.local.LocalRunner.PIPELINE_JSON));
    assertThat(ReportSources.read(run, RunJson.read(run.resolve(RunJson.FILE))).mermaid()).isNull();
  }
}
