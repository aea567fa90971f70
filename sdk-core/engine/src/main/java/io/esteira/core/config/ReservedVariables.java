package io.esteira.core.config;

import java.util.Optional;

/**
 * Environment variables Esteira sets in every task, which config.yaml may therefore not set: the
 * MLflow ones come from the platform file or from {@code mlflow.experiment}, and {@code ESTEIRA_}
 * names are the step runtime's own.
 */
final class ReservedVariables {

  private ReservedVariables() {}

  /** The remedy for setting {@code name} in config.yaml, or empty when the name is the user's. */
  static Optional<String> remedy(String name) {
    return switch (name) {
      case "MLFLOW_TRACKING_URI", "MLFLOW_S3_ENDPOINT_URL" ->
          Optional.of(
              "each environment's MLflow URLs are set once in the platform file, for every"
                  + " project: remove it from config.yaml and set it there");
      case "MLFLOW_EXPERIMENT_NAME" ->
          Optional.of("set mlflow.experiment in config.yaml instead (default: the project name)");
      default ->
          name.startsWith("ESTEIRA_")
              ? Optional.of("names starting with ESTEIRA_ are reserved for Esteira: rename it")
              : Optional.empty();
    };
  }
}
