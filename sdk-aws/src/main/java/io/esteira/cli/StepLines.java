package io.esteira.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Follows the log of each running attempt and hands over every complete line written to it, so the
 * console can show what the steps print while they print it.
 *
 * <p>It reads the logs, not the steps' streams: every launcher already writes an attempt's output
 * there (a child process's stdout and stderr, an in-process step's {@code System.out}, the transfer
 * scripts), so following the file shows the bytes the log keeps, in its order, and leaves the
 * steps' streams and the log exactly as they were. What that costs: stdout and stderr come merged,
 * as the log has them, and a line shows up to one {@link #poll} after it was written.
 *
 * <p>A line is what ends with a newline; a last line without one is handed over when the attempt
 * ends. A carriage return inside a line (a progress bar redrawing itself) keeps only what follows
 * the last one, as a terminal would show it. A line longer than {@link #MAX_LINE_BYTES} is handed
 * over in pieces of that size, cut between characters, so a step printing without newlines cannot
 * fill the memory.
 *
 * <p>The console is not the log: what a line hands over has its escape sequences and control
 * characters (but tab) taken out, so a step cannot move the cursor, retitle the terminal or ring
 * its bell; the log keeps every byte.
 *
 * <p>The lines are read on the runner's own threads, the one that also keeps the steps' deadlines
 * among them (a {@link ConsoleWriter} prints them), so one call hands over at most {@link
 * #SHOWN_BYTES} of a log: a step that prints faster than the console shows (or a backlog left when
 * a step ends) has the older part passed over, said in a line {@code … N bytes not shown; the whole
 * output is in logs/<file>}.
 *
 * <p>Not thread-safe: its owner calls it under one lock, which also keeps whole lines together.
 */
final class StepLines implements AutoCloseable {

  /** The longest piece of a line handed over at once, in bytes. */
  static final int MAX_LINE_BYTES = 16 * 1024;

  /**
   * At most this much of one log is handed over per {@link #poll} or {@link #finish}, so one chatty
   * step cannot stall the runner.
   */
  static final int SHOWN_BYTES = 256 * 1024;

  /**
   * How far {@link #poll} may fall behind a log before passing over its older part: a burst is
   * shown whole over a few polls, a step that keeps printing faster than that is not.
   */
  static final int POLL_BACKLOG_BYTES = 4 * SHOWN_BYTES;

  /** Escape sequences: CSI ({@code ESC [ ... final}), OSC ({@code ESC ] ... BEL}) and the rest. */
  private static final Pattern ESCAPES =
      Pattern.compile(
          "\\x1B\\[[0-?]*[ -/]*[@-~]?|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)?|\\x1B[ -~]?");

  /** C0 controls but tab, DEL and C1 controls (U+009B is a CSI too). */
  private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F-\\x9F]");

  /** Where the lines go. */
  interface Sink {
    void line(String stepId, String text);
  }

  /** One followed log: where reading stands and the line begun but not ended. */
  private static final class Followed {
    final Path log;
    final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    FileChannel channel;
    long position;

    Followed(Path log) {
      this.log = log;
    }
  }

  private final Map<String, Followed> followed = new LinkedHashMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

  /**
   * Follows {@code log} for {@code stepId} from its start. The file may not exist yet; it is read
   * once it does.
   */
  void follow(String stepId, Path log) {
    Followed previous = followed.put(stepId, new Followed(log));
    if (previous != null) {
      closeQuietly(previous);
    }
  }

  /**
   * Hands over the lines completed since the last call, log by log: at most {@link #SHOWN_BYTES} of
   * each, the rest at the next call, unless a log is more than {@link #POLL_BACKLOG_BYTES} ahead.
   */
  void poll(Sink sink) {
    for (Map.Entry<String, Followed> entry : new ArrayList<>(followed.entrySet())) {
      read(entry.getKey(), entry.getValue(), POLL_BACKLOG_BYTES, sink);
    }
  }

  /**
   * Reads the rest of {@code stepId}'s log, hands over its lines, the last one even without a
   * newline, and stops following it.
   */
  void finish(String stepId, Sink sink) {
    Followed log = followed.remove(stepId);
    if (log == null) {
      return;
    }
    read(stepId, log, SHOWN_BYTES, sink);
    if (log.partial.size() > 0) {
      emit(stepId, log.partial.toByteArray(), log.partial.size(), sink);
      log.partial.reset();
    }
    closeQuietly(log);
  }

  /** Stops following every log. */
  @Override
  public void close() {
    followed.values().forEach(StepLines::closeQuietly);
    followed.clear();
  }

  /**
   * Reads up to {@link #SHOWN_BYTES} of the log, first passing over all but the last {@link
   * #SHOWN_BYTES} when more than {@code backlog} bytes are waiting.
   */
  private void read(String stepId, Followed log, long backlog, Sink sink) {
    try {
      if (log.channel == null) {
        log.channel = FileChannel.open(log.log, StandardOpenOption.READ);
      }
      long waiting = log.channel.size() - log.position;
      if (waiting > backlog) {
        long skipped = waiting - SHOWN_BYTES + log.partial.size();
        log.position = log.channel.size() - SHOWN_BYTES;
        log.partial.reset();
        // Start on a character: a UTF-8 continuation byte belongs to what was passed over.
        ByteBuffer one = ByteBuffer.allocate(1);
        while (log.channel.read(one, log.position) == 1 && (one.get(0) & 0xC0) == 0x80) {
          log.position++;
          skipped++;
          one.clear();
        }
        sink.line(
            stepId,
            "\u2026 "
                + skipped
                + " bytes not shown; the whole output is in logs/"
                + log.log.getFileName());
      }
      long read = 0;
      while (read < SHOWN_BYTES) {
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), SHOWN_BYTES - read));
        buffer.clear();
        int count = log.channel.read(buffer, log.position);
        if (count <= 0) {
          break;
        }
        log.position += count;
        read += count;
        split(stepId, log, buffer.array(), count, sink);
      }
    } catch (NoSuchFileException e) {
      // Not made yet: the attempt is starting.
    } catch (IOException e) {
      // The log vanished or cannot be read: the console misses its lines, the run goes on.
    }
  }

  private static void split(String stepId, Followed log, byte[] bytes, int count, Sink sink) {
    int start = 0;
    for (int i = 0; i < count; i++) {
      if (bytes[i] == '\n') {
        if (log.partial.size() == 0) {
          emit(stepId, bytes, start, i, sink);
        } else {
          log.partial.write(bytes, start, i - start);
          emit(stepId, log.partial.toByteArray(), log.partial.size(), sink);
          log.partial.reset();
        }
        start = i + 1;
      } else if (log.partial.size() + (i + 1 - start) >= MAX_LINE_BYTES) {
        log.partial.write(bytes, start, i + 1 - start);
        byte[] piece = log.partial.toByteArray();
        int cut = characterEnd(piece, piece.length);
        emit(stepId, piece, cut, sink);
        log.partial.reset();
        // The start of a character cut in two goes with the next piece.
        log.partial.write(piece, cut, piece.length - cut);
        start = i + 1;
      }
    }
    log.partial.write(bytes, start, count - start);
  }

  /**
   * Where the bytes before {@code length} end on a whole UTF-8 character: {@code length}, or the
   * start of a last character that needs bytes after it. Bytes that are no UTF-8 are cut anywhere.
   */
  static int characterEnd(byte[] bytes, int length) {
    for (int back = 1; back <= 4 && length - back >= 0; back++) {
      int b = bytes[length - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // a continuation byte: its lead is further back
      }
      int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return size > back ? length - back : length;
    }
    return length;
  }

  /** {@code text} as the console shows it: no escape sequences, no controls but tab. */
  static String printable(String text) {
    if (text.chars().noneMatch(c -> c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F)) {
      return text;
    }
    return CONTROLS.matcher(ESCAPES.matcher(text).replaceAll("")).replaceAll("");
  }

  private static void emit(String stepId, byte[] bytes, int length, Sink sink) {
    emit(stepId, bytes, 0, length, sink);
  }

  private static void emit(String stepId, byte[] bytes, int from, int to, Sink sink) {
    String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    int redraw = text.lastIndexOf('\r');
    if (redraw >= 0) {
      text = text.substring(redraw + 1);
    }
    sink.line(stepId, printable(text));
  }

  private static void closeQuietly(Followed log) {
    if (log.channel != null) {
      try {
        log.channel.close();
      } catch (IOException e) {
        // Read-only; nothing is lost.
      }
    }
  }
}
