package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cause kept from a step's stderr: its first non-blank line, at most 4 KiB of it. */
class CauseLineTest {

  private static String causeOf(String stderr, int chunk) {
    CauseLine line = new CauseLine("logs/a.1.log");
    byte[] bytes = stderr.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i += chunk) {
      line.accept(bytes, i, Math.min(chunk, bytes.length - i));
    }
    return line.cause();
  }

  @Test
  void aShortLineIsKeptWholeAfterBlankLines() {
    assertThat(causeOf("\n   \r\n  boom: no input  \nsecond line\n", 3))
        .isEqualTo("boom: no input");
  }

  @Test
  void aLineWithoutNewlineAtTheEndIsTheCause() {
    assertThat(causeOf("\nlast words", 4)).isEqualTo("last words");
  }

  @Test
  void noOutputIsNoCause() {
    assertThat(causeOf(" \n\n", 1)).isNull();
  }

  @Test
  void aLongLineKeepsItsFirst4KiBAndCountsTheRest() {
    String cause = causeOf("x".repeat(1_000_000) + "\nnext\n", 8192);

    assertThat(cause)
        .isEqualTo(
            "x".repeat(CauseLine.MAX_BYTES)
                + "… ("
                + (1_000_000 - CauseLine.MAX_BYTES)
                + " more bytes in logs/a.1.log)");
  }

  @Test
  void theCapDoesNotSplitACharacter() {
    // 4095 one-byte characters, then three-byte ones: the first of them does not fit whole.
    String stderr = "a".repeat(CauseLine.MAX_BYTES - 1) + "€".repeat(10);

    String cause = causeOf(stderr, 1000);

    assertThat(cause)
        .isEqualTo(
            "a".repeat(CauseLine.MAX_BYTES - 1) + "… (" + 30 + " more bytes in logs/a.1.log)");
  }

  @Test
  void aLongCauseFromAnotherLauncherIsCutToo() {
    String cause = CauseLine.cap("java.lang.IllegalStateException: " + "y".repeat(100_000), "l");

    assertThat(cause).hasSizeLessThan(CauseLine.MAX_BYTES + 100).endsWith(" more characters in l)");
    assertThat(CauseLine.cap("short", "l")).isEqualTo("short");
  }
}
