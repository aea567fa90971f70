package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PipelineJsonGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.plan.ExecutionPlan;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Runs one pipeline on this machine with the semantics of its generated state machine: the same
 * waits (declared dependencies plus any the state machine's shape adds, {@link
 * ExecutionPlan#waits}), independent steps at once within the capacity, each attempt limited by the
 * step's {@code timeoutSeconds}, retries with the retrier's delays, the pipeline timeout, and a
 * failed step failing the run. See {@code docs/runtime.md} for the run directory and the
 * environment a step sees.
 *
 * <p>One runner runs once. {@link #run} blocks; {@link #cancel} may be called from any thread (the
 * command line calls it from its Ctrl-C shutdown hook).
 */
public final class LocalRunner {

  /** The run directory's copy of the pipeline the run ran (its environment's). */
  public static final String PIPELINE_JSON = "pipeline.json";

  private final PipelineModel model;
  private final RunOptions options;
  private final Map<String, StepBody> stubs = new LinkedHashMap<>();
  private ClassLoader classLoader;
  // Replaced by unit tests only.
  RunClock clock = RunClock.SYSTEM;
  RandomGenerator random = new SplittableRandom();
  AttemptLauncher launcher;
  private volatile Engine engine;
  private volatile boolean cancelled;
  private boolean started;

  public LocalRunner(PipelineModel model, RunOptions options) {
    this.model = Objects.requireNonNull(model, "model");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Runs {@code body} in this JVM instead of step {@code stepId}'s own code (a method or a
   * command), for tests.
   *
   * @throws IllegalArgumentException when the pipeline has no such step
   */
  public LocalRunner stub(String stepId, StepBody body) {
    model.step(stepId);
    stubs.put(stepId, Objects.requireNonNull(body, "body"));
    return this;
  }

  /**
   * The class loader in-process Java steps are loaded from. Default: a loader over {@code
   * options.classpath()} when one is given, else the thread's context class loader.
   */
  public LocalRunner classLoader(ClassLoader loader) {
    this.classLoader = Objects.requireNonNull(loader, "loader");
    return this;
  }

  /**
   * Runs the pipeline (the steps {@code options} select) and returns what happened, also written to
   * {@code run.json} in the run directory. Blocks until the run ends.
   *
   * @throws RunSetupException when the run cannot start (unknown step or run, missing secret, no
   *     class path, a runs directory that cannot take the run's directory or its first {@code
   *     run.json}); nothing ran and no run directory was left
   */
  public RunRecord run(RunListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("a LocalRunner runs once; make a new one for another run");
      }
      started = true;
    }
    // First, so that steps loaded in this JVM load the snapshot too.
    boolean hadRunsRoot = Files.isDirectory(options.runsRoot());
    List<Path> made = new ArrayList<>();
    ClasspathSnapshot.Taken snapshot;
    Preflight.Result checked;
    try {
      snapshot = snapshot(made);
      checked = Preflight.check(model, options, stubs.keySet(), loader(snapshot));
    } catch (RunSetupException e) {
      // Nothing ran: leave no runs directory the snapshot's cache made.
      if (!hadRunsRoot) {
        removeMade(made, options.runsRoot());
      }
      throw e;
    }
    Path runDirectory;
    String runId;
    Optional<RunRecord> resumed = checked.resumed();
    if (resumed.isPresent() && resumed.get().status() == RunRecord.RunStatus.RUNNING) {
      // Preflight found its runner gone: mark the run and kill what it left before running again.
      try {
        RunnerLock.markInterrupted(
            checked.resumedDirectory(), resumed.get(), clock.now(), "--resume");
      } catch (IOException e) {
        throw cannotWrite(checked.resumedDirectory(), e);
      }
    }
    if (resumed.isPresent()
        && checked.choices().values().stream().noneMatch(RunSelection.Choice::runs)) {
      // Every step succeeded in the resumed run: a new run would run nothing (and "notify" of a
      // success it did not have), so none is made.
      new GuardedListener(listener).nothingToResume(resumed.get());
      return resumed.get();
    }
    String resumedFrom = resumed.map(RunRecord::runId).orElse(null);
    Path sharedWork = null;
    LocalStore store;
    Map<String, List<StoredOutput>> reused;
    List<Path> classpath = options.classpath();
    String pipelineJson = Json.write(PipelineJsonGenerator.generate(List.of(model)));
    try {
      runDirectory = RunDirectories.create(options.runsRoot(), clock.now(), random);
    } catch (IOException e) {
      throw cannotWrite(options.runsRoot(), e);
    }
    runId = runDirectory.getFileName().toString();
    try {
      // artifacts/ and work/ are made when first written, after run.json (which stops the run
      // when it cannot be written) unless a resumed run's outputs are taken first.
      if (snapshot != null) {
        classpath = ClasspathSnapshot.classpath(snapshot, runDirectory);
      }
      store = LocalStore.of(runDirectory);
      if (options.sharedWorkDir()) {
        // As before the store: a resumed run works in the directory of the run it resumed.
        sharedWork =
            resumed.isPresent()
                ? RunDirectories.workDirectory(options.runsRoot(), resumed.get())
                : runDirectory.resolve("work");
        Files.createDirectories(sharedWork);
      }
      reused = reuse(checked, store);
    } catch (IOException e) {
      removeQuietly(runDirectory);
      throw cannotWrite(runDirectory, e);
    }
    Map<String, String> reusedFrom = new LinkedHashMap<>();
    reused.keySet().forEach(id -> reusedFrom.put(id, resumedFrom));
    StepData data = new StepData(model, runDirectory, store, sharedWork, reusedFrom);
    AttemptLauncher processes = new ProcessLauncher(model, options.projectDirectory(), classpath);
    Engine.Hashes hashes =
        new Engine.Hashes(
            snapshot == null ? null : snapshot.codeHash(),
            ClasspathSnapshot.sha256(pipelineJson),
            List.of());
    if (resumed.isPresent()) {
      hashes = changedSince(resumed.get(), hashes, listener);
    }
    AttemptLauncher attempts = launcher;
    boolean inProcess =
        attempts == null
            && (options.javaSteps() == RunOptions.JavaStepMode.IN_PROCESS || !stubs.isEmpty());
    if (attempts == null) {
      attempts =
          inProcess
              ? new InProcessLauncher(model, checked.dispatcher(), stubs, processes)
              : processes;
    }
    Map<String, List<String>> upstream = Upstream.of(model);
    // A cloud-shaped run keeps its data in S3 only (Preflight checked the option): the run
    // directory's artifacts/ is never made, and command steps' data moves as in their ECS task.
    Optional<S3RunStore> s3 = options.store().flatMap(S3RunStore::parse);
    URI storeUri = s3.isPresent() ? s3.get().root(model, runId) : store.uri();
    AttemptLauncher moving =
        s3.isPresent()
            ? new TransferLauncher(
                attempts, options.projectDirectory(), runDirectory.resolve("status"), storeUri)
            : new DataLauncher(attempts, data);
    Engine created =
        new Engine(
            new Engine.Setup(
                model,
                ExecutionPlan.of(model.graph()).waits(),
                checked.choices(),
                options.capacity(),
                moving,
                clock,
                random,
                new GuardedListener(listener),
                runId,
                runDirectory,
                data,
                resumedFrom,
                upstream,
                reused,
                (step, attempt, workDir) ->
                    StepEnvironment.of(
                        model,
                        options.hostEnvironment(),
                        step,
                        attempt,
                        runId,
                        workDir,
                        storeUri,
                        upstream.getOrDefault(step.id(), List.of())),
                storeUri,
                options.noRetryDelay(),
                hashes,
                () -> {
                  // What the run runs, kept with it once run.json is there: its class path and
                  // its pipeline.
                  if (snapshot != null) {
                    ClasspathSnapshot.place(snapshot, runDirectory);
                  }
                  Files.writeString(
                      runDirectory.resolve(PIPELINE_JSON), pipelineJson, StandardCharsets.UTF_8);
                }));
    engine = created;
    RunnerLock.write(runDirectory);
    if (cancelled) {
      created.cancel();
    }
    AttemptOutput.Installed routed = inProcess ? AttemptOutput.install() : null;
    try {
      return created.run();
    } catch (RunSetupException e) {
      // The first run.json could not be written; no step started. Remove what this run made.
      removeQuietly(runDirectory);
      throw e;
    } finally {
      RunnerLock.remove(runDirectory);
      if (routed != null) {
        routed.close();
      }
    }
  }

  /**
   * Stops every running step (its whole process tree) and ends the run as {@link
   * RunRecord.RunStatus#CANCELLED}; returns once no step process is left and {@code run.json} is
   * written. Before {@link #run} starts, makes it end at once as cancelled.
   */
  public void cancel() {
    cancelled = true;
    Engine current = engine;
    if (current != null) {
      current.cancel();
    }
  }

  /**
   * Puts the stored outputs of every step the run reuses from the resumed run into this run's store
   * (hard links where possible), so the steps that run find them as in the run they came from, and
   * returns what each holds for {@code run.json}.
   */
  private static Map<String, List<StoredOutput>> reuse(Preflight.Result checked, LocalStore store)
      throws IOException {
    Map<String, List<StoredOutput>> reused = new LinkedHashMap<>();
    if (checked.resumed().isEmpty()) {
      return reused;
    }
    RunRecord previous = checked.resumed().get();
    LocalStore from = LocalStore.of(checked.resumedDirectory());
    for (Map.Entry<String, RunSelection.Choice> choice : checked.choices().entrySet()) {
      if (choice.getValue().status() != RunRecord.StepStatus.REUSED) {
        continue;
      }
      String id = choice.getKey();
      List<String> names = store.takeFrom(from, id);
      List<StoredOutput> recorded =
          previous.steps().stream()
              .filter(s -> s.id().equals(id))
              .findFirst()
              .map(RunRecord.StepRecord::outputs)
              .orElse(List.of());
      // The files are the recorded ones (linked or copied as they were): their digests stand.
      boolean same = recorded.stream().map(StoredOutput::name).toList().equals(names);
      reused.put(id, same ? recorded : store.scan(id));
    }
    return reused;
  }

  private static RunSetupException cannotWrite(Path directory, IOException e) {
    return new RunSetupException(
        List.of(Diagnostic.error(EngineMessage.RUN_CANNOT_WRITE, null, directory, e.getMessage())));
  }

  /**
   * Deletes what the snapshot of a run that could not start made in a runs directory that was not
   * there before: its new cache entries (the newest first), then the cache and the runs directory
   * only when they are empty. Another runner starting at the same time may have put its own runs
   * and cache entries there meanwhile; those stay, and so do the directories holding them.
   */
  private static void removeMade(List<Path> made, Path runsRoot) {
    for (int i = made.size() - 1; i >= 0; i--) {
      Path directory = made.get(i);
      if (directory.getParent() != null
          && directory.getParent().getFileName().toString().equals(ClasspathSnapshot.CACHE)) {
        ClasspathSnapshot.deleteTree(directory);
      } else {
        deleteIfEmpty(directory);
      }
    }
    deleteIfEmpty(runsRoot);
  }

  private static void deleteIfEmpty(Path directory) {
    try {
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // Not empty (another runner's) or not removable: leave it.
    }
  }

  /** Deletes a directory tree this run made, as far as it can; what stays is left for the user. */
  private static void removeQuietly(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Not empty or not removable: leave it.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Nothing more to do.
    }
  }

  /**
   * The snapshot of the project's class path ({@link ClasspathSnapshot}), or null when the options
   * give no class path (a YAML-only project, or a test that gives the steps a class loader without
   * one). A class path is snapshotted even when {@link #classLoader} is set: child JVMs run it, and
   * the code hash is taken from it. What it made in the cache goes into {@code made}.
   *
   * @throws RunSetupException when the class path kept changing or the cache cannot be written
   */
  private ClasspathSnapshot.Taken snapshot(List<Path> made) {
    if (options.classpath().isEmpty()) {
      return null;
    }
    try {
      return ClasspathSnapshot.take(options.classpath(), options.runsRoot(), made);
    } catch (ClasspathSnapshot.ChangingException e) {
      throw new RunSetupException(
          List.of(
              Diagnostic.error(
                  EngineMessage.RUN_CLASSPATH_CHANGING, null, e.entry, e.getMessage())));
    } catch (IOException e) {
      throw cannotWrite(options.runsRoot().resolve(ClasspathSnapshot.CACHE), e);
    }
  }

  /**
   * The hashes with what changed since the resumed run, told to the user: a resumed run runs the
   * code and config as they are now (a fix is what a resume is usually for), while the steps it
   * reuses ran the old ones.
   */
  private static Engine.Hashes changedSince(
      RunRecord resumed, Engine.Hashes now, RunListener listener) {
    List<String> changed = new ArrayList<>();
    List<String> said = new ArrayList<>();
    if (resumed.codeHash() != null
        && now.code() != null
        && !resumed.codeHash().equals(now.code())) {
      changed.add(RunRecord.CODE);
      said.add("code (" + shortHash(resumed.codeHash()) + " -> " + shortHash(now.code()) + ")");
    }
    if (resumed.configHash() != null && !resumed.configHash().equals(now.config())) {
      changed.add(RunRecord.CONFIG);
      said.add(
          "config (" + shortHash(resumed.configHash()) + " -> " + shortHash(now.config()) + ")");
    }
    if (!changed.isEmpty()) {
      new GuardedListener(listener)
          .warning(
              "the "
                  + String.join(" and ", said)
                  + " changed since run "
                  + resumed.runId()
                  + ": the steps that run now use them as built now; the steps reused from"
                  + " that run ran the old ones (run.json records it in changedSinceResumed)");
    }
    return new Engine.Hashes(now.code(), now.config(), changed);
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }

  private ClassLoader loader(ClasspathSnapshot.Taken snapshot) {
    if (classLoader != null) {
      return classLoader;
    }
    if (snapshot != null && options.javaSteps() == RunOptions.JavaStepMode.IN_PROCESS) {
      URL[] urls =
          snapshot.cachedClasspath().stream()
              .map(
                  p -> {
                    try {
                      return p.toUri().toURL();
                    } catch (MalformedURLException e) {
                      throw new IllegalArgumentException("class path entry " + p, e);
                    }
                  })
              .toArray(URL[]::new);
      return new URLClassLoader(urls, LocalRunner.class.getClassLoader());
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : LocalRunner.class.getClassLoader();
  }
}
