package io.esteira.local;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened in one local run, as written to {@code run.json} in the run directory. Times are
 * UTC instants; {@code endedAt} is null while the run is going.
 *
 * @param runId the run's id, also its directory name under the runs root
 * @param project the project name
 * @param environment the environment run ({@code ENV} of the steps)
 * @param status how the run ended, or {@link RunStatus#RUNNING}
 * @param startedAt when the run started
 * @param endedAt when it ended, or null
 * @param resumedFrom the run id this run resumed, or null
 * @param steps every step of the pipeline, in the model's order, run or not
 * @param store the run's store root as the steps got it in {@code ESTEIRA_STORE}, ending in {@code
 *     /}: a {@code file:} URI of the run directory's {@code artifacts/}, or {@code
 *     s3://<bucket>/<project>/<env>/<run id>/} for {@code --store s3://...}; null in a {@code
 *     run.json} written before it was recorded
 * @param codeHash the SHA-256 (lower-case hex) of the class path the run's Java steps ran with, as
 *     {@link ClasspathSnapshot} took it at the run's start; null when the run had no class path (a
 *     YAML-only project) or in a {@code run.json} written before it was recorded
 * @param configHash the SHA-256 (lower-case hex) of the pipeline the run ran, the environment's
 *     {@code pipeline.json} as the run directory keeps it; null in a {@code run.json} written
 *     before it was recorded
 * @param changedSinceResumed for a resumed run, what changed since the run it resumed: {@value
 *     #CODE} when the code hashes differ, {@value #CONFIG} when the config hashes do; empty
 *     otherwise, and when the resumed run recorded no hashes
 */
public record RunRecord(
    String runId,
    String project,
    String environment,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    String resumedFrom,
    List<StepRecord> steps,
    String store,
    String codeHash,
    String configHash,
    List<String> changedSinceResumed) {

  /** In {@link #changedSinceResumed}: the class path changed. */
  public static final String CODE = "code";

  /** In {@link #changedSinceResumed}: the pipeline's configuration changed. */
  public static final String CONFIG = "config";

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    steps = List.copyOf(steps);
    changedSinceResumed = List.copyOf(changedSinceResumed);
  }

  /** A record with no hashes recorded, as {@code run.json} had before they were. */
  public RunRecord(
      String runId,
      String project,
      String environment,
      RunStatus status,
      Instant startedAt,
      Instant endedAt,
      String resumedFrom,
      List<StepRecord> steps,
      String store) {
    this(
        runId,
        project,
        environment,
        status,
        startedAt,
        endedAt,
        resumedFrom,
        steps,
        store,
        null,
        null,
        List.of());
  }

  /** This record with another status and end, its other values kept. */
  public RunRecord ended(RunStatus newStatus, Instant newEndedAt, List<StepRecord> newSteps) {
    return new RunRecord(
        runId,
        project,
        environment,
        newStatus,
        startedAt,
        newEndedAt,
        resumedFrom,
        newSteps,
        store,
        codeHash,
        configHash,
        changedSinceResumed);
  }

  /** A record with no store recorded, as {@code run.json} had before it was. */
  public RunRecord(
      String runId,
      String project,
      String environment,
      RunStatus status,
      Instant startedAt,
      Instant endedAt,
      String resumedFrom,
      List<StepRecord> steps) {
    this(runId, project, environment, status, startedAt, endedAt, resumedFrom, steps, null);
  }

  /** How a run ended. */
  public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The pipeline timeout ({@code schedule.timeout_seconds}) ran out. */
    TIMED_OUT,
    /** Stopped by the user (Ctrl-C) or by {@link LocalRunner#cancel()}. */
    CANCELLED,
    /**
     * Its runner died while it ran (killed with SIGKILL, the machine stopped); set by a later
     * {@code --resume} of the run, never by the runner itself.
     */
    INTERRUPTED
  }

  /** Where a step stands. */
  public enum StepStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    /** Not run: left out by {@code --only}/{@code --from}, or its upstream failed. */
    SKIPPED,
    /** Not run again: it succeeded in the run being resumed. */
    REUSED
  }

  /** How one attempt ended. */
  public enum AttemptOutcome {
    SUCCEEDED,
    FAILED,
    /** Killed when the step's {@code timeout_seconds} ran out. */
    TIMED_OUT,
    CANCELLED
  }

  /**
   * One step of the run.
   *
   * @param id the step id
   * @param name the step's display name
   * @param dependsOn the ids it waits for
   * @param status where it stands
   * @param attempts its attempts so far, first first
   * @param note why it was skipped or reused, or null
   * @param outputs what the step stored in the run's store ({@code artifacts/<step>/}) when it
   *     succeeded or was reused, by name; empty otherwise
   */
  public record StepRecord(
      String id,
      String name,
      List<String> dependsOn,
      StepStatus status,
      List<AttemptRecord> attempts,
      String note,
      List<StoredOutput> outputs) {

    public StepRecord {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      dependsOn = List.copyOf(dependsOn);
      Objects.requireNonNull(status, "status");
      attempts = List.copyOf(attempts);
      outputs = List.copyOf(outputs);
    }

    /** A step that stored nothing (as every step of a run before step data was). */
    public StepRecord(
        String id,
        String name,
        List<String> dependsOn,
        StepStatus status,
        List<AttemptRecord> attempts,
        String note) {
      this(id, name, dependsOn, status, attempts, note, List.of());
    }
  }

  /**
   * One output a step stored in the run's store.
   *
   * @param name the output's name, such as {@code features.csv} (a relative path)
   * @param size its size in bytes
   * @param sha256 the SHA-256 of its bytes, lower-case hex
   * @param path where it is, relative to the run directory: {@code artifacts/<step>/<name>}
   */
  public record StoredOutput(String name, long size, String sha256, String path) {

    public StoredOutput {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * One attempt of a step.
   *
   * @param number 1 for the first attempt
   * @param startedAt when it started
   * @param endedAt when it ended, or null while it runs
   * @param outcome how it ended, or null while it runs
   * @param exitCode the process's exit code (0 on success; null when killed or in-process)
   * @param cause the one-line failure cause (the first stderr line of a failed step), or null
   * @param log the attempt's log file, relative to the run directory
   * @param setupError whether a Java step's attempt failed before the step's own code ran (the step
   *     launcher found no dispatcher, no such step or no store it can open; the JVM found no main
   *     class): such an attempt is not retried, as a retry would fail the same way. A process that
   *     could not be started at all is an ordinary failure, which the retrier retries
   */
  public record AttemptRecord(
      int number,
      Instant startedAt,
      Instant endedAt,
      AttemptOutcome outcome,
      Integer exitCode,
      String cause,
      String log,
      boolean setupError) {

    public AttemptRecord {
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(log, "log");
    }

    /** An attempt that was not a setup error. */
    public AttemptRecord(
        int number,
        Instant startedAt,
        Instant endedAt,
        AttemptOutcome outcome,
        Integer exitCode,
        String cause,
        String log) {
      this(number, startedAt, endedAt, outcome, exitCode, cause, log, false);
    }
  }
}
