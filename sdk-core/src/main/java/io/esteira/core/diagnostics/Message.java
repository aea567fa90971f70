package io.esteira.core.diagnostics;

import java.util.Locale;

/**
 * The one catalogue of everything Esteira tells a user about their pipeline. Each entry has a
 * stable code (tests and users refer to it; never reuse or rename one) and a template that says
 * what is wrong and how to fix it. Templates use {@link String#format} placeholders.
 */
public enum Message {

  // ---- YAML reading -------------------------------------------------------------------------

  YAML_SYNTAX("YAML-SYNTAX", "%s; fix the YAML syntax at this place"),
  YAML_TOO_LARGE(
      "YAML-TOO-LARGE",
      "the file is %d bytes, over the %d-byte limit for a config.yaml; a pipeline's config should"
          + " be small: move data out of it"),
  YAML_UNSAFE(
      "YAML-UNSAFE",
      "%s; config.yaml takes plain YAML only: remove tags and deep anchor/alias use"),

  // ---- config.yaml keys and values (config package) -----------------------------------------

  CONFIG_UNKNOWN_KEY("CONFIG-UNKNOWN-KEY", "unknown key '%s' in %s%s"),
  CONFIG_MISSING_KEY(
      "CONFIG-MISSING-KEY", "missing required key '%s' in %s; add it, for example: %s"),
  CONFIG_WRONG_TYPE("CONFIG-WRONG-TYPE", "'%s' must be %s, but is %s; %s"),
  CONFIG_DUPLICATE_KEY(
      "CONFIG-DUPLICATE-KEY", "key '%s' appears twice in %s (first at line %d); keep one of them"),
  CONFIG_INVALID_VALUE("CONFIG-INVALID-VALUE", "'%s' is %s: %s"),

  // ---- schedule and compute (schedule and infra packages) -----------------------------------

  SCHEDULE_SYNTAX(
      "SCHEDULE-SYNTAX",
      "schedule '%s' %s; write a 5-field cron such as '0 3 * * *' (03:00 every day), an"
          + " EventBridge cron such as 'cron(0 3 * * ? *)', or a rate such as 'rate(1 day)'"),
  SCHEDULE_MACRO(
      "SCHEDULE-MACRO", "'%s' is a cron macro, which EventBridge Scheduler does not take; %s"),
  SCHEDULE_ONE_TIME(
      "SCHEDULE-ONE-TIME",
      "'%s' is a one-time schedule, but a pipeline's schedule repeats; write a cron or rate"
          + " expression (such as '0 3 * * *'), and start a one-off execution by hand instead"),
  SCHEDULE_CRON_FIELD_COUNT("SCHEDULE-CRON-FIELD-COUNT", "'%s' has %d fields; %s"),
  SCHEDULE_CRON_FIELD("SCHEDULE-CRON-FIELD", "%s in '%s'; %s"),
  SCHEDULE_CRON_BOTH_DAYS(
      "SCHEDULE-CRON-BOTH-DAYS",
      "'%s' restricts both day-of-month (%s) and day-of-week (%s), and Unix cron runs it on days"
          + " where %s; an EventBridge Scheduler cron can restrict only one of the two: keep one"
          + " and set the other to '*', or use two pipelines or schedules, one per day field"),
  SCHEDULE_CRON_QUESTION_MARK(
      "SCHEDULE-CRON-QUESTION-MARK",
      "'%s' has %s; in cron(...) exactly one of day-of-month and day-of-week must be '?', such"
          + " as cron(0 3 * * ? *) (every day) or cron(0 3 ? * MON-FRI *) (weekdays)"),
  SCHEDULE_RATE("SCHEDULE-RATE", "%s in '%s'; %s"),

  // ---- generators (generate package) --------------------------------------------------------

  // ---- artifacts ----

  ARTIFACTS_UNKNOWN_ENVIRONMENT(
      "ARTIFACTS-UNKNOWN-ENVIRONMENT",
      "environment '%s' is not declared in this config.yaml; use one of %s, or add an"
          + " environments.%s section"),
  ARTIFACTS_DUPLICATE_PROJECT(
      "ARTIFACTS-DUPLICATE-PROJECT",
      "project '%s' is also defined by %s, and both would write the same artifacts; give each"
          + " project its own project_name"),

  // ---- command line (sdk-aws) ---------------------------------------------------------------

  CLI_NOT_FOUND(
      "CLI-NOT-FOUND",
      "no such file or directory; give a config.yaml, a project directory holding one, or a"
          + " repository root with src/projects/*/config.yaml"),
  CLI_NO_CONFIG(
      "CLI-NO-CONFIG",
      "this directory holds no config.yaml, and no src/projects/*/config.yaml; give a"
          + " config.yaml, a project directory holding one, or a repository root with"
          + " src/projects/*/config.yaml"),
  CLI_IO_FAILED(
      "CLI-IO-FAILED", "%s; check that the path exists, is writable and has room, then run again"),
  CLI_INTERNAL_ERROR(
      "CLI-INTERNAL-ERROR",
      "unexpected failure: %s; this is a bug in Esteira: run again with --verbose to see the"
          + " stack trace, and report it with the config.yaml that caused it"),
  ;

  private final String code;
  private final String template;

  Message(String code, String template) {
    this.code = "ESTEIRA-" + code;
    this.template = template;
  }

  /** The stable code, such as {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. */
  public String code() {
    return code;
  }

  /** The template with its arguments filled in. */
  public String format(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }
}
