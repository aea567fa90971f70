package io.esteira.local.report;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people read them in a progress line, a summary table and the report: {@code 850 ms},
 * {@code 1.2 s}, {@code 2m 05s}, {@code 1h 02m}. Fixed locale, so output is the same everywhere.
 */
public final class Durations {

  private Durations() {}

  /** {@code duration} in the unit that fits it; a negative duration counts as zero. */
  public static String format(Duration duration) {
    return format(duration.toMillis());
  }

  /** {@code millis} milliseconds in the unit that fits them. */
  public static String format(long millis) {
    long ms = Math.max(0, millis);
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      // Tenths, rounded down, so 59,999 ms never reads as 60.0 s.
      return String.format(Locale.ROOT, "%d.%d s", ms / 1_000, (ms % 1_000) / 100);
    }
    long seconds = ms / 1_000;
    if (seconds < 3_600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, (seconds % 3_600) / 60);
  }

  /**
   * A time-axis label: whole units only ({@code 0 s}, {@code 500 ms}, {@code 30 s}, {@code 2m}).
   */
  static String tick(long millis) {
    if (millis == 0) {
      return "0 s";
    }
    if (millis < 1_000 || millis % 1_000 != 0) {
      return millis + " ms";
    }
    long seconds = millis / 1_000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3_600) {
      return seconds % 60 == 0
          ? seconds / 60 + "m"
          : String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return seconds % 3_600 == 0
        ? seconds / 3_600 + "h"
        : String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, (seconds % 3_600) / 60);
  }
}
