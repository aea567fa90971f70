package io.esteira.deploy;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.mlflow.MlflowException;
import java.util.List;
import java.util.Optional;

/**
 * How a plan or deploy ended, for the caller to summarise and turn into an exit code.
 *
 * @param status how it ended
 * @param diagnostics every problem found, in the order the listener was told of them
 * @param gates the model gate's outcome, when it was checked
 * @param result what the deployer planned and changed, per project, when it ran
 */
public record DeployOutcome(
    Status status,
    List<Diagnostic> diagnostics,
    Optional<ModelGates.Outcome> gates,
    Optional<Deployer.Result> result) {

  public DeployOutcome {
    diagnostics = List.copyOf(diagnostics);
  }

  /** How a plan or deploy ended. */
  public enum Status {
    /** Everything asked for was done; warnings may have been told. */
    DONE,
    /**
     * Bad input (platform file, project, image), a project refused or an AWS call failed; or the
     * gate found no model or version it needs.
     */
    FAILED,
    /** The request names something that is not there: a path, a project. */
    USAGE,
    /**
     * The MLflow server of the model gate could not be reached, refused the credentials, or failed.
     */
    MLFLOW_UNAVAILABLE,
    /**
     * The model gate refuses a model. A deploy stops before any AWS call and changes nothing; a
     * plan is still made.
     */
    GATE_REFUSED;

    /** How a model gate that could not look ends the run. */
    static Status of(MlflowException.Kind kind) {
      return switch (kind) {
        case USAGE -> USAGE;
        case NOT_FOUND, REFUSED -> FAILED;
        case UNREACHABLE, UNAUTHORIZED, SERVER -> MLFLOW_UNAVAILABLE;
      };
    }
  }
}
