package io.esteira.local;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A simulated clock for the run loop: waiting advances time at once to the next scheduled action or
 * deadline, so retry delays and time-outs of minutes are checked in microseconds, exactly.
 */
final class FakeClock implements RunClock {

  static final Instant START = Instant.parse("2026-11-26T03:00:00Z");

  private record Action(long at, long order, Runnable body) {}

  private final PriorityQueue<Action> actions =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private long now;
  private long order;

  /** Runs {@code body} when the simulated time reaches {@code nanosFromNow} from now. */
  void schedule(long nanosFromNow, Runnable body) {
    actions.add(new Action(now + nanosFromNow, order++, body));
  }

  /** Seconds since the start, for assertions. */
  double seconds() {
    return now / 1e9;
  }

  static double secondsOf(Instant instant) {
    return (instant.toEpochMilli() - START.toEpochMilli()) / 1000.0;
  }

  @Override
  public Instant now() {
    return START.plusNanos(now);
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public <T> T poll(BlockingQueue<T> queue, long nanos) {
    T ready = queue.poll();
    if (ready != null) {
      return ready;
    }
    long target = nanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + Math.max(nanos, 0);
    Action next = actions.peek();
    if (next != null && next.at <= target) {
      actions.poll();
      now = Math.max(now, next.at);
      next.body.run();
      return queue.poll();
    }
    if (target == Long.MAX_VALUE) {
      throw new IllegalStateException("the run loop would wait for ever: nothing is scheduled");
    }
    now = target;
    return null;
  }
}
