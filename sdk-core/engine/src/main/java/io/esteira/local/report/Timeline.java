package io.esteira.local.report;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time axis of a report: from the run's start to its end (or, while it runs, to the latest time
 * any attempt shows), mapped onto 0..1. An attempt still running ends where the axis ends.
 */
final class Timeline {

  /** Tick spacings tried in order, the first that gives at most {@link #MAX_TICKS} intervals. */
  private static final long[] STEPS_MS = {
    100,
    200,
    500,
    1_000,
    2_000,
    5_000,
    10_000,
    15_000,
    30_000,
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000
  };

  private static final int MAX_TICKS = 8;

  private final Instant start;
  private final Instant end;
  private final long spanMillis;

  private Timeline(Instant start, Instant end) {
    this.start = start;
    this.end = end;
    // At least a millisecond, so a run that took no measurable time still has an axis.
    this.spanMillis = Math.max(1, Duration.between(start, end).toMillis());
  }

  static Timeline of(RunRecord record) {
    Instant end = record.endedAt() == null ? record.startedAt() : record.endedAt();
    for (StepRecord step : record.steps()) {
      for (AttemptRecord attempt : step.attempts()) {
        end = later(end, attempt.startedAt());
        if (attempt.endedAt() != null) {
          end = later(end, attempt.endedAt());
        }
      }
    }
    return new Timeline(record.startedAt(), end);
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  Instant start() {
    return start;
  }

  Duration span() {
    return Duration.ofMillis(spanMillis);
  }

  /** Where {@code at} falls on the axis, 0 at the start and 1 at the end. */
  double x(Instant at) {
    double offset = Duration.between(start, at).toMillis();
    return Math.max(0, Math.min(1, offset / spanMillis));
  }

  /** When {@code attempt} ended, or the end of the axis while it runs. */
  Instant end(AttemptRecord attempt) {
    return attempt.endedAt() == null ? end : attempt.endedAt();
  }

  long millis(AttemptRecord attempt) {
    return Duration.between(attempt.startedAt(), end(attempt)).toMillis();
  }

  /** A labelled tick on the axis; {@code x} in 0..1. */
  record Tick(double x, String label) {}

  List<Tick> ticks() {
    long step = STEPS_MS[STEPS_MS.length - 1];
    for (long candidate : STEPS_MS) {
      if (spanMillis / candidate <= MAX_TICKS) {
        step = candidate;
        break;
      }
    }
    List<Tick> ticks = new ArrayList<>();
    for (long at = 0; at <= spanMillis; at += step) {
      ticks.add(new Tick((double) at / spanMillis, Durations.tick(at)));
    }
    return ticks;
  }
}
