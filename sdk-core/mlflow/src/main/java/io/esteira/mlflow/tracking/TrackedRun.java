package io.esteira.mlflow.tracking;

import java.nio.file.Path;

/**
 * A run a step logs to: an MLflow run when tracking is on, a JSON-lines file in the step's working
 * directory when it is off. Closing it ends the run as finished; {@link #fail()} ends it as failed.
 */
public interface TrackedRun extends AutoCloseable {

  /** The MLflow run id, or {@code local-...} when tracking is off. */
  String runId();

  /** Whether this run goes to an MLflow server. */
  boolean tracked();

  void logParam(String key, String value);

  void logMetric(String key, double value);

  /** A metric at a training step (an epoch, an iteration). */
  void logMetric(String key, double value, long step);

  void setTag(String key, String value);

  /**
   * Logs a file as an artifact of this run, at {@code <artifactPath>/<file name>} (at the root when
   * {@code artifactPath} is null or empty), as MLflow's Python {@code log_artifact} does.
   *
   * <p>Tracking on: the file is uploaded through the server's proxied artifact API ({@code PUT
   * /api/2.0/mlflow-artifacts/artifacts/...}), so the step needs no credentials of the artifact
   * store. That needs a server that serves artifacts ({@code mlflow server --serve-artifacts
   * --artifacts-destination ...}, whose experiments keep their artifacts under {@code
   * mlflow-artifacts:/}); a run whose artifacts live elsewhere fails with {@code
   * ESTEIRA-MLFLOW-ARTIFACTS-NOT-SERVED}. Tracking off: the file is copied to {@code
   * mlflow-artifacts/<artifactPath>/<file name>} beside the JSON-lines file, and a line {@code
   * "type":"artifact"} records it.
   *
   * @param artifactPath a relative directory such as {@code model}: no leading {@code /}, no {@code
   *     .} or {@code ..} segment
   * @throws io.esteira.mlflow.MlflowException when the file is not a readable regular file, the
   *     path is not usable, or the server refuses or cannot be reached
   */
  void logArtifact(Path file, String artifactPath);

  /**
   * Registers a version of model {@code name} from this run's artifacts at {@code artifactPath}
   * (what {@link #logArtifact} logged there), creating the registered model when it is missing, and
   * returns the version number. The version's source is the run's artifact URI plus {@code
   * artifactPath} and its run is this run, so {@code esteira models promote} and the deploy gate
   * act on a version the pipeline produced.
   *
   * <p>Calls go over plain HTTP, once each: the Java client retries failed creates, which can
   * register duplicates. Repeating the call in the same run returns the version already registered
   * from the same source. Tracking off: nothing is registered; a line {@code
   * "type":"model_version"} records the name and the local path, and the result is 0.
   *
   * @return the new version's number (1 for a model's first version), or 0 when tracking is off
   * @throws io.esteira.mlflow.MlflowException when the name or path is not usable, or the server
   *     refuses or cannot be reached
   */
  int registerModel(String name, String artifactPath);

  /** Ends the run as failed; closing it afterwards does nothing. */
  void fail();

  /** Ends the run as finished, unless it already ended. */
  @Override
  void close();
}
