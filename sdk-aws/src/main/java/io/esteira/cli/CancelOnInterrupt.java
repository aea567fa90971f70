package io.esteira.cli;

import io.esteira.local.LocalRunner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during {@code esteira run}: a shutdown hook that cancels the runner (which stops every
 * step's process tree and records the run as cancelled), then holds the JVM until the command has
 * printed its summary and closed this, so the user sees what happened and no step outlives the
 * runner. The JVM then exits with the signal's status, 130 for SIGINT.
 *
 * <p>The wait is bounded: a runner that cannot stop its steps must not leave a JVM that ignores
 * Ctrl-C forever (a second Ctrl-C does not end a JVM that is already shutting down).
 */
final class CancelOnInterrupt implements AutoCloseable {

  /** Longest wait for the command to finish after a cancel, beyond the runner's own kill grace. */
  static final long WAIT_SECONDS = 30;

  private final Thread hook;
  private final CountDownLatch done = new CountDownLatch(1);

  private CancelOnInterrupt(LocalRunner runner) {
    this.hook =
        new Thread(
            () -> {
              runner.cancel();
              try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "esteira-cancel-on-interrupt");
  }

  /** Cancels {@code runner} when the JVM is asked to stop, until {@link #close}. */
  static CancelOnInterrupt install(LocalRunner runner) {
    CancelOnInterrupt interrupt = new CancelOnInterrupt(runner);
    Runtime.getRuntime().addShutdownHook(interrupt.hook);
    return interrupt;
  }

  /** The command is done: a hook already running may let the JVM go; none is needed any more. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running and returns now.
    }
  }
}
