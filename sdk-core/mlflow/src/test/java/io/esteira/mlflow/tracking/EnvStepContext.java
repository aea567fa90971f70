package io.esteira.mlflow.tracking;

import io.esteira.StepContext;
import io.esteira.testing.RecordingLogger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A step context with the environment variables a task would receive. */
record EnvStepContext(Path workDir, Map<String, String> variables, RecordingLogger logger)
    implements StepContext {

  EnvStepContext(Path workDir, Map<String, String> variables) {
    this(workDir, variables, new RecordingLogger());
  }

  @Override
  public String project() {
    return "recsys";
  }

  @Override
  public String environment() {
    return "dev";
  }

  @Override
  public String stepId() {
    return "train";
  }

  @Override
  public String executionId() {
    return "exec-42";
  }

  @Override
  public int attempt() {
    return 2;
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  @Override
  public Path output(String name) {
    return workDir.resolve(name);
  }

  /** Tracking never reads step data. */
  @Override
  public Path input(String step, String name) {
    throw new UnsupportedOperationException("no step data in tracking tests");
  }
}
