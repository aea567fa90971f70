package io.esteira.core.testing;

import io.esteira.StepContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A step context for running steps in a test: a given work directory, {@code ENV=dev} as the only
 * variable, and a logger that keeps what the step logs.
 */
public record TestStepContext(String project, String stepId, Path workDir, RecordingLogger logger)
    implements StepContext {

  /** A context for {@code stepId} of {@code project}, logging into a new recording logger. */
  public TestStepContext(String project, String stepId, Path workDir) {
    this(project, stepId, workDir, new RecordingLogger());
  }

  @Override
  public String environment() {
    return "dev";
  }

  @Override
  public String executionId() {
    return "test-run";
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public Optional<String> env(String name) {
    return name.equals("ENV") ? Optional.of(environment()) : Optional.empty();
  }
}
