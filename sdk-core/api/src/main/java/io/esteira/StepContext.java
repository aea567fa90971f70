package io.esteira;

import io.esteira.runtime.store.ItemNames;
import io.esteira.runtime.store.RunStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a running step knows about itself. A {@code @Step} method may take one parameter of this
 * type; the launcher in the container and the local runner pass it.
 *
 * <p>Steps hand files to each other through the run's store (docs/step-data.md): a step writes an
 * output at the path {@link #output} gives, and a later step reads it with {@link #input}. The same
 * code moves data the same way in AWS (an S3 store) and locally (the run directory).
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
   * A file to write in the work directory, stored as output {@code name} of this step when the step
   * succeeds; parent directories are created. An output asked for here must exist when the step
   * returns, as a declared one ({@code @Step(outputs)}) must, or the attempt fails.
   *
   * <pre>{@code
   * Path features = ctx.output("features.csv");
   * Files.write(features, rows);
   * }</pre>
   *
   * @param name a relative path: segments of letters, digits, {@code .}, {@code _} and {@code -}
   *     separated by {@code /}, no {@code .} or {@code ..} segment, at most 200 characters
   * @throws IllegalArgumentException when {@code name} is not such a path
   */
  Path output(String name);

  /**
   * Output {@code name} of the upstream step {@code step}, fetched from the run's store into the
   * work directory (at {@code <work dir>/<name>}) on first use; later calls return the same path.
   *
   * <pre>{@code
   * List<String> rows = Files.readAllLines(ctx.input("extract_features", "features.csv"));
   * }</pre>
   *
   * @throws IllegalArgumentException when a name is malformed, when {@code step} is not upstream of
   *     this step (declare {@code @Step(after = ...)}), or when another step's input of the same
   *     name already landed there
   * @throws io.esteira.runtime.store.MissingItemException when that step stored no such output in
   *     this run
   * @throws IllegalStateException when the context has no store (a bare {@code java} run without
   *     {@code ESTEIRA_STORE})
   * @throws IOException when the store cannot be read
   */
  Path input(String step, String name) throws IOException;

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
   *
   * <p>A runner also gives the run's {@link #store}, the step's {@link #upstream} steps and its
   * declared inputs and outputs; the built context then implements {@link
   * io.esteira.runtime.store.StepOutputs}, which {@code io.esteira.runtime.StepRun} uses to store
   * the outputs once the step has succeeded.
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
    private RunStore store;
    private Set<String> upstream;
    private final List<String> declaredInputs = new ArrayList<>();
    private final List<String> declaredOutputs = new ArrayList<>();

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

    /** The run's store, from which {@link StepContext#input} fetches and outputs are stored. */
    public Builder store(RunStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The ids of every step upstream of this one (transitively): {@link StepContext#input} refuses
     * any other step. Without it the context does not check where an input comes from.
     */
    public Builder upstream(Collection<String> stepIds) {
      this.upstream = new LinkedHashSet<>(stepIds);
      return this;
    }

    /** The step's declared inputs, {@code <step>/<name>} each; their steps count as upstream. */
    public Builder declaredInputs(Collection<String> inputs) {
      for (String input : inputs) {
        ItemNames.splitInput(input);
        declaredInputs.add(input);
      }
      return this;
    }

    /** The step's declared outputs: each must be a file in the work directory on success. */
    public Builder declaredOutputs(Collection<String> outputs) {
      for (String output : outputs) {
        declaredOutputs.add(ItemNames.checkName("output", output));
      }
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
          logger != null ? logger : new LineLogger(stepId, System.out),
          new BuiltStepContext.Data(
              store,
              upstream == null ? null : Set.copyOf(upstream),
              List.copyOf(declaredInputs),
              List.copyOf(new LinkedHashSet<>(declaredOutputs))));
    }
  }
}
