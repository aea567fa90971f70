package io.esteira.testing;

import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.model.PipelineModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunListener;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import io.esteira.local.StepBody;
import io.esteira.runtime.store.DirectoryStore;
import io.esteira.runtime.store.ItemNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a built pipeline in this JVM from a JUnit test, with chosen steps replaced by stubs, and
 * returns what happened. The pipeline is found by project name: its {@code
 * META-INF/esteira/<project>/pipeline.json} and its {@code steps.idx} on the test's class path,
 * where the annotation processor put them. Steps run as {@code esteira run --in-process} runs them:
 * in dependency order, independent ones at once, with retries and time-outs; command steps run as
 * processes in the current directory.
 *
 * <pre>{@code
 * PipelineTester.Result result =
 *     PipelineTester.forProject("recsys")
 *         .stub("extract_features", ctx -> Files.writeString(ctx.workDir().resolve("features.csv"), rows))
 *         .run();
 * assertThat(result.succeeded()).isTrue();
 * assertThat(result.ran()).containsExactly("extract_features", "score_model");
 * assertThat(result.workDir().resolve("scores.csv")).exists();
 * }</pre>
 *
 * <p>Steps hand data over through the run's store, as in the cloud. A test seeds what a step stores
 * with {@link #withInput} and reads what steps stored with {@link Result#output}:
 *
 * <pre>{@code
 * PipelineTester.Result result =
 *     PipelineTester.forProject("recsys")
 *         .withInput("extract_features", "features.csv", Path.of("src/test/resources/features.csv"))
 *         .run();
 * assertThat(result.output("scores.csv")).hasContent("vehicle_id,score\nx1,0.9800\n");
 * }</pre>
 *
 * <p>Retries keep the model's delays (30 s and up by default): stub a step that must fail, or give
 * it no retries, to keep a test fast.
 */
public final class PipelineTester {

  private final String project;
  private final Map<String, StepBody> stubs = new LinkedHashMap<>();
  private final Map<String, String> variables = new HashMap<>();
  private String environment;
  private Path runsRoot;
  private Path projectDirectory = Path.of("").toAbsolutePath();
  private RunOptions.Capacity capacity = RunOptions.Capacity.ofThisMachine();
  private boolean retryDelays;
  private ClassLoader loader;

  /** Step id to output name to the seeded copy. */
  private final Map<String, Map<String, Path>> seeds = new LinkedHashMap<>();

  private Path seedDirectory;

  private PipelineTester(String project) {
    this.project = Objects.requireNonNull(project, "project");
  }

  /** A tester of the pipeline whose {@code project_name} is {@code project}. */
  public static PipelineTester forProject(String project) {
    return new PipelineTester(project);
  }

  /** The environment to run (default {@code dev}, or the first one the pipeline declares). */
  public PipelineTester environment(String environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /** Runs {@code body} instead of step {@code stepId}; it gets the step's context. */
  public PipelineTester stub(String stepId, StepBody body) {
    stubs.put(Objects.requireNonNull(stepId, "stepId"), Objects.requireNonNull(body, "body"));
    return this;
  }

  /**
   * Makes step {@code step} store a copy of {@code file} as its output {@code name}, so the steps
   * downstream read it with {@code ctx.input(step, name)} (or as a declared input). The step's own
   * code does not run: it is replaced by a stub that stores the seeded outputs, after the stub
   * {@link #stub} gave it, if any. The file is copied now.
   *
   * @throws IllegalArgumentException when {@code step} or {@code name} is not a valid name
   */
  public PipelineTester withInput(String step, String name, Path file) {
    Path copy = seedFile(step, name);
    try {
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** As {@link #withInput(String, String, Path)}, with the output's bytes. */
  public PipelineTester withInput(String step, String name, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Path copy = seedFile(step, name);
    try {
      Files.write(copy, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private Path seedFile(String step, String name) {
    ItemNames.checkStep(step);
    ItemNames.checkName("output", name);
    try {
      if (seedDirectory == null) {
        seedDirectory = Files.createTempDirectory("esteira-test-seeds-");
      }
      Path copy = seedDirectory.resolve(step).resolve(name);
      Files.createDirectories(copy.getParent());
      seeds.computeIfAbsent(step, s -> new LinkedHashMap<>()).put(name, copy);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A variable the run sees as if set in the shell, such as a secret {@code runtime.secrets} names.
   */
  public PipelineTester env(String name, String value) {
    variables.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Where run directories go (default: a new temporary directory). */
  public PipelineTester runsRoot(Path runsRoot) {
    this.runsRoot = Objects.requireNonNull(runsRoot, "runsRoot");
    return this;
  }

  /** Where command steps run (default: the current directory). */
  public PipelineTester projectDirectory(Path directory) {
    this.projectDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** The cpu and memory the steps running at once may declare (default: this machine's). */
  public PipelineTester capacity(double cpu, double memoryGb) {
    this.capacity = new RunOptions.Capacity(cpu, memoryGb);
    return this;
  }

  /**
   * Whether failed attempts are retried after the retrier's delay, as in the cloud (its backoff
   * with up to a minute of jitter), or at once (default: at once, so a test of a failing path takes
   * the time of its attempts, not of random waits).
   */
  public PipelineTester retryDelays(boolean wait) {
    this.retryDelays = wait;
    return this;
  }

  /** The class loader to find the pipeline in (default: the thread's context class loader). */
  public PipelineTester classLoader(ClassLoader loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /** The pipeline's model for the chosen environment, as read from its pipeline.json. */
  public PipelineModel model() {
    ClassLoader classes = classes();
    String resource = "META-INF/esteira/" + project + "/pipeline.json";
    String text;
    try (InputStream in = classes.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource
                + " is not on the class path: build the pipeline with esteira-sdk-processor on"
                + " the annotation processor path, and check that project_name is '"
                + project
                + "'");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PipelineJsonReader.PipelineDocument document = PipelineJsonReader.read(text, resource);
    String chosen = environment;
    if (chosen == null) {
      chosen = document.environments().contains("dev") ? "dev" : document.environments().get(0);
    }
    return document.model(chosen);
  }

  /**
   * Runs the pipeline and returns the result, whether or not it succeeded.
   *
   * @throws io.esteira.local.RunSetupException when the run cannot start (a missing secret, say)
   * @throws IllegalArgumentException when a stub names a step the pipeline does not have
   */
  public Result run() {
    PipelineModel model = model();
    Map<String, String> host = new HashMap<>(System.getenv());
    Path root = runsRoot;
    Path store;
    try {
      if (root == null) {
        root = Files.createTempDirectory("esteira-test-runs-");
      }
      store = Files.createTempDirectory("esteira-test-store-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The run's store, unless the runner gives each run its own (the run directory's artifacts/).
    host.put("ESTEIRA_STORE", store.toUri().toString());
    host.putAll(variables);
    RunOptions options =
        RunOptions.defaults(projectDirectory)
            .withRunsRoot(root)
            .withCapacity(capacity)
            .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
            .withHostEnvironment(host)
            .withSharedWorkDir(true)
            .withNoRetryDelay(!retryDelays);
    LocalRunner runner = new LocalRunner(model, options).classLoader(classes());
    Map<String, StepBody> bodies = new LinkedHashMap<>(stubs);
    seeds.forEach((step, outputs) -> bodies.put(step, seeded(stubs.get(step), outputs)));
    bodies.forEach(runner::stub);
    RunRecord record = runner.run(RunListener.NONE);
    return new Result(
        record, root.resolve(record.runId()), new DirectoryStore(store), model.graph().nodes());
  }

  /** A stub that runs {@code stub} (if any), then writes the seeded outputs. */
  private static StepBody seeded(StepBody stub, Map<String, Path> outputs) {
    Map<String, Path> copies = Map.copyOf(outputs);
    return context -> {
      if (stub != null) {
        stub.run(context);
      }
      for (Map.Entry<String, Path> seed : copies.entrySet()) {
        Files.copy(
            seed.getValue(), context.output(seed.getKey()), StandardCopyOption.REPLACE_EXISTING);
      }
    };
  }

  private ClassLoader classes() {
    if (loader != null) {
      return loader;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : PipelineTester.class.getClassLoader();
  }

  /** What a test run did, with accessors for the usual assertions. */
  public static final class Result {

    private final RunRecord record;
    private final Path runDirectory;
    private final DirectoryStore store;
    private final List<String> stepIds;

    Result(RunRecord record, Path runDirectory, DirectoryStore store, List<String> stepIds) {
      this.record = record;
      this.runDirectory = runDirectory;
      this.store = store;
      this.stepIds = List.copyOf(stepIds);
    }

    /**
     * The file step {@code step} stored as output {@code name} in this run.
     *
     * @throws IllegalArgumentException when it stored none, naming what it stored
     */
    public Path output(String step, String name) {
      Optional<Path> found = stored(step, name);
      if (found.isPresent()) {
        return found.get();
      }
      throw new IllegalArgumentException(
          "step '"
              + step
              + "' stored no output '"
              + name
              + "' in this run; it stored "
              + storedBy(step));
    }

    /**
     * The file stored as output {@code name} by the one step that stored an output of that name.
     *
     * @throws IllegalArgumentException when no step or several did
     */
    public Path output(String name) {
      List<String> steps = new ArrayList<>();
      List<Path> files = new ArrayList<>();
      for (String step : stepIds) {
        stored(step, name)
            .ifPresent(
                file -> {
                  steps.add(step);
                  files.add(file);
                });
      }
      if (files.size() == 1) {
        return files.get(0);
      }
      throw new IllegalArgumentException(
          files.isEmpty()
              ? "no step stored an output '" + name + "' in this run"
              : "steps "
                  + steps
                  + " all stored an output '"
                  + name
                  + "'; say which with output(step, name)");
    }

    /**
     * In the run directory's store ({@code artifacts/}) when the runner made one, else the
     * tester's.
     */
    private Optional<Path> stored(String step, String name) {
      for (Path root : List.of(runDirectory.resolve("artifacts"), store.root())) {
        Path file = new DirectoryStore(root).file(step, name);
        if (Files.isRegularFile(file)) {
          return Optional.of(file);
        }
      }
      return Optional.empty();
    }

    private String storedBy(String step) {
      List<String> names = new ArrayList<>();
      try {
        for (Path root : List.of(runDirectory.resolve("artifacts"), store.root())) {
          names.addAll(new DirectoryStore(root).list(step));
        }
      } catch (IOException e) {
        return "(cannot be listed: " + e.getMessage() + ")";
      }
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** The run record, as written to {@code run.json}. */
    public RunRecord record() {
      return record;
    }

    public RunRecord.RunStatus status() {
      return record.status();
    }

    public boolean succeeded() {
      return record.status() == RunRecord.RunStatus.SUCCEEDED;
    }

    /**
     * The steps that ran (made at least one attempt), in the order their first attempts started;
     * steps that started at the same instant keep declaration order.
     */
    public List<String> ran() {
      return record.steps().stream()
          .filter(s -> !s.attempts().isEmpty())
          .sorted(
              java.util.Comparator.comparing(
                  (RunRecord.StepRecord s) -> s.attempts().get(0).startedAt()))
          .map(RunRecord.StepRecord::id)
          .toList();
    }

    /** The record of step {@code stepId}. */
    public RunRecord.StepRecord step(String stepId) {
      return record.steps().stream()
          .filter(s -> s.id().equals(stepId))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no step '" + stepId + "' in the run"));
    }

    /** How many attempts step {@code stepId} made. */
    public int attempts(String stepId) {
      return step(stepId).attempts().size();
    }

    /** Where step {@code stepId} stands at the end of the run. */
    public RunRecord.StepStatus status(String stepId) {
      return step(stepId).status();
    }

    /** The run directory: {@code run.json}, {@code logs/}, {@code work/}. */
    public Path runDirectory() {
      return runDirectory;
    }

    /** The work directory the steps shared ({@code StepContext.workDir()}). */
    public Path workDir() {
      return runDirectory.resolve("work");
    }

    /** The log of one attempt (1 for the first) of a step. */
    public String log(String stepId, int attempt) {
      try {
        return Files.readString(
            runDirectory.resolve("logs").resolve(stepId + "." + attempt + ".log"),
            StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
