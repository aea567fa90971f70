package io.esteira.core.schedule;

import java.util.Map;
import java.util.Optional;

/**
 * Validates EventBridge Scheduler's {@code rate(value unit)}: a positive whole number and one of
 * {@code minute, minutes, hour, hours, day, days}, singular exactly when the value is 1. Valid
 * expressions pass on unchanged.
 */
final class RateExpression {

  private static final Map<String, String> SINGULAR =
      Map.of("minutes", "minute", "hours", "hour", "days", "day");

  private RateExpression() {}

  /** The expression when {@code inner} (the text between the parentheses) is valid. */
  static Optional<String> validate(String expression, String inner, Reporter report) {
    String[] parts = inner.trim().split("\\s+");
    if (parts.length != 2) {
      report.rate(
          "a rate needs a value and a unit",
          "write rate(<whole number> <unit>), such as rate(1 day) or rate(15 minutes)");
      return Optional.empty();
    }
    int before = report.errors();
    String value = parts[0];
    String unit = parts[1];
    long amount = -1;
    if (!CronTerm.isNumber(value) || value.length() > 9 || Long.parseLong(value) == 0) {
      report.rate(
          "rate value '" + value + "' is not a positive whole number",
          "write a whole number of 1 or more, such as rate(15 minutes)");
    } else {
      amount = Long.parseLong(value);
    }
    String singular = SINGULAR.containsValue(unit) ? unit : SINGULAR.get(unit);
    if (singular == null) {
      report.rate("rate unit '" + unit + "' is not one EventBridge takes", unitFix(unit, amount));
    } else if (amount > 0) {
      String expected = amount == 1 ? singular : singular + "s";
      if (!unit.equals(expected)) {
        report.rate(
            "rate unit '" + unit + "' does not agree with the value " + amount,
            "write rate("
                + amount
                + " "
                + expected
                + "): the unit is singular for 1, plural"
                + " otherwise");
      }
    }
    return report.errors() == before ? Optional.of(expression) : Optional.empty();
  }

  private static String unitFix(String unit, long amount) {
    String lower = unit.toLowerCase(java.util.Locale.ROOT);
    String units = "use minute(s), hour(s) or day(s) in lower case";
    if (amount > 0 && (lower.equals("week") || lower.equals("weeks"))) {
      return units + ", such as rate(" + amount * 7 + " days)";
    }
    if (SINGULAR.containsKey(lower) || SINGULAR.containsValue(lower)) {
      return units + ", such as rate(" + (amount > 0 ? amount : 1) + " " + lower + ")";
    }
    return units + "; for seconds, weeks or months write a cron expression instead";
  }
}
