package io.esteira.core.schedule;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * One field of a cron expression in one dialect: its name in messages, its bounds and the names it
 * accepts. Unix and EventBridge number the days of the week differently (Unix 0-7 with 0 and 7 both
 * Sunday, EventBridge 1-7), so the two dialects have separate day-of-week specs.
 *
 * @param label the field's name in messages, such as {@code day-of-week}
 * @param min the smallest value
 * @param max the largest value
 * @param names three-letter names in value order, or none
 * @param firstName the value of the first name ({@code JAN} = 1, Unix {@code SUN} = 0)
 * @param accepted the values to suggest when one is wrong, such as {@code 0-59}
 */
record FieldSpec(
    String label, int min, int max, List<String> names, int firstName, String accepted) {

  static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  static final FieldSpec MINUTE = plain("minute", 0, 59);
  static final FieldSpec HOUR = plain("hour", 0, 23);
  static final FieldSpec DAY_OF_MONTH = plain("day-of-month", 1, 31);
  static final FieldSpec MONTH = new FieldSpec("month", 1, 12, MONTHS, 1, "1-12 or JAN-DEC");
  static final FieldSpec UNIX_DAY_OF_WEEK =
      new FieldSpec("day-of-week", 0, 7, DAYS, 0, "0-7 (0 and 7 are Sunday) or SUN-SAT");
  static final FieldSpec AWS_DAY_OF_WEEK =
      new FieldSpec("day-of-week", 1, 7, DAYS, 1, "1-7 (1 is Sunday) or SUN-SAT");
  static final FieldSpec YEAR = plain("year", 1970, 2199);

  FieldSpec {
    names = List.copyOf(names);
  }

  private static FieldSpec plain(String label, int min, int max) {
    return new FieldSpec(label, min, max, List.of(), 0, min + "-" + max);
  }

  /** The value of a name such as {@code mon} (any case), or empty when it is not one. */
  OptionalInt valueOfName(String text) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    return index < 0 ? OptionalInt.empty() : OptionalInt.of(firstName + index);
  }

  /** How many values the field has. */
  int size() {
    return max - min + 1;
  }
}
