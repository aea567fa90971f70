package io.esteira.mlflow.tracking;

import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The checks and joins of artifact paths, shared by both kinds of run, so a path that fails on a
 * server fails the same way with tracking off.
 */
final class ArtifactPaths {

  /** The scheme of an artifact URI the server serves itself (MLflow's proxied artifact access). */
  static final String PROXIED_SCHEME = "mlflow-artifacts";

  private static final Pattern SEGMENT = Pattern.compile("[^/\\\\\\r\\n\\x00]+");

  private ArtifactPaths() {}

  /**
   * The artifact path a caller gave, as a relative path without trailing slash: empty for {@code
   * null} or {@code ""} (the run's root).
   *
   * @throws MlflowException (usage) when the path is absolute or has a {@code .}, {@code ..} or
   *     empty segment, which would leave the run's directory or make a path servers read
   *     differently
   */
  static String check(String artifactPath) {
    if (artifactPath == null || artifactPath.isEmpty()) {
      return "";
    }
    String path =
        artifactPath.endsWith("/")
            ? artifactPath.substring(0, artifactPath.length() - 1)
            : artifactPath;
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new MlflowException(
            MlflowException.Kind.USAGE, TrackingMessage.MLFLOW_BAD_ARTIFACT_PATH, artifactPath);
      }
    }
    return path;
  }

  /**
   * The size of a file to log.
   *
   * @throws MlflowException (usage) when it is missing, a directory or unreadable
   */
  static long regularFile(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new MlflowException(
          MlflowException.Kind.USAGE, TrackingMessage.MLFLOW_ARTIFACT_NOT_A_FILE, file);
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new MlflowException(
          MlflowException.Kind.USAGE, e, TrackingMessage.MLFLOW_ARTIFACT_NOT_A_FILE, file);
    }
  }

  /**
   * A registered model name the registry accepts: not blank, no {@code /} (MLflow refuses it in
   * names) and one line.
   */
  static String modelName(String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\n")) {
      throw new MlflowException(
          MlflowException.Kind.USAGE, TrackingMessage.MLFLOW_BAD_MODEL_NAME, name);
    }
    return name;
  }

  /**
   * The path under {@code mlflow-artifacts:/} of a run's artifact URI ({@code
   * mlflow-artifacts:/1/<run id>/artifacts} gives {@code 1/<run id>/artifacts}). A URI naming a
   * host ({@code mlflow-artifacts://host:port/...}) gives its path too: uploads go to the tracking
   * server this step talks to, which is the one serving the artifacts in every setup MLflow
   * documents.
   *
   * @throws MlflowException (usage) when the run keeps its artifacts elsewhere (a local path, or
   *     {@code s3://} that only a client with the bucket's credentials could write)
   */
  static String proxied(String runId, String artifactUri) {
    if (artifactUri != null && artifactUri.startsWith(PROXIED_SCHEME + ":")) {
      String path = URI.create(artifactUri).getPath();
      return path == null ? "" : path.replaceFirst("^/+", "").replaceFirst("/+$", "");
    }
    throw new MlflowException(
        MlflowException.Kind.USAGE,
        TrackingMessage.MLFLOW_ARTIFACTS_NOT_SERVED,
        runId,
        artifactUri);
  }

  /** {@code base/relative}, or {@code base} when {@code relative} is empty. */
  static String join(String base, String relative) {
    if (relative.isEmpty()) {
      return base;
    }
    return base.isEmpty() || base.endsWith("/") ? base + relative : base + "/" + relative;
  }
}
