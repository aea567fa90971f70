package io.esteira.mlflow.tracking;

import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/** A run on an MLflow server, through {@code org.mlflow:mlflow-client}. */
final class RemoteRun implements TrackedRun {

  private final MlflowClient client;
  private final String runId;
  private boolean ended;

  RemoteRun(MlflowClient client, String runId) {
    this.client = client;
    this.runId = runId;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public boolean tracked() {
    return true;
  }

  @Override
  public void logParam(String key, String value) {
    client.logParam(runId, key, value);
  }

  @Override
  public void logMetric(String key, double value) {
    client.logMetric(runId, key, value);
  }

  @Override
  public void logMetric(String key, double value, long step) {
    client.logMetric(runId, key, value, System.currentTimeMillis(), step);
  }

  @Override
  public void setTag(String key, String value) {
    client.setTag(runId, key, value);
  }

  @Override
  public void fail() {
    end(RunStatus.FAILED);
  }

  @Override
  public void close() {
    end(RunStatus.FINISHED);
  }

  private void end(RunStatus status) {
    if (!ended) {
      ended = true;
      client.setTerminated(runId, status);
    }
  }
}
