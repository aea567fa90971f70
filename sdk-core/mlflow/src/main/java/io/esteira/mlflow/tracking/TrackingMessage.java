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
