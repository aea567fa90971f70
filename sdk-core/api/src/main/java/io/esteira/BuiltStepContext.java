package io.esteira;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The context {@link StepContext.Builder} builds: plain values. */
record BuiltStepContext(
    String project,
    String environment,
    String stepId,
    String executionId,
    int attempt,
    Path workDir,
    Map<String, String> variables,
    System.Logger logger)
    implements StepContext {

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  @Override
  public String toString() {
    return "StepContext[" + project + "/" + stepId + " attempt " + attempt + "]";
  }
}
