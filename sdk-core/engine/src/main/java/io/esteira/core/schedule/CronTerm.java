package io.esteira.core.schedule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One comma-separated element of a cron field: {@code *}, a value or a range, each with an optional
 * {@code /step}. Both dialects share this grammar; each handles its own special characters ({@code
 * ? L W #}) before it asks for a term.
 *
 * @param kind what the element is before its step
 * @param lo the first value selected
 * @param hi the last value the element reaches: the field's maximum for {@code *} and for a stepped
 *     single value ({@code 5/15} means 5 to the end in steps of 15)
 * @param step the step, or 0 when there is none
 * @param loText {@code lo} as the user wrote it, normalised (names upper case, no leading zeros)
 * @param hiText {@code hi} likewise
 */
record CronTerm(Kind kind, int lo, int hi, int step, String loText, String hiText) {

  /** The shape of an element, ignoring its step. */
  enum Kind {
    ANY,
    VALUE,
    RANGE
  }

  /** Whether the element has a {@code /step}. */
  boolean stepped() {
    return step > 0;
  }

  /** The values the element selects, in ascending order. */
  List<Integer> values() {
    List<Integer> values = new ArrayList<>();
    for (int v = lo; v <= hi; v += stepped() ? step : 1) {
      values.add(v);
    }
    return values;
  }

  /** Adds the values the element selects to {@code into}. */
  void addTo(BitSet into) {
    values().forEach(into::set);
  }

  /** Parses every comma-separated element of {@code field}, or returns empty after reporting. */
  static Optional<List<CronTerm>> parseList(String field, FieldSpec spec, Reporter report) {
    int before = report.errors();
    List<CronTerm> terms = new ArrayList<>();
    for (String element : field.split(",", -1)) {
      if (element.isEmpty()) {
        report.field(
            spec.label() + " '" + field + "' has an empty element",
            "separate values with single commas, such as 1,15");
      } else {
        parse(element, spec, report).ifPresent(terms::add);
      }
    }
    return report.errors() == before ? Optional.of(List.copyOf(terms)) : Optional.empty();
  }

  /** Parses one element, or returns empty after reporting each problem in it. */
  static Optional<CronTerm> parse(String text, FieldSpec spec, Reporter report) {
    int before = report.errors();
    String base = text;
    int step = 0;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      base = text.substring(0, slash);
      step = parseStep(text.substring(slash + 1), text, spec, report);
    }
    CronTerm term = null;
    if (base.equals("*")) {
      term = new CronTerm(Kind.ANY, spec.min(), spec.max(), step, "*", "*");
    } else if (base.indexOf('-') < 0) {
      OptionalInt value = value(base, text, spec, report);
      if (value.isPresent()) {
        int v = value.getAsInt();
        String shown = canonical(base, v);
        term =
            step > 0
                ? new CronTerm(Kind.VALUE, v, spec.max(), step, shown, Integer.toString(spec.max()))
                : new CronTerm(Kind.VALUE, v, v, 0, shown, shown);
      }
    } else {
      String from = base.substring(0, base.indexOf('-'));
      String to = base.substring(base.indexOf('-') + 1);
      OptionalInt lo = value(from, text, spec, report);
      OptionalInt hi = value(to, text, spec, report);
      if (lo.isPresent() && hi.isPresent()) {
        if (lo.getAsInt() > hi.getAsInt()) {
          report.field(
              spec.label() + " range " + base + " runs backwards",
              "write the low end first, or split it into two ranges joined by ','"
                  + " (such as 22-23,0-2)");
        } else {
          term =
              new CronTerm(
                  Kind.RANGE,
                  lo.getAsInt(),
                  hi.getAsInt(),
                  step,
                  canonical(from, lo.getAsInt()),
                  canonical(to, hi.getAsInt()));
        }
      }
    }
    return report.errors() == before ? Optional.ofNullable(term) : Optional.empty();
  }

  private static int parseStep(String text, String element, FieldSpec spec, Reporter report) {
    if (isNumber(text) && text.length() <= 4 && Integer.parseInt(text) > 0) {
      return Integer.parseInt(text);
    }
    report.field(
        spec.label() + " step '" + text + "' in '" + element + "' is not a positive whole number",
        "write a step of 1 or more after '/', such as */15");
    return 0;
  }

  /** A single value: a number in range, or a name the field knows. */
  static OptionalInt value(String text, String element, FieldSpec spec, Reporter report) {
    if (text.isEmpty()) {
      report.field(
          spec.label() + " element '" + element + "' is missing a value", "use " + spec.accepted());
      return OptionalInt.empty();
    }
    if (isNumber(text)) {
      int value = text.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(text);
      if (value < spec.min() || value > spec.max()) {
        report.field(
            spec.label() + " value " + text + " is out of range " + spec.min() + "-" + spec.max(),
            "use " + spec.accepted());
        return OptionalInt.empty();
      }
      return OptionalInt.of(value);
    }
    OptionalInt named = spec.valueOfName(text);
    if (named.isPresent()) {
      return named;
    }
    String what = spec.names().isEmpty() || !isWord(text) ? " value '" : " name '";
    report.field(
        spec.label() + what + text + "' is not valid",
        "use "
            + spec.accepted()
            + ", '*', lists (a,b)"
            + (spec == FieldSpec.AWS_DAY_OF_WEEK
                ? " or ranges (a-b)"
                : ", ranges (a-b) or steps (*/n)"));
    return OptionalInt.empty();
  }

  private static String canonical(String text, int value) {
    return isNumber(text) ? Integer.toString(value) : text.toUpperCase(java.util.Locale.ROOT);
  }

  static boolean isNumber(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isWord(String text) {
    return text.chars().allMatch(Character::isLetter);
  }
}
