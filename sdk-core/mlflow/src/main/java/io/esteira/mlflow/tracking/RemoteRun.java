package io.esteira.mlflow.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.mlflow.MlflowException;
import java.nio.file.Path;
import java.util.Map;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.tracking.MlflowClient;

/**
 * A run on an MLflow server: params, metrics and tags through {@code org.mlflow:mlflow-client},
 * artifacts and the registry through {@link TrackingHttp} (no retries).
 */
final class RemoteRun implements TrackedRun {

  private final MlflowClient client;
  private final TrackingHttp http;
  private final String runId;
  private String artifactUri;
  private boolean ended;

  RemoteRun(MlflowClient client, TrackingHttp http, String runId) {
    this.client = client;
    this.http = http;
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
    http.within("log param " + key, () -> client.logParam(runId, key, value));
  }

  @Override
  public void logMetric(String key, double value) {
    http.within("log metric " + key, () -> client.logMetric(runId, key, value));
  }

  @Override
  public void logMetric(String key, double value, long step) {
    http.within(
        "log metric " + key,
        () -> client.logMetric(runId, key, value, System.currentTimeMillis(), step));
  }

  @Override
  public void setTag(String key, String value) {
    http.within("set tag " + key, () -> client.setTag(runId, key, value));
  }

  @Override
  public void logArtifact(Path file, String artifactPath) {
    String directory = ArtifactPaths.check(artifactPath);
    long size = ArtifactPaths.regularFile(file);
    String root = ArtifactPaths.proxied(runId, artifactUri());
    String target =
        ArtifactPaths.join(ArtifactPaths.join(root, directory), file.getFileName().toString());
    http.upload(target, file, size);
  }

  @Override
  public int registerModel(String name, String artifactPath) {
    ArtifactPaths.modelName(name);
    String source = ArtifactPaths.join(artifactUri(), ArtifactPaths.check(artifactPath));
    try {
      http.post("registered-models/create", Map.of("name", name));
    } catch (MlflowException e) {
      // Another run (or an earlier attempt) created it first: what is wanted is that it exists.
      if (e.kind() != MlflowException.Kind.REFUSED
          || !e.getMessage().contains("RESOURCE_ALREADY_EXISTS")) {
        throw e;
      }
    }
    JsonNode found =
        http.get(
            "model-versions/search",
            Map.of(
                "filter",
                "name='" + name.replace("'", "\\'") + "' and run_id='" + runId + "'",
                "max_results",
                "1000"));
    for (JsonNode v : found.path("model_versions")) {
      if (source.equals(v.path("source").asText())) {
        return v.path("version").asInt();
      }
    }
    JsonNode created =
        http.post("model-versions/create", Map.of("name", name, "source", source, "run_id", runId));
    return created.path("model_version").path("version").asInt();
  }

  /** The run's artifact URI, asked of the server once. */
  private String artifactUri() {
    if (artifactUri == null) {
      artifactUri =
          http.get("runs/get", Map.of("run_id", runId))
              .path("run")
              .path("info")
              .path("artifact_uri")
              .asText("");
    }
    return artifactUri;
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
      http.within("end run", () -> client.setTerminated(runId, status));
    }
  }
}
