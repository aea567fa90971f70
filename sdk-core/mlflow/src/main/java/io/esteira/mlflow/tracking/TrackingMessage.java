package io.esteira.mlflow.tracking;

import io.esteira.diagnostics.Message;

/**
 * The messages of MLflow tracking from steps (esteira-mlflow). Each entry has a stable code (tests
 * and users refer to it; never reuse or rename one) and a template that says what is wrong and how
 * to fix it, with {@link String#format} placeholders. Codes are unique across every module's
 * catalogue.
 */
public enum TrackingMessage implements Message {
  // ---- MLflow: tracking, model registry, deploy gate (io.esteira.mlflow) ----------------------
  MLFLOW_TRACKING_OFF(
      "MLFLOW_TRACKING_URI is not set, so tracking is off: params and metrics go to %s; set"
          + " MLFLOW_TRACKING_URI (and MLFLOW_EXPERIMENT_NAME) to log to an MLflow server"),
  MLFLOW_ARTIFACTS_NOT_SERVED(
      "run %s keeps its artifacts at %s, which a step cannot upload to over HTTP; start the MLflow"
          + " server so that it serves artifacts (mlflow server --serve-artifacts"
          + " --artifacts-destination <directory or s3://bucket/prefix>, without"
          + " --default-artifact-root), so that new experiments keep them under mlflow-artifacts:/;"
          + " an existing experiment keeps its location, so log to a new one"
          + " (MLFLOW_EXPERIMENT_NAME)"),
  MLFLOW_ARTIFACT_NOT_A_FILE(
      "cannot log %s as an artifact: it is not a readable regular file; write the file before"
          + " logging it (a directory is not logged: log each file, or an archive of it)"),
  MLFLOW_BAD_ARTIFACT_PATH(
      "artifact path '%s' is not a relative path of plain segments (no leading /, no . or .."
          + " segment, no backslash, no empty segment); use a path such as 'model' or"
          + " 'reports/eval', or an empty one for the run's root"),
  MLFLOW_BAD_MODEL_NAME(
      "'%s' cannot name a registered model: it is blank or has a / or a line break; give the"
          + " model's name as mlflow.models in config.yaml lists it"),
  MLFLOW_TRACKING_UNREACHABLE(
      "cannot reach the MLflow server at %s for %s (%s); check MLFLOW_TRACKING_URI and that the"
          + " server is running"),
  MLFLOW_TRACKING_UNAUTHORIZED(
      "the MLflow server at %s refused %s (HTTP %d: %s); set MLFLOW_TRACKING_USERNAME and"
          + " MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN, to an account allowed to write"
          + " runs and register models"),
  MLFLOW_TRACKING_REFUSED(
      "the MLflow server at %s did not do %s (HTTP %d, %s: %s); check the run and model names,"
          + " and look at the server's log"),
  ;

  private final String template;

  TrackingMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
