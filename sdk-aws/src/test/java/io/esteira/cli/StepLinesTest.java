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

  @Test
  void aLargeBacklogAtTheEndShowsItsLastPartAndSaysWhereTheWholeOutputIs() throws IOException {
    Path log = tmp.resolve("s.1.log");
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 3 * 1024 * 1024; i++) {
      text.append("line ").append(i).append('\n');
    }
    String written = text.toString();
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, written);

      lines.finish("s", sink);
    }

    long shown = seen.stream().skip(1).mapToLong(l -> l.length() - "s: ".length() + 1).sum();
    assertThat(shown).isLessThanOrEqualTo(StepLines.SHOWN_BYTES);
    long notShown = written.length() - StepLines.SHOWN_BYTES;
    assertThat(seen.get(0))
        .isEqualTo(
            "s: \u2026 " + notShown + " bytes not shown; the whole output is in logs/s.1.log");
    assertThat(seen.get(seen.size() - 1))
        .isEqualTo(
            "s: " + written.substring(written.lastIndexOf('\n', written.length() - 2) + 1).strip());
  }

  @Test
  void aPollHandsOverABurstOverSeveralCallsButPassesOverWhatItCannotCatchUpWith()
      throws IOException {
    Path log = tmp.resolve("s.1.log");
    String line = "x".repeat(1023) + "\n";
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, line.repeat(512)); // 512 KiB: two polls' worth

      lines.poll(sink);
      assertThat(seen).hasSize(256);
      lines.poll(sink);
      assertThat(seen).hasSize(512).allMatch(l -> l.length() == "s: ".length() + 1023);

      append(log, line.repeat(2048)); // 2 MiB: more than the poll may fall behind
      seen.clear();
      lines.poll(sink);
      assertThat(seen.get(0))
          .isEqualTo(
              "s: \u2026 "
                  + (2048 * 1024 - StepLines.SHOWN_BYTES)
                  + " bytes not shown; the whole output is in logs/s.1.log");
      assertThat(seen).hasSize(1 + 256);
    }
  }

  @Test
  void aLongLineIsCutBetweenCharacters() throws IOException {
    Path log = tmp.resolve("s.1.log");
    // 'x' then two-byte characters: every cut at MAX_LINE_BYTES would fall inside one.
    String text = "x" + "\u00e9".repeat(StepLines.MAX_LINE_BYTES);
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, text + "\n");
      lines.finish("s", sink);
    }

    assertThat(seen).hasSizeGreaterThan(1).noneMatch(l -> l.contains("\ufffd"));
    assertThat(String.join("", seen.stream().map(l -> l.substring("s: ".length())).toList()))
        .isEqualTo(text);
    assertThat(StepLines.characterEnd(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, 3)).isEqualTo(1);
    assertThat(StepLines.characterEnd(new byte[] {'a', (byte) 0xE2, (byte) 0x82, (byte) 0xAC}, 4))
        .isEqualTo(4);
  }

  @Test
  void escapeSequencesAndControlCharactersDoNotReachTheConsoleButStayInTheLog() throws IOException {
    Path log = tmp.resolve("s.1.log");
    String raw = "\u001B[1;31mred\u001B[0m \u001B]0;title\u0007bell\u0007 tab\tend\u0000\u001Bc\n";
    try (StepLines lines = new StepLines()) {
      lines.follow("s", log);
      append(log, raw);
      lines.finish("s", sink);
    }

    assertThat(seen).containsExactly("s: red bell tab\tend");
    assertThat(log).hasContent(raw.strip());
  }
}
