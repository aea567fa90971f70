package io.esteira.mlflow.tracking;

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

  /** Ends the run as failed; closing it afterwards does nothing. */
  void fail();

  /** Ends the run as finished, unless it already ended. */
  @Override
  void close();
}
