package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
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
                          "logs/extract.1.log")),
                  null),
              new StepRecord(
                  "score", "Score", List.of("extract"), StepStatus.SKIPPED, List.of(), "not run")));

  @Test
  void theFileReadsBackAsTheSameRecord() throws Exception {
    Path file = directory.resolve("run.json");
    RunJson.writeTo(record, file);

    assertThat(RunJson.read(file)).isEqualTo(record);
    assertThat(directory.resolve("run.json.tmp")).doesNotExist();
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
