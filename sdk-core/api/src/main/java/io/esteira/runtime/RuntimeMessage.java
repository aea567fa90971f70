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
  RUN_BAD_DATA_VARIABLE("%s is '%s': %s"),
  RUN_WORK_DIR_UNUSABLE(
      "the work directory %s (ESTEIRA_WORK_DIR) cannot be made: %s; point ESTEIRA_WORK_DIR at a"
          + " writable directory"),
  RUN_STORE_BAD_URI(
      "ESTEIRA_STORE is '%s', which is not a store root: %s; give a URI ending in '/', such as"
          + " s3://bucket/project/dev/execution/ or file:/tmp/run/artifacts/"),
  RUN_STORE_NEEDS_S3(
      "ESTEIRA_STORE is '%s', an S3 store, but nothing on the class path opens s3:// stores; add"
          + " the dependency io.esteira:esteira-s3 to the pipeline (it must be in the step image)"
          + " and rebuild"),
  RUN_STORE_NO_PROVIDER(
      "ESTEIRA_STORE is '%s', but nothing on the class path opens %s: stores (schemes known: %s);"
          + " use one of them, or add the module that provides the scheme"),
  RUN_STORE_CANNOT_OPEN(
      "the run store %s cannot be opened: %s; check the store's settings (for S3: the region,"
          + " credentials and AWS_ENDPOINT_URL_S3)"),
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
