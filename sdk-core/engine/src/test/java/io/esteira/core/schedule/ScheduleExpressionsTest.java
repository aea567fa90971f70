package io.esteira.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionsTest {

  /** Where {@code schedule.cron} sits in a config.yaml: line 11, column 9. */
  private static final SourcePosition AT = new SourcePosition("config.yaml", 11, 9);

  private record Result(Optional<String> expression, List<Diagnostic> diagnostics) {
    Diagnostic only() {
      assertThat(diagnostics).hasSize(1);
      return diagnostics.get(0);
    }
  }

  private static Result convert(String source) {
    Diagnostics out = new Diagnostics();
    Optional<String> expression = ScheduleExpressions.toScheduler(source, AT, out);
    List<Diagnostic> all = out.all();
    assertThat(expression.isPresent()).as("a result iff no diagnostics").isEqualTo(all.isEmpty());
    for (Diagnostic d : all) {
      assertThat(d.isError()).isTrue();
      assertThat(d.position()).contains(AT);
    }
    return new Result(expression, all);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the origin's example
        "0 3 * * *          | cron(0 3 * * ? *)",
        // steps: */n as EventBridge documents it, stepped ranges as start/step or a list
        "*/15 * * * *       | cron(0/15 * * * ? *)",
        "0 */2 * * *        | cron(0 0/2 * * ? *)",
        "0 0 */2 * *        | cron(0 0 1/2 * ? *)",
        "0 0 1 */3 *        | cron(0 0 1 1/3 ? *)",
        "5/10 * * * *       | cron(5/10 * * * ? *)",
        "0-30/10 * * * *    | cron(0,10,20,30 * * * ? *)",
        "10-59/10 * * * *   | cron(10/10 * * * ? *)",
        "*/60 * * * *       | cron(0 * * * ? *)",
        "*/1 * * * *        | cron(* * * * ? *)",
        "0 8-18/5 * * *     | cron(0 8,13,18 * * ? *)",
        // values, ranges and lists pass through; leading zeros go
        "00 03 * * *        | cron(0 3 * * ? *)",
        "0 0,12 * * *       | cron(0 0,12 * * ? *)",
        "0 22-23,0-2 * * *  | cron(0 22-23,0-2 * * ? *)",
        "0 3 15 * *         | cron(0 3 15 * ? *)",
        "0 3 1,15 * *       | cron(0 3 1,15 * ? *)",
        // month names, any case
        "0 3 * jan-mar *    | cron(0 3 * JAN-MAR ? *)",
        "0 3 * JAN,jul *    | cron(0 3 * JAN,JUL ? *)",
        "0 3 1 */6 *        | cron(0 3 1 1/6 ? *)",
        // day-of-week: renumbered (as names), Sunday is 0 or 7, no wrapping ranges, no steps
        "0 9-17 * * 1-5     | cron(0 9-17 ? * MON-FRI *)",
        "0 3 * * 0          | cron(0 3 ? * SUN *)",
        "0 3 * * 7          | cron(0 3 ? * SUN *)",
        "0 3 * * 6          | cron(0 3 ? * SAT *)",
        "0 3 * * 5-7        | cron(0 3 ? * SUN,FRI,SAT *)",
        "0 3 * * 6,0        | cron(0 3 ? * SUN,SAT *)",
        "0 3 * * 1,2        | cron(0 3 ? * MON,TUE *)",
        "0 3 * * 1,2,3      | cron(0 3 ? * MON-WED *)",
        "0 3 * * */2        | cron(0 3 ? * SUN,TUE,THU,SAT *)",
        "0 3 * * 1/2        | cron(0 3 ? * SUN,MON,WED,FRI *)",
        "0 3 * * 1-5/2      | cron(0 3 ? * MON,WED,FRI *)",
        "0 3 * * mon-FRI    | cron(0 3 ? * MON-FRI *)",
        "0 3 * * Sat,sun    | cron(0 3 ? * SUN,SAT *)",
        "0 3 * * sun-sat    | cron(0 3 * * ? *)",
        "0 3 * * 0-7        | cron(0 3 * * ? *)",
        "0 3 * * 0,1,2,3,4,5,6 | cron(0 3 * * ? *)",
        // the two day fields: both unrestricted, one unrestricted, Unix's OR with a full field
        "0 3 */1 * 1-5      | cron(0 3 ? * MON-FRI *)",
        "0 3 */2 * *        | cron(0 3 1/2 * ? *)",
        "0 3 15 * 0-6       | cron(0 3 * * ? *)",
        "0 3 1-31 * 1-5     | cron(0 3 * * ? *)",
      })
  void convertsUnixCron(String unix, String expected) {
    assertThat(convert(unix).expression()).contains(expected);
  }

  @Test
  void ignoresBlanksAroundAndBetweenFields() {
    assertThat(convert("  0\t3  * *   *  ").expression()).contains("cron(0 3 * * ? *)");
    assertThat(convert(" rate(1 day) ").expression()).contains("rate(1 day)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cron(0 3 * * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(*/5 * * * ? *)",
        "cron(0 18 ? * MON-FRI *)",
        "cron(0 18 ? * mon-fri *)",
        "cron(0 8 1 * ? *)",
        "cron(15 10 L * ? 2030)",
        "cron(0 9 LW * ? *)",
        "cron(0 9 15W * ? *)",
        "cron(0 9 ? * L *)",
        "cron(0 9 ? * 6L *)",
        "cron(0 9 ? * 6#3 *)",
        "cron(0 0 ? * SUN#1 *)",
        "cron(0 0 1 JAN,JUL ? 2024-2030)",
        "cron(0 0 1 1/3 ? *)",
        "cron(0,30 8-17 ? * 2-6 *)",
        "rate(1 minute)",
        "rate(5 minutes)",
        "rate(1 hour)",
        "rate(12 hours)",
        "rate(1 day)",
        "rate(7 days)",
      })
  void passesValidAwsExpressionsThroughUnchanged(String aws) {
    assertThat(convert(aws).expression()).contains(aws);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 3 * * 8        | day-of-week value 8 is out of range 0-7 in '0 3 * * 8'; use 0-7 (0 and"
            + " 7 are Sunday) or SUN-SAT",
        "60 3 * * *       | minute value 60 is out of range 0-59",
        "0 24 * * *       | hour value 24 is out of range 0-23",
        "0 3 0 * *        | day-of-month value 0 is out of range 1-31",
        "0 3 32 * *       | day-of-month value 32 is out of range 1-31",
        "0 3 * 13 *       | month value 13 is out of range 1-12 in '0 3 * 13 *'; use 1-12 or JAN-DEC",
        "0 3 * 0 *        | month value 0 is out of range 1-12",
        "0 99999 * * *    | hour value 99999 is out of range 0-23",
        "0 3 * * FOO      | day-of-week name 'FOO' is not valid",
        "0 3 * JANUARY *  | month name 'JANUARY' is not valid",
        "x 3 * * *        | minute value 'x' is not valid",
        "0 3 MON * *      | day-of-month value 'MON' is not valid",
        "0 3 * * 5-1      | day-of-week range 5-1 runs backwards",
        "0 3 * * FRI-MON  | day-of-week range FRI-MON runs backwards",
        "0 20-2 * * *     | hour range 20-2 runs backwards in '0 20-2 * * *'; write the low end first",
        "*/0 * * * *      | minute step '0' in '*/0' is not a positive whole number",
        "*/x * * * *      | minute step 'x' in '*/x' is not a positive whole number",
        "0 -5 * * *       | hour element '-5' is missing a value",
        "0 3 1,,2 * *     | day-of-month '1,,2' has an empty element",
        "0 3 L * *        | 'L' in day-of-month is EventBridge cron syntax, not Unix cron",
        "0 3 ? * *        | '?' in day-of-month is EventBridge cron syntax, not Unix cron",
        "0 3 15W * *      | '15W' in day-of-month is EventBridge cron syntax",
        "0 3 * * 6#3      | '6#3' in day-of-week is EventBridge cron syntax",
        "0 3 * * 5L       | '5L' in day-of-week is EventBridge cron syntax",
        "0 3 * * FRIL     | 'FRIL' in day-of-week is EventBridge cron syntax",
      })
  void reportsTheFieldAndTheFixForBadUnixCron(String unix, String message) {
    Diagnostic d = convert(unix).only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-CRON-FIELD");
    assertThat(d.text()).contains(message);
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    Result result = convert("60 24 * 13 8");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::code)
        .containsOnly("ESTEIRA-SCHEDULE-CRON-FIELD");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::text)
        .anyMatch(t -> t.startsWith("minute value 60"))
        .anyMatch(t -> t.startsWith("hour value 24"))
        .anyMatch(t -> t.startsWith("month value 13"))
        .anyMatch(t -> t.startsWith("day-of-week value 8"))
        .hasSize(4);
  }

  @Test
  void reportsEveryBadElementOfOneField() {
    assertThat(convert("0 3 * * 8,9,MON").diagnostics()).hasSize(2);
  }

  @Test
  void rendersWithFileLineAndColumn() {
    assertThat(convert("0 3 * * 8").only().render())
        .isEqualTo(
            "config.yaml:11:9: error: [ESTEIRA-SCHEDULE-CRON-FIELD] day-of-week value 8 is out of"
                + " range 0-7 in '0 3 * * 8'; use 0-7 (0 and 7 are Sunday) or SUN-SAT");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 3 1 * 1         | restricts both day-of-month (1) and day-of-week (1), and Unix cron"
            + " runs it on days where either one matches",
        "0 3 1-7 * MON-FRI | restricts both day-of-month (1-7) and day-of-week (MON-FRI)",
        "0 3 */2 * 1       | runs it on days where both match",
        "0 3 15 * */2      | runs it on days where both match",
      })
  void refusesUnixCronRestrictingBothDayFields(String unix, String message) {
    Diagnostic d = convert(unix).only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-CRON-BOTH-DAYS");
    assertThat(d.text())
        .contains(message)
        .contains("keep one and set the other to '*'")
        .contains("two pipelines or schedules");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 3 * *           | has 4 fields; a Unix cron has 5",
        "0 3 * * * *       | has 6 fields; a Unix cron has 5 (minute hour day-of-month month"
            + " day-of-week), such as '0 3 * * *'; an EventBridge cron has 6",
        "0 0 3 * * ? *     | has 7 fields; a Unix cron has 5",
        "cron(0 3 * * ?)   | has 5 fields; EventBridge's cron(...) has 6: minute hour day-of-month"
            + " month day-of-week year, such as cron(0 3 * * ? *); add the year field: cron(0 3 * *"
            + " ? *)",
        "cron(0 3 * * *)   | to have a 5-field Unix cron converted, write it without cron(...)",
        "cron(0 0 3 * * ? *) | has 7 fields; EventBridge's cron(...) has 6",
        "cron()            | has 0 fields",
      })
  void reportsTheWrongNumberOfFields(String source, String message) {
    Diagnostic d = convert(source).only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-CRON-FIELD-COUNT");
    assertThat(d.text()).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "@daily    | write '0 0 * * *' (00:00 every day) instead",
        "@midnight | write '0 0 * * *' (00:00 every day) instead",
        "@hourly   | write '0 * * * *' (minute 0 of every hour) instead",
        "@weekly   | write '0 0 * * 0' (00:00 every Sunday) instead",
        "@WEEKLY   | write '0 0 * * 0' (00:00 every Sunday) instead",
        "@monthly  | write '0 0 1 * *' (00:00 on the first of every month) instead",
        "@yearly   | write '0 0 1 1 *' (00:00 on 1 January) instead",
        "@annually | write '0 0 1 1 *' (00:00 on 1 January) instead",
        "@reboot   | start it by hand",
        "@every 5m | write a 5-field cron such as '0 3 * * *'",
      })
  void refusesCronMacrosWithTheirEquivalent(String macro, String fix) {
    Diagnostic d = convert(macro).only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-MACRO");
    assertThat(d.text())
        .contains("is a cron macro, which EventBridge Scheduler does not take", fix);
  }

  @Test
  void refusesOneTimeSchedules() {
    Diagnostic d = convert("at(2030-01-01T03:00:00)").only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-ONE-TIME");
    assertThat(d.text()).contains("one-time schedule", "start a one-off execution by hand");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cron(0 3 * * * *)     | ESTEIRA-SCHEDULE-CRON-QUESTION-MARK | has no '?' in either"
            + " day-of-month (*) or day-of-week (*); in cron(...) exactly one",
        "cron(0 3 1 * MON *)   | ESTEIRA-SCHEDULE-CRON-QUESTION-MARK | no '?' in either",
        "cron(0 3 ? * ? *)     | ESTEIRA-SCHEDULE-CRON-QUESTION-MARK | '?' in both day-of-month"
            + " and day-of-week",
        "cron(0 3 ? * 0 *)     | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-week value 0 is out of range"
            + " 1-7 in 'cron(0 3 ? * 0 *)'; use 1-7 (1 is Sunday) or SUN-SAT",
        "cron(0 3 ? * 8 *)     | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-week value 8 is out of range"
            + " 1-7",
        "cron(0 3 ? * MON/2 *) | ESTEIRA-SCHEDULE-CRON-FIELD | has a step, which EventBridge does"
            + " not take in day-of-week in 'cron(0 3 ? * MON/2 *)'; list the days instead",
        "cron(0 3 ? * 6#6 *)   | ESTEIRA-SCHEDULE-CRON-FIELD | asks for occurrence '6' of the day",
        "cron(0 3 ? * 6#1,2 *) | ESTEIRA-SCHEDULE-CRON-FIELD | asks for occurrence '1,2'",
        "cron(0 3 ? * 9L *)    | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-week value 9 is out of range",
        "cron(0 3 ? * ?,MON *) | ESTEIRA-SCHEDULE-CRON-FIELD | mixes '?' with values",
        "cron(0 9 ? * 6L,2 *)  | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-week value '6L' is not valid"
            + " in 'cron(0 9 ? * 6L,2 *)'; use 1-7 (1 is Sunday) or SUN-SAT, '*', lists (a,b) or"
            + " ranges (a-b)",
        "cron(0 3 32 * ? *)    | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-month value 32 is out of"
            + " range 1-31",
        "cron(0 3 32W * ? *)   | ESTEIRA-SCHEDULE-CRON-FIELD | day-of-month value 32 is out of"
            + " range 1-31",
        "cron(0 3 L,15 * ? *)  | ESTEIRA-SCHEDULE-CRON-FIELD | mixes '?', 'L' or 'W' with other"
            + " values",
        "cron(0 3 * 13 ? *)    | ESTEIRA-SCHEDULE-CRON-FIELD | month value 13 is out of range",
        "cron(0 3 * * ? 1969)  | ESTEIRA-SCHEDULE-CRON-FIELD | year value 1969 is out of range"
            + " 1970-2199",
        "cron(0/60 * * * ? *)  | ESTEIRA-SCHEDULE-CRON-FIELD | minute step 60 is larger than the"
            + " field allows in 'cron(0/60 * * * ? *)'; use a step from 1 to 59",
        "cron(? 3 * * ? *)     | ESTEIRA-SCHEDULE-CRON-FIELD | '?' in minute",
        "cron(0 3 * * ? ?)     | ESTEIRA-SCHEDULE-CRON-FIELD | '?' in year",
        "CRON(0 3 * * ? *)     | ESTEIRA-SCHEDULE-SYNTAX | must start with 'cron(' in lower case",
        "cron(0 3 * * ? *      | ESTEIRA-SCHEDULE-SYNTAX | has no closing ')'",
      })
  void validatesAwsCron(String aws, String code, String message) {
    Diagnostic d = convert(aws).only();
    assertThat(d.code()).isEqualTo(code);
    assertThat(d.text()).contains(message);
  }

  @Test
  void reportsEveryProblemOfAnAwsCronAtOnce() {
    assertThat(convert("cron(60 24 * * * 1900)").diagnostics())
        .extracting(Diagnostic::code)
        .containsExactlyInAnyOrder(
            "ESTEIRA-SCHEDULE-CRON-FIELD",
            "ESTEIRA-SCHEDULE-CRON-FIELD",
            "ESTEIRA-SCHEDULE-CRON-FIELD",
            "ESTEIRA-SCHEDULE-CRON-QUESTION-MARK");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(0 minutes)    | rate value '0' is not a positive whole number",
        "rate(-1 minutes)   | rate value '-1' is not a positive whole number",
        "rate(1.5 hours)    | rate value '1.5' is not a positive whole number",
        "rate(5 hour)       | rate unit 'hour' does not agree with the value 5 in 'rate(5 hour)';"
            + " write rate(5 hours)",
        "rate(1 hours)      | write rate(1 hour): the unit is singular for 1, plural otherwise",
        "rate(2 weeks)      | rate unit 'weeks' is not one EventBridge takes in 'rate(2 weeks)';"
            + " use minute(s), hour(s) or day(s) in lower case, such as rate(14 days)",
        "rate(5 Minutes)    | such as rate(5 minutes)",
        "rate(30 seconds)   | for seconds, weeks or months write a cron expression instead",
        "rate(5)            | a rate needs a value and a unit",
        "rate(every 5 days) | a rate needs a value and a unit",
      })
  void validatesRates(String rate, String message) {
    Diagnostic d = convert(rate).diagnostics().get(0);
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-RATE");
    assertThat(d.text()).contains(message);
  }

  @Test
  void reportsBothProblemsOfARate() {
    assertThat(convert("rate(0 fortnights)").diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-SCHEDULE-RATE", "ESTEIRA-SCHEDULE-RATE");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "daily", "*", "every(5 minutes)", "0 3 * * * (daily)"})
  void reportsValuesThatAreNoScheduleAtAll(String source) {
    Diagnostic d = convert(source).only();
    assertThat(d.code()).isEqualTo("ESTEIRA-SCHEDULE-SYNTAX");
    assertThat(d.text()).contains("write a 5-field cron such as '0 3 * * *'");
  }
}
