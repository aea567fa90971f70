package io.esteira.core.schedule;

import io.esteira.core.EngineMessage;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates EventBridge Scheduler's own {@code cron(minute hour day-of-month month day-of-week
 * year)}, which is passed on unchanged when valid.
 *
 * <p>The rules are the ones EventBridge documents: six fields; {@code , - * /} in every field but
 * day-of-week, which takes {@code , - * ? L #} and no {@code /}; {@code ? L W} in day-of-month;
 * exactly one of the two day fields is {@code ?}; a {@code #} stands alone in day-of-week. Names
 * are accepted in any case. A step must lie between 1 and the field's span, as the Quartz grammar
 * EventBridge follows requires. Where EventBridge documents nothing (a stepped range such as {@code
 * 10-40/10}) the validator accepts what the grammar allows and lets the service decide.
 */
final class AwsCron {

  private static final List<FieldSpec> FIELDS =
      List.of(
          FieldSpec.MINUTE,
          FieldSpec.HOUR,
          FieldSpec.DAY_OF_MONTH,
          FieldSpec.MONTH,
          FieldSpec.AWS_DAY_OF_WEEK,
          FieldSpec.YEAR);

  private static final Pattern WEEKDAY_OF_MONTH =
      Pattern.compile("(\\d+)W", Pattern.CASE_INSENSITIVE);
  private static final Pattern LAST_DAY_OF_WEEK =
      Pattern.compile("(\\w+)L", Pattern.CASE_INSENSITIVE);
  private static final Pattern NTH_DAY_OF_WEEK = Pattern.compile("([^#]*)#(.*)");

  private AwsCron() {}

  /** The expression when {@code inner} (the text between the parentheses) is valid. */
  static Optional<String> validate(String expression, String inner, Reporter report) {
    String[] fields = inner.trim().isEmpty() ? new String[0] : inner.trim().split("\\s+");
    if (fields.length != 6) {
      report.error(
          EngineMessage.SCHEDULE_CRON_FIELD_COUNT,
          expression,
          fields.length,
          fieldCountHint(fields));
      return Optional.empty();
    }
    int before = report.errors();
    for (int i : new int[] {0, 1, 3, 5}) {
      if (fields[i].equals("?")) {
        report.field(
            "'?' in " + FIELDS.get(i).label(),
            "'?' belongs only in day-of-month or day-of-week; use '*' for every value");
      } else {
        terms(fields[i], FIELDS.get(i), report);
      }
    }
    dayOfMonth(fields[2], report);
    dayOfWeek(fields[4], report);
    boolean domAny = fields[2].equals("?");
    boolean dowAny = fields[4].equals("?");
    if (domAny == dowAny) {
      report.error(
          EngineMessage.SCHEDULE_CRON_QUESTION_MARK,
          expression,
          domAny
              ? "'?' in both day-of-month and day-of-week"
              : "no '?' in either day-of-month ("
                  + fields[2]
                  + ") or day-of-week ("
                  + fields[4]
                  + ")");
    }
    return report.errors() == before ? Optional.of(expression) : Optional.empty();
  }

  private static void dayOfMonth(String field, Reporter report) {
    FieldSpec spec = FieldSpec.DAY_OF_MONTH;
    String upper = field.toUpperCase(java.util.Locale.ROOT);
    if (field.equals("?") || upper.equals("L") || upper.equals("LW")) {
      return;
    }
    Matcher weekday = WEEKDAY_OF_MONTH.matcher(field);
    if (weekday.matches()) {
      CronTerm.value(weekday.group(1), field, spec, report);
    } else if (field.contains("?") || upper.contains("L") || upper.contains("W")) {
      report.field(
          "day-of-month '" + field + "' mixes '?', 'L' or 'W' with other values",
          "write '?', 'L', 'LW' or a single weekday such as 15W on its own");
    } else {
      terms(field, spec, report);
    }
  }

  private static void dayOfWeek(String field, Reporter report) {
    FieldSpec spec = FieldSpec.AWS_DAY_OF_WEEK;
    if (field.equals("?") || field.equalsIgnoreCase("L")) {
      return;
    }
    Matcher nth = NTH_DAY_OF_WEEK.matcher(field);
    Matcher last = LAST_DAY_OF_WEEK.matcher(field);
    if (nth.matches()) {
      CronTerm.value(nth.group(1), field, spec, report);
      String n = nth.group(2);
      if (!n.matches("[1-5]")) {
        report.field(
            "day-of-week '" + field + "' asks for occurrence '" + n + "' of the day",
            "write day#n with n from 1 to 5 and nothing else in the field, such as 6#3 (the third"
                + " Friday)");
      }
    } else if (last.matches()) {
      CronTerm.value(last.group(1), field, spec, report);
    } else if (field.contains("/")) {
      report.field(
          "day-of-week '" + field + "' has a step, which EventBridge does not take in day-of-week",
          "list the days instead, such as MON,WED,FRI");
    } else if (field.contains("?")) {
      report.field("day-of-week '" + field + "' mixes '?' with values", "write '?' on its own");
    } else {
      terms(field, spec, report);
    }
  }

  private static void terms(String field, FieldSpec spec, Reporter report) {
    CronTerm.parseList(field, spec, report)
        .ifPresent(
            terms -> {
              for (CronTerm term : terms) {
                if (term.step() > spec.max() - spec.min()) {
                  report.field(
                      spec.label() + " step " + term.step() + " is larger than the field allows",
                      "use a step from 1 to " + (spec.max() - spec.min()));
                }
              }
            });
  }

  private static String fieldCountHint(String[] fields) {
    String aws =
        "EventBridge's cron(...) has 6: minute hour day-of-month month day-of-week year, such as"
            + " cron(0 3 * * ? *)";
    if (fields.length == 5 && (fields[2].equals("?") || fields[4].equals("?"))) {
      return aws + "; add the year field: cron(" + String.join(" ", fields) + " *)";
    }
    if (fields.length == 5) {
      return aws + "; to have a 5-field Unix cron converted, write it without cron(...)";
    }
    if (fields.length == 7) {
      return aws + "; the first of 7 fields is usually seconds, which EventBridge does not take";
    }
    return aws;
  }
}
