package io.esteira.cli;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the run's console lines on a thread of its own, so a console that does not read (a pager
 * not scrolled, a terminal paused with Ctrl-S, a slow pipe) never holds the runner's loop, which
 * also keeps the steps' deadlines: the runner's calls only queue a line and return.
 *
 * <p>The queue keeps the order the lines were given in. The runner's own lines (a step started,
 * ended, retried) are always kept, since the run cannot be followed without them and there are few
 * of them. The steps' lines are kept while the queue holds less than {@code bufferBytes} of them;
 * past that they are dropped and counted, and once there is room again a line {@code … N lines not
 * shown; the whole output is in logs/} takes their place, so what is missing is said where it went
 * missing.
 *
 * <p>On a terminal the status line below the lines is drawn by this thread too, after each write,
 * from the text last given to {@link #status}.
 */
final class ConsoleWriter implements AutoCloseable {

  /** How much of the steps' lines may wait for the console, in bytes, by default. */
  static final int BUFFER_BYTES = 1024 * 1024;

  private static final String CLEAR_LINE = "\r\033[2K";

  /** One queued line and whether it may be dropped. */
  private record Line(String text, boolean step, long bytes) {}

  private final PrintWriter out;
  private final long bufferBytes;
  private final ArrayDeque<Line> queue = new ArrayDeque<>();
  private final Thread thread;
  private long queuedStepBytes;
  private long dropped;
  private String status;
  private boolean redraw;
  private boolean writing;
  private boolean closed;
  private boolean statusShown;

  ConsoleWriter(PrintWriter out, long bufferBytes) {
    this.out = out;
    this.bufferBytes = bufferBytes;
    this.thread = new Thread(this::write, "esteira-console");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues one of the runner's own lines; it is never dropped. */
  synchronized void line(String text) {
    noteDropped();
    queue.add(new Line(text, false, 0));
    notifyAll();
  }

  /** Queues the steps' lines that fit in the buffer and counts the rest as not shown. */
  synchronized void stepLines(List<String> texts) {
    for (String text : texts) {
      long bytes = utf8Length(text);
      if (queuedStepBytes + bytes > bufferBytes) {
        dropped++;
        continue;
      }
      noteDropped();
      queue.add(new Line(text, true, bytes));
      queuedStepBytes += bytes;
    }
    notifyAll();
  }

  /** The status line drawn below the lines, or null for none; redrawn now. */
  synchronized void status(String text) {
    status = text;
    redraw = true;
    notifyAll();
  }

  /**
   * Waits until every queued line is written: the run's summary comes after them. It waits for as
   * long as the console does not read.
   */
  synchronized void drain() throws InterruptedException {
    noteDropped();
    notifyAll();
    while (!queue.isEmpty() || writing) {
      wait();
    }
  }

  /** Writes what is queued, takes the status line away and stops the thread. */
  @Override
  public void close() {
    try {
      drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The lines dropped since the last one queued, said once there is room again. */
  private void noteDropped() {
    if (dropped > 0) {
      queue.add(
          new Line(
              "\u2026 " + dropped + " lines not shown; the whole output is in logs/", false, 0));
      dropped = 0;
    }
  }

  private void write() {
    while (true) {
      List<Line> batch;
      String footer;
      synchronized (this) {
        writing = false;
        notifyAll();
        while (queue.isEmpty() && !redraw && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed && queue.isEmpty()) {
          if (statusShown) {
            out.print(CLEAR_LINE);
          }
          out.flush();
          return;
        }
        batch = new ArrayList<>(queue);
        queue.clear();
        queuedStepBytes = 0;
        footer = status;
        redraw = false;
        writing = true;
      }
      // Outside the lock: the runner's calls queue while this one waits on the console.
      if (statusShown) {
        out.print(CLEAR_LINE);
      }
      for (Line line : batch) {
        // write, not println: a PrintWriter made with autoflush flushes on every println.
        out.write(line.text());
        out.write(System.lineSeparator());
      }
      statusShown = footer != null;
      if (statusShown) {
        out.print(footer);
      }
      out.flush();
    }
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
