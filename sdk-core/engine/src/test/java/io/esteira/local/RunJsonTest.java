package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json: the record's exact text, read back equal, and a clear refusal of what it is not. */
class RunJsonTest {

  @TempDir Path directory;

  private final RunRecord record =
      new RunRecord(
          "20261126-224501-a3f2",
          "recsys",
          "dev",
          RunStatus.FAILED,
          Instant.parse("2026-11-26T22:45:01.250Z"),
          Instant.parse("2026-11-26T22:46:00Z"),
          null,
          List.of(
              new StepRecord(
                  "extract",
                  "Extract",
                  List.of(),
                  StepStatus.FAILED,
                  List.of(
                      new AttemptRecord(
                          1,
                          Instant.parse("2026-11-26T22:45:01.300Z"),
                          Instant.parse("2026-11-26T22:45:31Z"),
                          AttemptOutcome.FAILED,
                          1,
                          "java.lang.IllegalStateException: no data",
                          "logs/extract.1.log"),
                      new AttemptRecord(
                          2,
                          Instant.parse("2026-11-26T22:45:32Z"),
                          Instant.parse("2026-11-26T22:45:33Z"),
                          AttemptOutcome.FAILED,
                          2,
                          "error: [ESTEIRA-RUN-UNKNOWN-PROJECT] no step dispatcher",
                          "logs/extract.2.log",
                          true)),
                  null),
              new StepRecord(
                  "score", "Score", List.of("extract"), StepStatus.SKIPPED, List.of(), "not run")),
          "s3://bucket/recsys/dev/20261126-224501-a3f2/",
          "c0de",
          "c0f1",
          List.of(RunRecord.CODE));

  @Test
  void theFileReadsBackAsTheSameRecord() throws Exception {
    Path file = directory.resolve("run.json");
    RunJson.writeTo(record, file);

    assertThat(RunJson.read(file)).isEqualTo(record);
    assertThat(directory.resolve("run.json.tmp")).doesNotExist();
  }

  @Test
  void aFailedReplaceLeavesTheOldFileAndNoTemporaryOne() throws Exception {
    // run.json is a directory that is not empty: the temporary file is written, the move fails.
    Path file = directory.resolve("run.json");
    Files.createDirectories(file.resolve("kept"));

    assertThatThrownBy(() -> RunJson.writeTo(record, file)).isInstanceOf(IOException.class);

    assertThat(directory.resolve("run.json.tmp")).doesNotExist();
    assertThat(file.resolve("kept")).isDirectory();
  }

  @Test
  void theTextIsFixed() {
    assertThat(RunJson.write(record))
        .isEqualTo(
            """
            {
              "formatVersion": 1,
              "runId": "20261126-224501-a3f2",
              "project": "recsys",
              "environment": "dev",
              "status": "FAILED",
              "startedAt": "2026-11-26T22:45:01.250Z",
              "endedAt": "2026-11-26T22:46:00Z",
              "resumedFrom": null,
              "store": "s3://bucket/recsys/dev/20261126-224501-a3f2/",
              "codeHash": "c0de",
              "configHash": "c0f1",
              "changedSinceResumed": [
                "code"
              ],
              "steps": [
                {
                  "id": "extract",
                  "name": "Extract",
                  "dependsOn": [],
                  "status": "FAILED",
                  "note": null,
                  "attempts": [
                    {
                      "number": 1,
                      "startedAt": "2026-11-26T22:45:01.300Z",
                      "endedAt": "2026-11-26T22:45:31Z",
                      "outcome": "FAILED",
                      "exitCode": 1,
                      "cause": "java.lang.IllegalStateException: no data",
                      "log": "logs/extract.1.log",
                      "setupError": false
                    },
                    {
                      "number": 2,
                      "startedAt": "2026-11-26T22:45:32Z",
                      "endedAt": "2026-11-26T22:45:33Z",
                      "outcome": "FAILED",
                      "exitCode": 2,
                      "cause": "error: [ESTEIRA-RUN-UNKNOWN-PROJECT] no step dispatcher",
                      "log": "logs/extract.2.log",
                      "setupError": true
                    }
                  ],
                  "outputs": []
                },
                {
                  "id": "score",
                  "name": "Score",
                  "dependsOn": [
                    "extract"
                  ],
                  "status": "SKIPPED",
                  "note": "not run",
                  "attempts": [],
                  "outputs": []
                }
              ]
            }
            """);
    RunRecord empty =
        new RunRecord("r", "p", "dev", RunStatus.RUNNING, Instant.EPOCH, null, null, List.of());
    assertThat(RunJson.write(empty))
        .endsWith(
            "\"resumedFrom\": null,\n  \"store\": null,\n  \"codeHash\": null,\n"
                + "  \"configHash\": null,\n  \"changedSinceResumed\": [],\n  \"steps\": []\n}\n");
  }

  @Test
  void aWriterReusedAcrossChangesWritesWhatAFreshOneWrites() {
    RunJson.Writer writer = new RunJson.Writer();
    writer.write(record);
    StepRecord score = record.steps().get(1);
    RunRecord changed =
        new RunRecord(
            record.runId(),
            record.project(),
            record.environment(),
            RunStatus.RUNNING,
            record.startedAt(),
            null,
            "20261125-000000-0000",
            List.of(
                record.steps().get(0),
                new StepRecord(
                    score.id(),
                    score.name(),
                    score.dependsOn(),
                    StepStatus.REUSED,
                    List.of(),
                    "x")));

    assertThat(writer.write(changed)).isEqualTo(RunJson.write(changed));
    assertThat(RunJson.parse(writer.write(changed), "run.json")).isEqualTo(changed);
  }

  @Test
  void storedOutputsAreWrittenWithSizeDigestAndPathAndReadBack() {
    StoredOutput features =
        new StoredOutput(
            "data/features.csv",
            1_048_576,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "artifacts/extract/data/features.csv");
    RunRecord stored =
        new RunRecord(
            "r",
            "p",
            "dev",
            RunStatus.SUCCEEDED,
            Instant.EPOCH,
            Instant.EPOCH,
            null,
            List.of(
                new StepRecord(
                    "extract",
                    "Extract",
                    List.of(),
                    StepStatus.SUCCEEDED,
                    List.of(),
                    null,
                    List.of(features))));

    String json = RunJson.write(stored);

    assertThat(json)
        .contains(
            """
                  "outputs": [
                    {
                      "name": "data/features.csv",
                      "size": 1048576,
                      "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                      "path": "artifacts/extract/data/features.csv"
                    }
                  ]
            """);
    assertThat(RunJson.parse(json, "run.json")).isEqualTo(stored);
  }

  @Test
  void aFileWrittenBeforeStepsStoredOutputsReadsWithNone() {
    String older = RunJson.write(record).replace(",\n      \"outputs\": []", "");
    assertThat(older).doesNotContain("outputs");

    assertThat(RunJson.parse(older, "run.json")).isEqualTo(record);
  }

  @Test
  void aFileWrittenBeforeHashesAndSetupErrorsReadsWithNone() {
    String older =
        RunJson.write(record)
            .replaceAll(",\n  \"(codeHash|configHash)\": \"[0-9a-f]+\"", "")
            .replaceAll(",\n  \"changedSinceResumed\": \\[\n    \"code\"\n  \\]", "")
            .replaceAll(",\n *\"setupError\": (true|false)", "");
    assertThat(older).doesNotContain("Hash", "changedSinceResumed", "setupError");

    RunRecord read = RunJson.parse(older, "run.json");

    assertThat(read.codeHash()).isNull();
    assertThat(read.configHash()).isNull();
    assertThat(read.changedSinceResumed()).isEmpty();
    assertThat(read.steps().get(0).attempts())
        .extracting(AttemptRecord::setupError)
        .containsExactly(false, false);
  }

  @Test
  void instantsAreIsoStringsAndUnknownValuesNull() {
    String json = RunJson.write(record);

    assertThat(json)
        .contains("\"startedAt\": \"2026-11-26T22:45:01.250Z\"")
        .contains("\"resumedFrom\": null")
        .contains("\"exitCode\": 1")
        .contains("\"log\": \"logs/extract.1.log\"")
        .endsWith("}\n");
  }

  @Test
  void anotherFormatOrBrokenTextIsRefusedWithTheFileNamed() {
    assertThatThrownBy(() -> RunJson.parse("{\"formatVersion\": 9}", "runs/x/run.json"))
        .hasMessage("runs/x/run.json has format version 9, this Esteira reads 1");
    assertThatThrownBy(() -> RunJson.parse("{\"formatVersion\": 1", "runs/x/run.json"))
        .hasMessageStartingWith("runs/x/run.json is not valid JSON");
    assertThatThrownBy(
            () -> RunJson.parse(RunJson.write(record).replace("\"FAILED\"", "\"EXPLODED\""), "f"))
        .hasMessageContaining("f has an unknown value");
  }
}
