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
 * over in pieces of that size, so a step printing without newlines cannot fill the memory.
 *
 * <p>Not thread-safe: its owner calls it under one lock, which also keeps whole lines together.
 */
final class StepLines implements AutoCloseable {

  /** The longest piece of a line handed over at once, in bytes. */
  static final int MAX_LINE_BYTES = 16 * 1024;

  /** At most this much of one log is read per {@link #poll}, so one chatty step cannot stall. */
  private static final int POLL_BYTES = 1 << 20;

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

  /** Hands over every line completed since the last call, log by log. */
  void poll(Sink sink) {
    for (Map.Entry<String, Followed> entry : new ArrayList<>(followed.entrySet())) {
      read(entry.getKey(), entry.getValue(), POLL_BYTES, sink);
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
    read(stepId, log, Long.MAX_VALUE, sink);
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

  private void read(String stepId, Followed log, long limit, Sink sink) {
    try {
      if (log.channel == null) {
        log.channel = FileChannel.open(log.log, StandardOpenOption.READ);
      }
      long read = 0;
      while (read < limit) {
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
        emit(stepId, log.partial.toByteArray(), log.partial.size(), sink);
        log.partial.reset();
        start = i + 1;
      }
    }
    log.partial.write(bytes, start, count - start);
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
    sink.line(stepId, text);
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
