package io.esteira.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random Unix crons against a small reference reading of both dialects: every converted expression
 * selects the same minutes, hours and months, and runs on the same days of 2024-2025, as the Unix
 * cron it came from; EventBridge's validator accepts it unchanged; and the converter refuses
 * exactly the crons that restrict both day fields.
 */
class UnixCronEquivalenceTest {

  private static final SourcePosition AT = new SourcePosition("config.yaml", 1, 1);
  private static final List<String> MONTHS = FieldSpec.MONTHS;
  private static final List<String> DAYS = FieldSpec.DAYS;

  @Property(tries = 1000)
  void convertedCronMeansWhatTheUnixCronMeant(@ForAll("unixCrons") String unix) {
    Diagnostics out = new Diagnostics();
    Optional<String> aws = ScheduleExpressions.toScheduler(unix, AT, out);
    String[] f = unix.split(" ");
    BitSet dom = unixSet(f[2], 1, 31, List.of(), 1);
    BitSet dow = unixSet(f[4], 0, 7, DAYS, 0);
    if (dow.get(7)) {
      dow.set(0);
    }
    dow.clear(7);
    boolean either = !f[2].startsWith("*") && !f[4].startsWith("*");
    boolean bothRestrict = dom.cardinality() < 31 && dow.cardinality() < 7;
    if (bothRestrict) {
      assertThat(aws).isEmpty();
      assertThat(out.all())
          .extracting(Diagnostic::code)
          .containsExactly("ESTEIRA-SCHEDULE-CRON-BOTH-DAYS");
      return;
    }
    assertThat(out.all()).isEmpty();
    String expression = aws.orElseThrow();
    Diagnostics again = new Diagnostics();
    assertThat(ScheduleExpressions.toScheduler(expression, AT, again)).contains(expression);

    String[] g = expression.substring(5, expression.length() - 1).split(" ");
    assertThat(g).hasSize(6);
    assertThat(g[5]).isEqualTo("*");
    assertThat(awsSet(g[0], 0, 59, List.of(), 0)).isEqualTo(unixSet(f[0], 0, 59, List.of(), 0));
    assertThat(awsSet(g[1], 0, 23, List.of(), 0)).isEqualTo(unixSet(f[1], 0, 23, List.of(), 0));
    assertThat(awsSet(g[3], 1, 12, MONTHS, 1)).isEqualTo(unixSet(f[3], 1, 12, MONTHS, 1));
    assertThat(g[2].equals("?") ^ g[4].equals("?")).as("exactly one day field is ?").isTrue();
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.getYear() < 2026; d = d.plusDays(1)) {
      int unixDow = d.getDayOfWeek().getValue() % 7; // Sunday = 0
      boolean domMatch = dom.get(d.getDayOfMonth());
      boolean dowMatch = dow.get(unixDow);
      boolean unixRuns = either ? domMatch || dowMatch : domMatch && dowMatch;
      boolean awsRuns =
          g[2].equals("?")
              ? awsSet(g[4], 1, 7, DAYS, 1).get(unixDow + 1)
              : awsSet(g[2], 1, 31, List.of(), 1).get(d.getDayOfMonth());
      assertThat(awsRuns).as("%s on %s (%s)", expression, d, d.getDayOfWeek()).isEqualTo(unixRuns);
    }
  }

  /** The reference Unix reading: a/n runs to the field's end, 7 is a day-of-week value. */
  private static BitSet unixSet(String field, int min, int max, List<String> names, int first) {
    BitSet set = new BitSet();
    for (String element : field.split(",")) {
      String[] stepped = element.split("/");
      int step = stepped.length == 2 ? Integer.parseInt(stepped[1]) : 1;
      String base = stepped[0];
      int lo;
      int hi;
      if (base.equals("*")) {
        lo = min;
        hi = max;
      } else if (base.contains("-")) {
        lo = value(base.split("-")[0], names, first);
        hi = value(base.split("-")[1], names, first);
      } else {
        lo = value(base, names, first);
        hi = stepped.length == 2 ? max : lo;
      }
      for (int v = lo; v <= hi; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  /** The reference EventBridge reading of the forms the converter writes. */
  private static BitSet awsSet(String field, int min, int max, List<String> names, int first) {
    BitSet set = new BitSet();
    for (String element : field.split(",")) {
      if (element.equals("*")) {
        set.set(min, max + 1);
      } else if (element.contains("/")) {
        int step = Integer.parseInt(element.split("/")[1]);
        for (int v = value(element.split("/")[0], names, first); v <= max; v += step) {
          set.set(v);
        }
      } else if (element.contains("-")) {
        set.set(
            value(element.split("-")[0], names, first),
            value(element.split("-")[1], names, first) + 1);
      } else {
        set.set(value(element, names, first));
      }
    }
    return set;
  }

  private static int value(String text, List<String> names, int first) {
    int index = names.indexOf(text.toUpperCase(Locale.ROOT));
    return index >= 0 ? first + index : Integer.parseInt(text);
  }

  @Provide
  Arbitrary<String> unixCrons() {
    return Combinators.combine(
            field(0, 59, List.of(), 0),
            field(0, 23, List.of(), 0),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("*")),
                net.jqwik.api.Tuple.of(2, field(1, 31, List.of(), 1))),
            field(1, 12, MONTHS, 1),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("*")),
                net.jqwik.api.Tuple.of(2, field(0, 7, DAYS, 0))))
        .as((m, h, dom, mon, dow) -> m + " " + h + " " + dom + " " + mon + " " + dow);
  }

  private static Arbitrary<String> field(int min, int max, List<String> names, int first) {
    Arbitrary<String> value = value(min, max, names, first);
    Arbitrary<String> element =
        Arbitraries.oneOf(
            Arbitraries.integers().between(1, max - min + 2).map(n -> "*/" + n),
            value,
            range(min, max, names, first),
            Combinators.combine(range(min, max, names, first), steps(min, max))
                .as((r, n) -> r + "/" + n),
            Combinators.combine(value, steps(min, max)).as((v, n) -> v + "/" + n));
    return Arbitraries.oneOf(
        Arbitraries.just("*"),
        element,
        element.list().ofMinSize(2).ofMaxSize(3).map(l -> String.join(",", l)));
  }

  private static Arbitrary<Integer> steps(int min, int max) {
    return Arbitraries.integers().between(1, max - min + 1);
  }

  private static Arbitrary<String> range(int min, int max, List<String> names, int first) {
    return Arbitraries.integers()
        .between(min, max)
        .flatMap(
            lo ->
                Arbitraries.integers()
                    .between(lo, max)
                    .map(hi -> name(lo, names, first) + "-" + name(hi, names, first)));
  }

  private static Arbitrary<String> value(int min, int max, List<String> names, int first) {
    return Arbitraries.integers().between(min, max).map(v -> name(v, names, first));
  }

  /** The value as a number, or now and then as a name in a random-looking case. */
  private static String name(int v, List<String> names, int first) {
    int index = v - first;
    if (names.isEmpty() || index < 0 || index >= names.size() || v % 3 == 0) {
      return Integer.toString(v);
    }
    String name = names.get(index);
    return v % 2 == 0 ? name.toLowerCase(Locale.ROOT) : name;
  }
}
