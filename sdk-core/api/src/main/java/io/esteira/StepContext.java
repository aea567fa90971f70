package io.esteira;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running step knows about itself. A {@code @Step} method may take one parameter of this
 * type; the launcher in the container and the local runner pass it.
 *
 * <p>In a test, make one with {@link #builder}: {@code StepContext.builder("recsys",
 * "extract_features").workDir(tempDir).build()}.
 */
public interface StepContext {

  /** The project name ({@code project_name}). */
  String project();

  /** The environment being run: {@code dev}, {@code prd}, ... (the task's {@code ENV}). */
  String environment();

  /** The id of the running step. */
  String stepId();

  /** The Step Functions execution id, or the local run id. */
  String executionId();

  /** The attempt of this step, 1 for the first. */
  int attempt();

  /** A directory the step may write to, kept for the duration of the attempt. */
  Path workDir();

  /** An environment variable the task received, such as {@code MLFLOW_TRACKING_URI}. */
  Optional<String> env(String name);

  /** The step's logger; its output goes to the step's log. */
  System.Logger logger();

  /**
   * A builder of a context for {@code stepId} of {@code project}, for tests and for runners: by
   * default environment {@code dev}, execution id {@code local}, attempt 1, the current directory
   * as work directory, no variables besides the ones every step gets, and a logger printing to
   * {@code System.out}.
   */
  static Builder builder(String project, String stepId) {
    return new Builder(project, stepId);
  }

  /**
   * Builds a {@link StepContext}. The variables Esteira sets in every task ({@code ENV}, {@code
   * ESTEIRA_PROJECT}, {@code ESTEIRA_STEP}, {@code ESTEIRA_EXECUTION_ID}, {@code ESTEIRA_ATTEMPT})
   * are answered by {@link StepContext#env} from the built values unless {@link #env} sets them.
   */
  final class Builder {
    private final String project;
    private final String stepId;
    private String environment = "dev";
    private String executionId = "local";
    private int attempt = 1;
    private Path workDir;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private System.Logger logger;

    private Builder(String project, String stepId) {
      this.project = Objects.requireNonNull(project, "project");
      this.stepId = Objects.requireNonNull(stepId, "stepId");
    }

    public Builder environment(String environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    public Builder executionId(String executionId) {
      this.executionId = Objects.requireNonNull(executionId, "executionId");
      return this;
    }

    public Builder attempt(int attempt) {
      if (attempt < 1) {
        throw new IllegalArgumentException("attempts count from 1: " + attempt);
      }
      this.attempt = attempt;
      return this;
    }

    public Builder workDir(Path workDir) {
      this.workDir = Objects.requireNonNull(workDir, "workDir");
      return this;
    }

    /** Adds one variable the step can read with {@link StepContext#env}. */
    public Builder env(String name, String value) {
      variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds these variables, such as a whole process environment. */
    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    public Builder logger(System.Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    public StepContext build() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("ENV", environment);
      env.put("ESTEIRA_PROJECT", project);
      env.put("ESTEIRA_STEP", stepId);
      env.put("ESTEIRA_EXECUTION_ID", executionId);
      env.put("ESTEIRA_ATTEMPT", Integer.toString(attempt));
      env.putAll(variables);
      return new BuiltStepContext(
          project,
          environment,
          stepId,
          executionId,
          attempt,
          workDir != null ? workDir : Path.of("").toAbsolutePath(),
          Map.copyOf(env),
          logger != null ? logger : new LineLogger(stepId, System.out));
    }
  }
}
