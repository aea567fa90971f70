package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.RetryPolicy;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The retrier's arithmetic, as Step Functions applies it to the ASL the generator writes. */
class RetryDelaysTest {

  @Test
  void aStepsDelaysDoubleFromThirtySecondsUpToTenMinutes() {
    RetryPolicy policy = new RetryPolicy(7, 30, 2.0, 600, false);

    assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> RetryDelays.delay(policy, n, null)))
        .containsExactly(
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(120),
            Duration.ofSeconds(240),
            Duration.ofSeconds(480),
            Duration.ofSeconds(600),
            Duration.ofSeconds(600));
  }

  @Test
  void maxAttemptsCountsRetriesAfterTheFirstAttempt() {
    RetryPolicy twice = RetryPolicy.forStep(2);

    assertThat(RetryDelays.mayRetry(twice, 1)).isTrue();
    assertThat(RetryDelays.mayRetry(twice, 2)).isTrue();
    assertThat(RetryDelays.mayRetry(twice, 3)).isFalse();
    assertThat(RetryDelays.mayRetry(RetryPolicy.forStep(0), 1)).isFalse();
  }

  @Test
  void fullJitterSpreadsDelaysOverTheWholeRange() {
    RetryPolicy policy = new RetryPolicy(1, 30, 2.0, 600, true);
    SplittableRandom random = new SplittableRandom(7);

    long[] millis =
        IntStream.range(0, 2000)
            .mapToLong(i -> RetryDelays.delay(policy, 1, random).toMillis())
            .toArray();

    assertThat(java.util.Arrays.stream(millis).min().orElseThrow()).isGreaterThanOrEqualTo(0L);
    assertThat(java.util.Arrays.stream(millis).max().orElseThrow()).isLessThanOrEqualTo(30_000L);
    assertThat(java.util.Arrays.stream(millis).filter(m -> m < 10_000).count()).isGreaterThan(500);
    assertThat(java.util.Arrays.stream(millis).filter(m -> m > 20_000).count()).isGreaterThan(500);
  }
}
