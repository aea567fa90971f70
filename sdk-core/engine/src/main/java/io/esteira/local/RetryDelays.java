package io.esteira.local;

import io.esteira.core.model.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The delay before a retry, as the state machine's retrier computes it from the same {@link
 * RetryPolicy}: {@code min(IntervalSeconds * BackoffRate^(retry-1), MaxDelaySeconds)}, and with
 * {@code JitterStrategy FULL} a uniformly random delay between zero and that.
 */
final class RetryDelays {

  private RetryDelays() {}

  /** Whether a step that has made {@code attempts} attempts may make another. */
  static boolean mayRetry(RetryPolicy policy, int attempts) {
    return attempts <= policy.maxAttempts();
  }

  /** The delay before retry {@code retry} (1 for the retry after the first attempt). */
  static Duration delay(RetryPolicy policy, int retry, RandomGenerator random) {
    long millis = policy.delaySeconds(retry) * 1000;
    if (policy.jitter() && millis > 0) {
      millis = random.nextLong(millis + 1);
    }
    return Duration.ofMillis(millis);
  }
}
