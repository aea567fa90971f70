package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.report.ReportWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step that prints a huge line to stderr: its log keeps every byte, while the cause kept in
 * {@code run.json} and the report is capped, so neither grows with the line.
 */
class StepCauseCapTest {

  @TempDir Path project;

  private static final int LINE = 20_000_000;

  private RunOptions options() {
    return RunOptions.defaults(project)
        .withRunsRoot(project.resolve("runs"))
        .withCapacity(new RunOptions.Capacity(4, 8))
        .withHostEnvironment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")))
        .withSharedWorkDir(true);
  }

  @Test
  void aHugeFirstStderrLineIsCappedInTheRecordAndTheReportButWholeInTheLog() throws Exception {
    PipelineModel model =
        builder("p")
            .step(
                command(
                    "big",
                    null,
                    "head -c "
                        + LINE
                        + " /dev/zero | tr '\\0' x >&2; echo >&2; echo second >&2; exit 3",
                    1,
                    1,
                    0))
            .build();
    RunRecord record = new LocalRunner(model, options()).run(RunListener.NONE);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    AttemptRecord attempt = record.steps().get(0).attempts().get(0);
    assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(attempt.exitCode()).isEqualTo(3);
    assertThat(attempt.cause())
        .isEqualTo(
            "x".repeat(CauseLine.MAX_BYTES)
                + "… ("
                + (LINE - CauseLine.MAX_BYTES)
                + " more bytes in logs/big.1.log)");
    Path run = project.resolve("runs").resolve(record.runId());
    assertThat(Files.size(run.resolve(RunJson.FILE))).isLessThan(16 * 1024);
    Path report = ReportWriter.write(run, record);
    assertThat(Files.size(report)).isLessThan(256 * 1024);
    Path log = run.resolve(attempt.log());
    assertThat(Files.size(log)).isEqualTo(LINE + "\n".length() + "second\n".length());
    try (InputStream in = Files.newInputStream(log)) {
      byte[] buffer = new byte[1 << 16];
      long xs = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == 'x') {
            xs++;
          }
        }
      }
      assertThat(xs).as("every byte of the line in the log").isEqualTo(LINE);
    }
  }

  @Test
  void aHugeCauseFromAnyLauncherIsCappedInTheRecord() throws Exception {
    PipelineModel model = builder("p").step(command("a", null, "true", 1, 1, 0)).build();
    LocalRunner runner = new LocalRunner(model, options());
    String message = "java.lang.IllegalStateException: " + "y".repeat(5_000_000);
    runner.launcher =
        (attempt, onEnd) -> {
          onEnd.accept(new AttemptLauncher.Ended(false, null, message));
          return () -> {};
        };

    RunRecord record = runner.run(RunListener.NONE);

    String cause = record.steps().get(0).attempts().get(0).cause();
    assertThat(cause)
        .startsWith("java.lang.IllegalStateException: yyy")
        .endsWith(
            "… (" + (message.length() - CauseLine.MAX_BYTES) + " more characters in logs/a.1.log)")
        .hasSizeLessThan(CauseLine.MAX_BYTES + 100);
    Path run = project.resolve("runs").resolve(record.runId());
    assertThat(Files.size(run.resolve(RunJson.FILE))).isLessThan(16 * 1024);
  }
}
