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

  // ---- generators (generate package) --------------------------------------------------------
  ASL_NO_STEPS(
      "ASL-NO-STEPS",
      "the pipeline has no steps, so there is no state machine to generate; add at least one step"
          + " under batch.pipeline.steps (or a @Step method)"),
  ASL_STATE_NAME_TOO_LONG(
      "ASL-STATE-NAME-TOO-LONG",
      "state name '%s' of step '%s' is %d characters, over Step Functions' limit of %d; shorten the"
          + " step id to at most %d characters"),
  ASL_STATE_NAME_CHARACTERS(
      "ASL-STATE-NAME-CHARACTERS",
      "state name '%s' of step '%s' has characters a state name must not have; use only lower-case"
          + " letters, digits and underscores in step ids"),
  ASL_STATE_NAME_DUPLICATE(
      "ASL-STATE-NAME-DUPLICATE",
      "state name '%s' is used twice in the state machine (by %s and by %s); give every step its"
          + " own id, in lower-case letters, digits and underscores"),
  ASL_OVERRIDES_TOO_LARGE(
      "ASL-OVERRIDES-TOO-LARGE",
      "the container overrides of step '%s' can reach %,d characters when the step runs (its command"
          + " alone is %,d), over ECS's limit of %,d; shorten the command, for example move its"
          + " arguments into a script or a config file inside the image"),
  ASL_DEFINITION_TOO_LARGE(
      "ASL-DEFINITION-TOO-LARGE",
      "the state machine definition would be about %,d bytes once the deployer fills in ARNs, subnets"
          + " and security groups (%d steps, about %,d bytes each), over Step Functions' limit of %,d"
          + " bytes; split the pipeline into smaller pipelines, or shorten the steps' commands"),
  ASL_HISTORY_TOO_LONG(
      "ASL-HISTORY-TOO-LONG",
      "one execution could record up to %,d history events (%d steps; a step that uses all its"
          + " retries records 2 + 4 events per attempt, up to %d attempts here), over Step Functions'"
          + " limit of %,d events per execution; lower the retries (schedule.retries or a step's"
          + " retries) or split the pipeline into smaller pipelines"),
  ASL_ADDED_WAIT(
      "ASL-ADDED-WAIT",
      "step '%s' will also wait for step '%s', which it does not depend on: Step Functions runs"
          + " steps as sequences and parallel branches, and these dependencies have no exact form of"
          + " that shape; add '%s' to the depends_on of '%s' to accept the wait, or change the"
          + " dependencies so that each group of steps waits for all of another group"),

// ---- command line (sdk-aws) ---------------------------------------------------------------

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
