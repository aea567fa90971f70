package io.esteira.core.model;

import java.util.List;
import java.util.Objects;

/**
 * MLflow settings of a pipeline, resolved for one environment.
 *
 * @param experiment the experiment steps log to ({@code MLFLOW_EXPERIMENT_NAME}); defaults to the
 *     project name
 * @param models the registered models this pipeline ships, each with what this environment's deploy
 *     gate requires of it
 */
public record MlflowSettings(String experiment, List<ModelGate> models) {

  public MlflowSettings {
    Objects.requireNonNull(experiment, "experiment");
    models = List.copyOf(models);
  }

  /**
   * One registered model and what a deploy to this environment requires of it.
   *
   * @param model the registered model name
   * @param kind whether {@code value} is a registry stage or an alias
   * @param value the stage ({@code Staging}, {@code Production}) or the alias ({@code champion})
   */
  public record ModelGate(String model, RequirementKind kind, String value) {
    public ModelGate {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(value, "value");
    }
  }

  /** How a model's readiness is expressed in the registry. */
  public enum RequirementKind {
    /** A registry stage (deprecated by MLflow 2.9, still served by MLflow 3). */
    STAGE,
    /** A registered model alias. */
    ALIAS
  }
}
