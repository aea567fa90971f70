package io.esteira.testing;

import io.esteira.StepContext;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A step context for running steps in a test: {@link StepContext#builder}'s defaults ({@code
 * ENV=dev}, execution {@code local}, attempt 1), a given work directory, and a logger that keeps
 * what the step logs.
 */
public final class TestStepContext implements StepContext {

  private final StepContext context;
  private final RecordingLogger logger;

  /** A context for {@code stepId} of {@code project}, logging into a new recording logger. */
  public TestStepContext(String project, String stepId, Path workDir) {
    this.logger = new RecordingLogger();
    this.context = StepContext.builder(project, stepId).workDir(workDir).logger(logger).build();
  }

  @Override
  public String project() {
    return context.project();
  }

  @Override
  public String environment() {
    return context.environment();
  }

  @Override
  public String stepId() {
    return context.stepId();
  }

  @Override
  public String executionId() {
    return context.executionId();
  }

  @Override
  public int attempt() {
    return context.attempt();
  }

  @Override
  public Path workDir() {
    return context.workDir();
  }

  @Override
  public Optional<String> env(String name) {
    return context.env(name);
  }

  @Override
  public RecordingLogger logger() {
    return logger;
  }
}
