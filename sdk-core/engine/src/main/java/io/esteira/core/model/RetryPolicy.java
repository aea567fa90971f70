package io.esteira.core.model;

/**
 * How a failed attempt is retried; the same numbers drive the ASL retrier and the local runner. The
 * delay before retry {@code n} (1-based) is {@code min(intervalSeconds * backoffRate^(n-1),
 * maxDelaySeconds)}, with full jitter when {@code jitter} is set.
 *
 * @param maxAttempts retries after the first attempt (0 = never retried)
 * @param intervalSeconds delay before the first retry
 * @param backoffRate multiplier applied to the delay for each further retry (at least 1.0)
 * @param maxDelaySeconds cap on any one delay
 * @param jitter whether delays are randomised between 0 and the computed delay
 */
public record RetryPolicy(
    int maxAttempts, int intervalSeconds, double backoffRate, int maxDelaySeconds, boolean jitter) {

  /** Delay before the first retry of a step's own failure. */
  public static final int STEP_INTERVAL_SECONDS = 30;

  /** Backoff of a step's own failures. */
  public static final double STEP_BACKOFF_RATE = 2.0;

  /** Longest delay between two attempts of a step's own code. */
  public static final int STEP_MAX_DELAY_SECONDS = 600;

  /** The retry policy of a step's own failures, with {@code retries} retries. */
  public static RetryPolicy forStep(int retries) {
    return new RetryPolicy(
        retries, STEP_INTERVAL_SECONDS, STEP_BACKOFF_RATE, STEP_MAX_DELAY_SECONDS, true);
  }

  /**
   * The retry policy of infrastructure failures (ECS API errors such as throttling, or a capacity
   * provider that cannot place the task yet): spaced wider than a step's own retries, since an
   * empty auto scaling group takes minutes to start an instance. Kept to three retries because
   * every retry adds history events, and an execution may hold 25,000.
   */
  public static RetryPolicy forInfrastructure() {
    return new RetryPolicy(3, 60, 2.0, 600, true);
  }

  /**
   * Whether {@code maxDelaySeconds} shortens any of the delays; when it does not, a retrier may
   * leave it out and mean the same.
   */
  public boolean capsADelay() {
    for (int retry = 1; retry <= maxAttempts; retry++) {
      if (intervalSeconds * Math.pow(backoffRate, retry - 1) > maxDelaySeconds) {
        return true;
      }
    }
    return false;
  }

  /** The delay in seconds before retry {@code retry} (1-based), before jitter. */
  public long delaySeconds(int retry) {
    double delay = intervalSeconds * Math.pow(backoffRate, retry - 1);
    return (long) Math.min(delay, maxDelaySeconds);
  }
}
