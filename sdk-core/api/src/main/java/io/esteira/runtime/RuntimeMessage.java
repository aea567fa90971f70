package io.esteira.runtime;

import io.esteira.diagnostics.Message;

/**
 * The messages of the step launcher inside a step's container or child JVM, and reading the MLflow
 * variables a step receives (esteira-api). Each entry has a stable code (tests and users refer to
 * it; never reuse or rename one) and a template that says what is wrong and how to fix it, with
 * {@link String#format} placeholders. Codes are unique across every module's catalogue.
 */
public enum RuntimeMessage implements Message {
  MLFLOW_CLEAR_CREDENTIALS(
      "credentials for %s are sent over plain http to a host that is not this machine, so anyone"
          + " on the way can read them; use the server's https:// URL"),
  MLFLOW_BAD_URI(
      "'%s' is not an MLflow server URL; give an http:// or https:// URL, such as"
          + " http://127.0.0.1:5000 (MLFLOW_TRACKING_URI or --tracking-uri)"),

  // ---- step runtime and local runner (runtime and local packages) ---------------------------
  RUN_LAUNCHER_USAGE(
      "the step launcher takes two arguments, <project> <step id>, but was given %s; run it as"
          + " java -cp <class path> io.esteira.runtime.StepLauncher <project> <step id>"),
  RUN_UNKNOWN_PROJECT(
      "no step dispatcher for project '%s' is on the class path; build the pipeline with"
          + " esteira-sdk-processor on the annotation processor path and put its jar and its"
          + " dependencies on the class path (dispatchers found are listed below, if any)"),
  RUN_UNKNOWN_STEP(
      "project '%2$s' has no step '%1$s'; use one of the step ids listed below, or rebuild the"
          + " project if the step was added since"),
  RUN_BAD_ATTEMPT(
      "ESTEIRA_ATTEMPT is '%s', not a whole number from 1; leave it unset or set it to the"
          + " attempt number"),
  ;

  private final String template;

  RuntimeMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
