package io.esteira.local;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Sends what in-process steps print to {@code System.out} and {@code System.err} to the log of the
 * attempt that printed it, as a child JVM's output goes to its log.
 *
 * <p>{@link #install} replaces both streams with ones that look up the writing thread's attempt (an
 * inheritable thread-local, so threads a step starts follow it) and fall back to the original
 * stream for every other thread, such as the run's console progress. Installs are counted so that
 * runs overlapping in one JVM share the routing; the last {@link Installed#close} puts the
 * originals back unless someone replaced them meanwhile. A pooled thread created by a step keeps
 * that step's attempt; once the attempt ended, its writes go to the console.
 */
final class AttemptOutput {

  /**
   * The log of one attempt; cleared when the attempt ends, as threads it started may outlive it.
   */
  private static final class Sink {
    volatile PrintStream log;

    Sink(PrintStream log) {
      this.log = log;
    }
  }

  private static final InheritableThreadLocal<Sink> SINK = new InheritableThreadLocal<>();
  private static int installs;
  private static PrintStream originalOut;
  private static PrintStream originalErr;
  private static PrintStream routedOut;
  private static PrintStream routedErr;

  private AttemptOutput() {}

  /** Undoes one {@link #install}. */
  interface Installed extends AutoCloseable {
    @Override
    void close();
  }

  /** Routes {@code System.out} and {@code System.err} by attempt until the handle is closed. */
  static Installed install() {
    synchronized (AttemptOutput.class) {
      if (installs++ == 0) {
        originalOut = System.out;
        originalErr = System.err;
        routedOut = new Routed(originalOut);
        routedErr = new Routed(originalErr);
        System.setOut(routedOut);
        System.setErr(routedErr);
      }
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (AttemptOutput.class) {
        if (closed[0]) {
          return;
        }
        closed[0] = true;
        if (--installs == 0) {
          routedOut.flush();
          routedErr.flush();
          if (System.out == routedOut) {
            System.setOut(originalOut);
          }
          if (System.err == routedErr) {
            System.setErr(originalErr);
          }
          originalOut = originalErr = routedOut = routedErr = null;
        }
      }
    };
  }

  /**
   * Sends what the calling thread, and threads it starts from now on, print to {@code log} until
   * the returned action runs (on the same thread).
   */
  static Runnable route(PrintStream log) {
    Sink sink = new Sink(log);
    SINK.set(sink);
    return () -> {
      sink.log = null;
      SINK.remove();
    };
  }

  /** A stream that forwards each call to the current attempt's log or to the original stream. */
  private static final class Routed extends PrintStream {

    private final PrintStream console;

    Routed(PrintStream console) {
      super(console, true);
      this.console = console;
    }

    private PrintStream target() {
      Sink sink = SINK.get();
      PrintStream log = sink == null ? null : sink.log;
      return log != null ? log : console;
    }

    @Override
    public void flush() {
      target().flush();
    }

    /** A step must not close the runner's console or its log; closing only flushes. */
    @Override
    public void close() {
      target().flush();
    }

    @Override
    public boolean checkError() {
      return target().checkError();
    }

    @Override
    public void write(int b) {
      target().write(b);
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      target().write(buf, off, len);
    }

    @Override
    public void write(byte[] buf) {
      target().write(buf, 0, buf.length);
    }

    @Override
    public void writeBytes(byte[] buf) {
      target().write(buf, 0, buf.length);
    }

    @Override
    public void print(boolean b) {
      target().print(b);
    }

    @Override
    public void print(char c) {
      target().print(c);
    }

    @Override
    public void print(int i) {
      target().print(i);
    }

    @Override
    public void print(long l) {
      target().print(l);
    }

    @Override
    public void print(float f) {
      target().print(f);
    }

    @Override
    public void print(double d) {
      target().print(d);
    }

    @Override
    public void print(char[] s) {
      target().print(s);
    }

    @Override
    public void print(String s) {
      target().print(s);
    }

    @Override
    public void print(Object obj) {
      target().print(obj);
    }

    @Override
    public void println() {
      target().println();
    }

    @Override
    public void println(boolean x) {
      target().println(x);
    }

    @Override
    public void println(char x) {
      target().println(x);
    }

    @Override
    public void println(int x) {
      target().println(x);
    }

    @Override
    public void println(long x) {
      target().println(x);
    }

    @Override
    public void println(float x) {
      target().println(x);
    }

    @Override
    public void println(double x) {
      target().println(x);
    }

    @Override
    public void println(char[] x) {
      target().println(x);
    }

    @Override
    public void println(String x) {
      target().println(x);
    }

    @Override
    public void println(Object x) {
      target().println(x);
    }

    @Override
    public PrintStream printf(String format, Object... args) {
      target().printf(format, args);
      return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
      target().printf(l, format, args);
      return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
      target().format(format, args);
      return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
      target().format(l, format, args);
      return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
      target().append(csq);
      return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
      target().append(csq, start, end);
      return this;
    }

    @Override
    public PrintStream append(char c) {
      target().append(c);
      return this;
    }
  }
}
