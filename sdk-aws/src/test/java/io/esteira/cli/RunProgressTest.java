package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps' lines reach the console in batches: one flush per batch, not one per line. */
class RunProgressTest {

  @TempDir Path tmp;

  @Test
  void aStepsLastLinesArePrintedWithOneFlushNotOnePerLine() throws Exception {
    StringWriter text = new StringWriter();
    AtomicInteger flushes = new AtomicInteger();
    // Autoflush, as the command line's own writer has it: println would flush every line.
    PrintWriter out =
        new PrintWriter(text, true) {
          @Override
          public void flush() {
            flushes.incrementAndGet();
            super.flush();
          }
        };
    Path log = tmp.resolve("train.1.log");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      lines.append("epoch ").append(i).append('\n');
    }
    Instant start = Instant.parse("2026-11-26T12:00:00Z");
    try (RunProgress progress =
        new RunProgress(out, new PrintWriter(new StringWriter()), tmp, false, true, null)) {
      progress.attemptStarted("train", 1, log);
      int before = flushes.get();
      Files.writeString(log, lines, StandardCharsets.UTF_8);
      progress.attemptFinished(
          "train",
          new AttemptRecord(
              1,
              start,
              start.plusSeconds(3),
              AttemptOutcome.SUCCEEDED,
              0,
              null,
              "logs/train.1.log"));
      // The lines (in one batch, or a few if a poll came first) and the line saying how it ended.
      assertThat(flushes.get() - before).isLessThanOrEqualTo(5);
    }
    assertThat(text.toString())
        .contains("train | epoch 0" + System.lineSeparator())
        .contains("train | epoch 4999" + System.lineSeparator())
        .contains("succeeded train");
  }
}
