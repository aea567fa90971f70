package io.esteira.core.config;

import io.esteira.core.diagnostics.Diagnostics;
import io.esteira.core.diagnostics.SourcePosition;
import io.esteira.core.schedule.ScheduleExpressions;
import java.util.Optional;

/**
 * How the loader turns {@code schedule.cron} into a Scheduler expression. Production code always
 * uses {@link #STANDARD}; the seam exists so config tests do not depend on the cron converter.
 */
@FunctionalInterface
interface ScheduleChecks {

  /** {@link ScheduleExpressions#toScheduler}. */
  ScheduleChecks STANDARD = ScheduleExpressions::toScheduler;

  /** The Scheduler expression, or empty after reporting the problems to {@code out}. */
  Optional<String> toScheduler(String source, SourcePosition where, Diagnostics out);
}
