package io.esteira.mlflow.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A run with tracking off: each param, metric and tag becomes one JSON line in {@value #FILE} in
 * the step's working directory, so a local run keeps what it measured. Lines carry no clock time:
 * the same step gives the same file.
 *
 * <p>Artifacts are copied into {@value #ARTIFACTS}{@code /<artifact path>/} beside that file, with
 * a line {@code {"type":"artifact","key":"<artifact path>/<file name>","value":"<copy, relative to
 * the work directory>"}}. A model registration is a line {@code
 * {"type":"model_version","key":"<model name>","value":"<local source>"}}: there is no registry, so
 * no version number (the call returns 0).
 */
final class LocalRun implements TrackedRun {

  static final String FILE = "mlflow-tracking.jsonl";

  /** The directory, beside {@link #FILE}, that artifacts are copied to. */
  static final String ARTIFACTS = "mlflow-artifacts";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String runId;
  private final Path workDir;
  private final Path file;
  private boolean ended;

  LocalRun(String runId, Path workDir, Map<String, String> tags) {
    this.runId = runId;
    this.workDir = workDir;
    this.file = workDir.resolve(FILE);
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line("start", null, null, null);
    tags.forEach(this::setTag);
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public boolean tracked() {
    return false;
  }

  @Override
  public void logParam(String key, String value) {
    line("param", key, value, null);
  }

  @Override
  public void logMetric(String key, double value) {
    line("metric", key, value, null);
  }

  @Override
  public void logMetric(String key, double value, long step) {
    line("metric", key, value, step);
  }

  @Override
  public void setTag(String key, String value) {
    line("tag", key, value, null);
  }

  @Override
  public void logArtifact(Path source, String artifactPath) {
    String directory = ArtifactPaths.check(artifactPath);
    ArtifactPaths.regularFile(source);
    String name = source.getFileName().toString();
    Path target = workDir.resolve(ARTIFACTS).resolve(directory).resolve(name);
    try {
      Files.createDirectories(target.getParent());
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line(
        "artifact",
        ArtifactPaths.join(directory, name),
        ArtifactPaths.join(ARTIFACTS, ArtifactPaths.join(directory, name)),
        null);
  }

  @Override
  public int registerModel(String name, String artifactPath) {
    ArtifactPaths.modelName(name);
    line(
        "model_version",
        name,
        ArtifactPaths.join(ARTIFACTS, ArtifactPaths.check(artifactPath)),
        null);
    return 0;
  }

  @Override
  public void fail() {
    end("FAILED");
  }

  @Override
  public void close() {
    end("FINISHED");
  }

  /** The file this run writes. */
  Path file() {
    return file;
  }

  private void end(String status) {
    if (!ended) {
      ended = true;
      line("end", "status", status, null);
    }
  }

  private void line(String type, String key, Object value, Long step) {
    ObjectNode node = JSON.createObjectNode().put("run_id", runId).put("type", type);
    if (key != null) {
      node.put("key", key);
    }
    if (value instanceof Double d) {
      node.put("value", d);
    } else if (value != null) {
      node.put("value", value.toString());
    }
    if (step != null) {
      node.put("step", step);
    }
    try {
      Files.writeString(
          file,
          node + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
