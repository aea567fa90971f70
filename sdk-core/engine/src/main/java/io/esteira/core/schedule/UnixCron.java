package io.esteira.core.schedule;

import io.esteira.core.EngineMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Converts the origin's 5-field Unix cron ({@code minute hour day-of-month month day-of-week}) to
 * an EventBridge Scheduler {@code cron(...)} expression with the same meaning.
 *
 * <p>Three differences drive the conversion. EventBridge numbers the days of the week 1-7 from
 * Sunday where Unix uses 0-7 with 0 and 7 both Sunday; the converted day-of-week is written with
 * names ({@code MON-FRI}), which mean the same in both dialects and cannot be misread, and never as
 * a range that wraps past Saturday. EventBridge takes no {@code /} in day-of-week, so stepped days
 * become lists. And EventBridge needs {@code ?} in one of the two day fields, while Unix cron
 * combines them: when neither field starts with {@code *} a day matches if <em>either</em> field
 * matches; otherwise both must match (as Vixie cron and cronie do). When that leaves both fields
 * restricting the days, no single EventBridge expression is equivalent and the conversion refuses.
 *
 * <p>Other fields keep the user's form where EventBridge reads it the same way: {@code *}, values,
 * ranges and lists pass through; {@code *}/n becomes {@code 0/n} (minute, hour) or {@code 1/n}
 * (day-of-month, month), the form EventBridge documents; a stepped range becomes the start/step
 * form when it runs to the field's end, or the list of its values otherwise.
 */
final class UnixCron {

  private static final FieldSpec[] FIELDS = {
    FieldSpec.MINUTE,
    FieldSpec.HOUR,
    FieldSpec.DAY_OF_MONTH,
    FieldSpec.MONTH,
    FieldSpec.UNIX_DAY_OF_WEEK
  };

  /** Tokens only EventBridge's dialect has: ?, L, LW, 5W, 5L, 3#2. */
  private static final Pattern AWS_ONLY = Pattern.compile("(?i)\\?|L|LW|\\d+[LW]|[A-Z]{3}L|.*#.*");

  private UnixCron() {}

  /** The EventBridge expression for a 5-field Unix cron, or empty after reporting. */
  static Optional<String> convert(String source, Reporter report) {
    String[] fields = source.trim().split("\\s+");
    if (fields.length != 5) {
      report.error(
          EngineMessage.SCHEDULE_CRON_FIELD_COUNT,
          source,
          fields.length,
          fieldCountHint(fields.length));
      return Optional.empty();
    }
    int before = report.errors();
    List<List<CronTerm>> parsed = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      parsed.add(parseField(fields[i], FIELDS[i], report));
    }
    if (report.errors() != before) {
      return Optional.empty();
    }
    BitSet monthDays = union(parsed.get(2));
    BitSet weekDays = union(parsed.get(4));
    if (weekDays.get(7)) { // 7 is Sunday too
      weekDays.clear(7);
      weekDays.set(0);
    }
    boolean everyMonthDay = monthDays.cardinality() == 31;
    boolean everyWeekDay = weekDays.cardinality() == 7;
    // Unix ORs the two day fields when neither starts with '*', and ANDs them otherwise.
    boolean either = !fields[2].startsWith("*") && !fields[4].startsWith("*");
    boolean everyDay = either ? everyMonthDay || everyWeekDay : everyMonthDay && everyWeekDay;
    String dayOfMonth;
    String dayOfWeek;
    if (everyDay) {
      dayOfMonth = "*";
      dayOfWeek = "?";
    } else if (everyWeekDay) { // only the day of the month decides
      dayOfMonth = render(parsed.get(2), FieldSpec.DAY_OF_MONTH);
      dayOfWeek = "?";
    } else if (everyMonthDay) { // only the day of the week decides
      dayOfMonth = "?";
      dayOfWeek = days(weekDays);
    } else {
      report.error(
          EngineMessage.SCHEDULE_CRON_BOTH_DAYS,
          source,
          fields[2],
          fields[4],
          either ? "either one matches" : "both match");
      return Optional.empty();
    }
    return Optional.of(
        "cron("
            + render(parsed.get(0), FieldSpec.MINUTE)
            + " "
            + render(parsed.get(1), FieldSpec.HOUR)
            + " "
            + dayOfMonth
            + " "
            + render(parsed.get(3), FieldSpec.MONTH)
            + " "
            + dayOfWeek
            + " *)");
  }

  private static List<CronTerm> parseField(String field, FieldSpec spec, Reporter report) {
    for (String element : field.split(",")) {
      if (AWS_ONLY.matcher(element).matches()) {
        report.field(
            "'" + element + "' in " + spec.label() + " is EventBridge cron syntax, not Unix cron",
            "to use it, write the whole expression as cron(minute hour day-of-month month"
                + " day-of-week year), such as cron(0 3 L * ? *)");
        return List.of();
      }
    }
    return CronTerm.parseList(field, spec, report).orElse(List.of());
  }

  private static BitSet union(List<CronTerm> terms) {
    BitSet set = new BitSet();
    terms.forEach(term -> term.addTo(set));
    return set;
  }

  /** A field other than day-of-week, element by element. */
  private static String render(List<CronTerm> terms, FieldSpec spec) {
    List<String> parts = new ArrayList<>();
    for (CronTerm term : terms) {
      parts.add(render(term, spec));
    }
    return String.join(",", parts);
  }

  private static String render(CronTerm term, FieldSpec spec) {
    if (!term.stepped()) {
      return term.kind() == CronTerm.Kind.RANGE
          ? term.loText() + "-" + term.hiText()
          : term.loText();
    }
    List<Integer> values = term.values();
    if (term.kind() == CronTerm.Kind.ANY && term.step() == 1) {
      return "*";
    }
    if (values.size() == 1) {
      return Integer.toString(values.get(0));
    }
    int last = values.get(values.size() - 1);
    if (last + term.step() > spec.max()) { // the progression runs to the field's end
      return term.lo() + "/" + term.step();
    }
    List<String> listed = new ArrayList<>();
    values.forEach(v -> listed.add(Integer.toString(v)));
    return String.join(",", listed);
  }

  /** Days 0-6 (Sunday first) as EventBridge day names: runs of three or more as ranges. */
  static String days(BitSet days) {
    List<String> parts = new ArrayList<>();
    int day = days.nextSetBit(0);
    while (day >= 0 && day <= 6) {
      int end = day;
      while (end < 6 && days.get(end + 1)) {
        end++;
      }
      if (end - day >= 2) {
        parts.add(FieldSpec.DAYS.get(day) + "-" + FieldSpec.DAYS.get(end));
      } else {
        for (int d = day; d <= end; d++) {
          parts.add(FieldSpec.DAYS.get(d));
        }
      }
      day = days.nextSetBit(end + 1);
    }
    return String.join(",", parts);
  }

  private static String fieldCountHint(int count) {
    String unix =
        "a Unix cron has 5 (minute hour day-of-month month day-of-week), such as '0 3 * * *'";
    if (count == 6) {
      return unix
          + "; an EventBridge cron has 6 (with the year last) and is written inside cron(...),"
          + " such as cron(0 3 * * ? *)";
    }
    if (count == 7) {
      return unix + "; the first of 7 fields is usually seconds, which EventBridge does not take";
    }
    return unix;
  }
}
