package io.esteira.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Picks a failed step's cause, its first non-blank stderr line, out of the bytes copied to its log,
 * keeping at most {@link #MAX_BYTES} of it.
 *
 * <p>Why bytes and a cap: the cause goes into {@code run.json}, the HTML report and the console,
 * and reading stderr line by line held a whole line in memory; a step that printed 500 MB without a
 * newline took gigabytes of the runner's heap and wrote the line into every record. The log keeps
 * every byte; the cause keeps the start and says how many bytes of the line it left out.
 */
final class CauseLine {

  /** The most bytes of the line a cause keeps. */
  static final int MAX_BYTES = 4096;

  private final String logName;
  private final byte[] kept = new byte[MAX_BYTES];
  private int length;
  private long dropped;
  private boolean started;
  private String cause;

  /** {@code logName} is how the cause names the log that holds the whole line. */
  CauseLine(String logName) {
    this.logName = logName;
  }

  /** Takes the next bytes of the stream. */
  void accept(byte[] buffer, int offset, int count) {
    for (int i = offset; i < offset + count && cause == null; i++) {
      byte b = buffer[i];
      if (b == '\n' || b == '\r') {
        endLine();
      } else if (!started && (b == ' ' || b == '\t' || b == '\f' || b == 0x0b)) {
        // Leading blanks are not kept, so a cause starts with text.
      } else {
        started = true;
        if (length < MAX_BYTES) {
          kept[length++] = b;
        } else {
          dropped++;
        }
      }
    }
  }

  /** The cause once the stream ended (or the first non-blank line ended), or null. */
  String cause() {
    if (cause == null) {
      endLine();
    }
    return cause;
  }

  private void endLine() {
    if (cause != null) {
      return;
    }
    if (started) {
      int end = length;
      if (dropped > 0) {
        // Cut at a character boundary: drop continuation bytes of a character split by the cap.
        int cut = end;
        while (cut > 0 && (kept[cut - 1] & 0xC0) == 0x80) {
          cut--;
        }
        int lead = cut - 1;
        if (lead >= 0 && (kept[lead] & 0xC0) == 0xC0 && end - lead < expected(kept[lead])) {
          dropped += end - lead;
          end = lead;
        }
      }
      String text = new String(Arrays.copyOf(kept, end), StandardCharsets.UTF_8).strip();
      if (!text.isEmpty()) {
        cause = dropped == 0 ? text : text + "… (" + dropped + " more bytes in " + logName + ")";
        return;
      }
    }
    length = 0;
    dropped = 0;
    started = false;
  }

  /**
   * A cause from any launcher cut to {@link #MAX_BYTES} characters (an in-process step's exception
   * message can be as long as the step likes; its log holds it whole).
   */
  static String cap(String cause, String logName) {
    int limit = MAX_BYTES + 200; // Room for the note a capped stderr line already carries.
    if (cause == null || cause.length() <= limit) {
      return cause;
    }
    int end = MAX_BYTES;
    if (Character.isHighSurrogate(cause.charAt(end - 1))) {
      end--;
    }
    return cause.substring(0, end)
        + "… ("
        + (cause.length() - end)
        + " more characters in "
        + logName
        + ")";
  }

  /** How many bytes the UTF-8 character starting with {@code lead} has. */
  private static int expected(byte lead) {
    int b = lead & 0xFF;
    if (b >= 0xF0) {
      return 4;
    }
    if (b >= 0xE0) {
      return 3;
    }
    return b >= 0xC0 ? 2 : 1;
  }
}
