package io.esteira.local;

import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time as the runner sees it: wall-clock instants for the record, a monotonic clock for time-outs
 * and retry delays, and the wait for the next event. Tests replace it with a simulated clock, so
 * retry delays and time-outs are checked without waiting.
 */
interface RunClock {

  /** The time for the run record. */
  Instant now();

  /** A monotonic time in nanoseconds, for deadlines. */
  long nanoTime();

  /** The next element of {@code queue}, waiting at most {@code nanos}; null when none came. */
  <T> T poll(BlockingQueue<T> queue, long nanos) throws InterruptedException;

  /** The machine's clocks. */
  RunClock SYSTEM =
      new RunClock() {
        @Override
        public Instant now() {
          return Instant.now();
        }

        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public <T> T poll(BlockingQueue<T> queue, long nanos) throws InterruptedException {
          return queue.poll(Math.max(nanos, 0), TimeUnit.NANOSECONDS);
        }
      };
}
