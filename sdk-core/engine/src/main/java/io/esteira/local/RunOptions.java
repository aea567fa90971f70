package io.esteira.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the caller of {@link LocalRunner} chooses.
 *
 * <p>Built one way: {@link #defaults} and the {@code with...} copiers for what differs from them,
 * or the canonical constructor when the caller chooses every component (as {@code esteira run}
 * does). No shorter constructors that default the rest: each would re-list the components it keeps,
 * and a default hidden in one (such as a shared work directory) is easy to get by accident.
 *
 * @param projectDirectory where command steps run (the origin's {@code python steps/x.py} is
 *     relative to it)
 * @param runsRoot where run directories are made ({@code .esteira/runs} under the project by
 *     default)
 * @param only run just this step (its upstream is not run), or empty
 * @param from run this step and everything downstream of it, or empty
 * @param resumeRunId re-run only what did not succeed in that run, or with {@code only}/{@code
 *     from} take the upstream steps' outputs from it; a run id or {@value #LATEST}; or empty
 * @param capacity how much cpu and memory the steps running at once may declare in total
 * @param javaSteps how Java steps run
 * @param classpath the project's runtime class path, for Java steps in a child JVM
 * @param hostEnvironment the environment the runner was started with: secrets and {@code
 *     MLFLOW_TRACKING_URI} are read from it by name
 * @param sharedWorkDir one work directory ({@code work/}) for every attempt of every step, as
 *     before steps handed data over through the store, instead of a fresh, empty one per attempt
 *     ({@code work/<step>/<attempt>/}) as each ECS task has. Not how the cloud behaves: a step that
 *     reads what another left there passes here and fails in AWS
 * @param store where the run's data goes: empty for the run directory's {@code artifacts/}, or
 *     {@code s3://BUCKET} for a cloud-shaped run whose store is {@code
 *     s3://BUCKET/<project>/<env>/<run id>/}, as in AWS ({@link S3RunStore}); checked before the
 *     run starts
 * @param noRetryDelay retry a failed attempt at once instead of after the retrier's delay (its
 *     backoff and jitter, up to a minute): for a fast edit-run loop and tests. Not how the cloud
 *     behaves; the run's record notes each step retried this way
 */
public record RunOptions(
    Path projectDirectory,
    Path runsRoot,
    Optional<String> only,
    Optional<String> from,
    Optional<String> resumeRunId,
    Capacity capacity,
    JavaStepMode javaSteps,
    List<Path> classpath,
    Map<String, String> hostEnvironment,
    boolean sharedWorkDir,
    Optional<String> store,
    boolean noRetryDelay) {

  /** What {@code --resume} takes for the newest run under the runs root. */
  public static final String LATEST = "latest";

  public RunOptions {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(runsRoot, "runsRoot");
    Objects.requireNonNull(only, "only");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(resumeRunId, "resumeRunId");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(javaSteps, "javaSteps");
    classpath = List.copyOf(classpath);
    hostEnvironment = Map.copyOf(hostEnvironment);
    Objects.requireNonNull(store, "store");
  }

  /** Options for running everything in {@code projectDirectory} with this machine's capacity. */
  public static RunOptions defaults(Path projectDirectory) {
    return new RunOptions(
        projectDirectory,
        projectDirectory.resolve(".esteira").resolve("runs"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Capacity.ofThisMachine(),
        JavaStepMode.CHILD_JVM,
        List.of(),
        System.getenv(),
        false,
        Optional.empty(),
        false);
  }

  /** These options with {@code runsRoot} as the runs root. */
  public RunOptions withRunsRoot(Path runsRoot) {
    return copy(c -> c.runsRoot = runsRoot);
  }

  /** These options running just {@code step} (or everything when empty). */
  public RunOptions withOnly(Optional<String> step) {
    return copy(c -> c.only = step);
  }

  /** These options running {@code step} and its downstream (or everything when empty). */
  public RunOptions withFrom(Optional<String> step) {
    return copy(c -> c.from = step);
  }

  /** These options resuming run {@code runId} (or none when empty). */
  public RunOptions withResumeRunId(Optional<String> runId) {
    return copy(c -> c.resumeRunId = runId);
  }

  /** These options with another capacity. */
  public RunOptions withCapacity(Capacity capacity) {
    return copy(c -> c.capacity = capacity);
  }

  /** These options running Java steps this way. */
  public RunOptions withJavaSteps(JavaStepMode javaSteps) {
    return copy(c -> c.javaSteps = javaSteps);
  }

  /** These options with the project's runtime class path. */
  public RunOptions withClasspath(List<Path> classpath) {
    return copy(c -> c.classpath = classpath);
  }

  /** These options reading secrets and pass-through variables from {@code hostEnvironment}. */
  public RunOptions withHostEnvironment(Map<String, String> hostEnvironment) {
    return copy(c -> c.hostEnvironment = hostEnvironment);
  }

  /** These options with one work directory for all attempts (true) or a fresh one each. */
  public RunOptions withSharedWorkDir(boolean shared) {
    return copy(c -> c.sharedWorkDir = shared);
  }

  /**
   * These options with the run's data in {@code store} ({@code s3://BUCKET}), or in the run
   * directory when empty.
   */
  public RunOptions withStore(Optional<String> store) {
    return copy(c -> c.store = store);
  }

  /**
   * These options retrying failed attempts at once (true) or after the retrier's delay, as the
   * cloud does (false).
   */
  public RunOptions withNoRetryDelay(boolean noRetryDelay) {
    return copy(c -> c.noRetryDelay = noRetryDelay);
  }

  /** A copy with one component changed; the canonical constructor checks the result. */
  private RunOptions copy(Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return copy.build();
  }

  /** The components of a {@link RunOptions} being copied, one of them about to change. */
  private static final class Copy {
    Path projectDirectory;
    Path runsRoot;
    Optional<String> only;
    Optional<String> from;
    Optional<String> resumeRunId;
    Capacity capacity;
    JavaStepMode javaSteps;
    List<Path> classpath;
    Map<String, String> hostEnvironment;
    boolean sharedWorkDir;
    Optional<String> store;
    boolean noRetryDelay;

    Copy(RunOptions o) {
      projectDirectory = o.projectDirectory;
      runsRoot = o.runsRoot;
      only = o.only;
      from = o.from;
      resumeRunId = o.resumeRunId;
      capacity = o.capacity;
      javaSteps = o.javaSteps;
      classpath = o.classpath;
      hostEnvironment = o.hostEnvironment;
      sharedWorkDir = o.sharedWorkDir;
      store = o.store;
      noRetryDelay = o.noRetryDelay;
    }

    RunOptions build() {
      return new RunOptions(
          projectDirectory,
          runsRoot,
          only,
          from,
          resumeRunId,
          capacity,
          javaSteps,
          classpath,
          hostEnvironment,
          sharedWorkDir,
          store,
          noRetryDelay);
    }
  }

  /** How Java steps run. */
  public enum JavaStepMode {
    /** Each attempt in its own JVM with the project's class path: killable, like a container. */
    CHILD_JVM,
    /** In the runner's JVM, for debugging; a timed-out step is interrupted, not killed. */
    IN_PROCESS
  }

  /**
   * The total cpu (vCPUs) and memory (GiB) that the steps running at once may declare. A step that
   * declares more than the whole capacity still runs, alone.
   */
  public record Capacity(double cpu, double memoryGb) {

    public Capacity {
      if (!(cpu > 0) || !(memoryGb > 0)) {
        throw new IllegalArgumentException("capacity must be positive: " + cpu + ", " + memoryGb);
      }
    }

    /** The processors and physical memory of this machine. */
    public static Capacity ofThisMachine() {
      int processors = Runtime.getRuntime().availableProcessors();
      long bytes = 0;
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        bytes = os.getTotalMemorySize();
      }
      double gb = bytes > 0 ? bytes / (1024.0 * 1024 * 1024) : 8.0;
      return new Capacity(processors, gb);
    }
  }
}
