package io.esteira.core.schedule;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code schedule.cron} value and turns it into an EventBridge Scheduler expression. Takes
 * the origin's 5-field Unix cron ({@code 0 3 * * *}) and AWS's own {@code cron(...)} and {@code
 * rate(...)}.
 *
 * <p>A Unix cron is converted ({@code 0 3 * * 1-5} becomes {@code cron(0 3 ? * MON-FRI *)}; see
 * {@link UnixCron} for the rules); AWS expressions are validated and returned as written, without
 * surrounding blanks. Refused, each with a message that says what to write instead: one-time {@code
 * at(...)} schedules, cron macros such as {@code @daily}, and a Unix cron that restricts both
 * day-of-month and day-of-week, which no single EventBridge expression can express. Every problem
 * in the value is reported, not just the first. No cron library is involved: the grammar is small,
 * and the conversion needs the Unix reading of the two day fields, which the libraries hide.
 */
public final class ScheduleExpressions {

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *' (00:00 on 1 January)",
          "@annually", "0 0 1 1 *' (00:00 on 1 January)",
          "@monthly", "0 0 1 * *' (00:00 on the first of every month)",
          "@weekly", "0 0 * * 0' (00:00 every Sunday)",
          "@daily", "0 0 * * *' (00:00 every day)",
          "@midnight", "0 0 * * *' (00:00 every day)",
          "@hourly", "0 * * * *' (minute 0 of every hour)");

  private ScheduleExpressions() {}

  /**
   * The Scheduler expression for {@code source}, or empty after reporting every problem to {@code
   * out} at {@code where} (the position of the value in config.yaml).
   */
  public static Optional<String> toScheduler(String source, SourcePosition where, Diagnostics out) {
    String text = source == null ? "" : source.strip();
    Reporter report = new Reporter(text, where, out);
    String lower = text.toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      report.error(EngineMessage.SCHEDULE_SYNTAX, text, "is empty");
      return Optional.empty();
    }
    if (text.startsWith("@")) {
      report.error(EngineMessage.SCHEDULE_MACRO, text, macroFix(lower));
      return Optional.empty();
    }
    if (lower.startsWith("at(")) {
      report.error(EngineMessage.SCHEDULE_ONE_TIME, text);
      return Optional.empty();
    }
    for (String kind : new String[] {"cron(", "rate("}) {
      if (lower.startsWith(kind)) {
        return aws(text, kind, report);
      }
    }
    if (text.contains("(") || text.split("\\s+").length == 1) {
      report.error(EngineMessage.SCHEDULE_SYNTAX, text, "is not a schedule expression");
      return Optional.empty();
    }
    return UnixCron.convert(text, report);
  }

  private static Optional<String> aws(String text, String kind, Reporter report) {
    if (!text.startsWith(kind)) {
      report.error(
          EngineMessage.SCHEDULE_SYNTAX, text, "must start with '" + kind + "' in lower case");
      return Optional.empty();
    }
    if (!text.endsWith(")")) {
      report.error(EngineMessage.SCHEDULE_SYNTAX, text, "has no closing ')'");
      return Optional.empty();
    }
    String inner = text.substring(kind.length(), text.length() - 1);
    return kind.equals("cron(")
        ? AwsCron.validate(text, inner, report)
        : RateExpression.validate(text, inner, report);
  }

  private static String macroFix(String macro) {
    if (MACROS.containsKey(macro)) {
      return "write '" + MACROS.get(macro) + " instead";
    }
    if (macro.equals("@reboot")) {
      return "a pipeline has no reboot to run at: start it by hand, or give a cron such as"
          + " '0 3 * * *' (03:00 every day)";
    }
    return "write a 5-field cron such as '0 3 * * *' (03:00 every day) instead";
  }
}
