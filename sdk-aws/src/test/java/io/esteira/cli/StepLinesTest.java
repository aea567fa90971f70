package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following logs as they grow: whole lines only, the last one at the end, nothing twice. */
class StepLinesTest {

  @TempDir Path tmp;

  private final List<String> seen = new ArrayList<>();
  private final StepLines.Sink sink = (step, text) -> seen.add(step + ": " + text);

  private static void append(Path log, String text) throws IOException {
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aLineIsHandedOverOnceItEndsAndTheLastOneWhenTheAttemptEnds() throws IOException {
    Path log = tmp.resolve("train.1.log");
    try (StepLines lines = new StepLines()) {
      lines.follow("train", log);
      lines.poll(sink); // the file does not exist yet

      append(log, "epoch 1\nepo");
      lines.poll(sink);
      assertThat(seen).containsExactly("train: epoch 1");

      append(log, "ch 2\nloss 0.3");
      lines.poll(sink);
      lines.poll(sink);
      assertThat(seen).containsExactly("train: epoch 1", "train: epoch 2");

      lines.finish("train", sink);
      lines.poll(sink);
      assertThat(seen).containsExactly("train: epoch 1", "train: epoch 2", "train: loss 0.3");
    }
  }

  @Test
  void twoLogsKeepTheirLinesApart() throws IOException {
    Path a = tmp.resolve("a.1.log");
    Path b = tmp.resolve("b.1.log");
    try (StepLines lines = new StepLines()) {
      lines.follow("a", a);
      lines.follow("b", b);
      append(a, "from a, first half ");
      append(b, "from b\n");
      append(a, "second half\n");

      lines.poll(sink);

      assertThat(seen).containsExactly("a: from a, first half second half", "b: from b");
    }
  }

  @Test
  void aProgressBarShowsItsLastDrawingAndWindowsLineEndsGo() throws IOException {
    Path log = tmp.resolve("s.1.log");
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, " 10%|#  \r 50%|#####  \r100%|##########\r\nready\r\n\n");

      lines.finish("s", sink);

      assertThat(seen).containsExactly("s: 100%|##########", "s: ready", "s: ");
    }
  }

  @Test
  void aLineWithoutEndComesInPiecesOfTheMaximumSize() throws IOException {
    Path log = tmp.resolve("s.1.log");
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, "x".repeat(StepLines.MAX_LINE_BYTES * 2 + 5));

      lines.poll(sink);
      assertThat(seen)
          .hasSize(2)
          .allMatch(l -> l.length() == "s: ".length() + StepLines.MAX_LINE_BYTES);

      lines.finish("s", sink);
      assertThat(seen).hasSize(3).last().isEqualTo("s: xxxxx");
    }
  }

  @Test
  void aFinishedStepIsNoLongerRead() throws IOException {
    Path log = tmp.resolve("s.1.log");
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, "one\n");
      lines.finish("s", sink);

      append(log, "written by something the step left behind\n");
      lines.poll(sink);
      lines.finish("s", sink);

      assertThat(seen).containsExactly("s: one");
    }
  }
}
