package io.esteira.core.schedule;

import io.esteira.core.diagnostics.Diagnostics;
import io.esteira.core.diagnostics.SourcePosition;
import java.util.Optional;

/**
 * Checks a {@code schedule.cron} value and turns it into an EventBridge Scheduler expression. Takes
 * the origin's 5-field Unix cron ({@code 0 3 * * *}) and AWS's own {@code cron(...)} and {@code
 * rate(...)}.
 */
public final class ScheduleExpressions {

  private ScheduleExpressions() {}

  /**
   * The Scheduler expression for {@code source}, or empty after reporting every problem to {@code
   * out} at {@code where} (the position of the value in config.yaml).
   */
  public static Optional<String> toScheduler(String source, SourcePosition where, Diagnostics out) {
    throw new UnsupportedOperationException("not yet written");
  }
}
