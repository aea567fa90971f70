package io.esteira.local;

import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runner.pid} in a run directory: the process id and start time of the runner while the run
 * runs, removed when it ends. A run whose {@code run.json} still says {@code RUNNING} but whose
 * runner is gone was killed ({@code kill -9}, a closed laptop, an out-of-memory kill): {@code
 * --resume} marks it {@link RunStatus#INTERRUPTED} and kills the step processes it left before
 * running its steps again, and refuses to resume a run whose runner still runs.
 */
final class RunnerLock {

  /** The file's name in the run directory. */
  static final String FILE = "runner.pid";

  private RunnerLock() {}

  /**
   * Records this JVM as the run's runner. A directory that cannot take it cannot take {@code
   * run.json} either, whose failure stops the run with the message that names it; so a failure here
   * is left to that one.
   */
  static void write(Path runDirectory) {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    try {
      Files.writeString(
          runDirectory.resolve(FILE), self.pid() + " " + started + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // See above: run.json's first write reports it.
    }
  }

  /** Removes the record; the run has ended. */
  static void remove(Path runDirectory) {
    try {
      Files.deleteIfExists(runDirectory.resolve(FILE));
    } catch (IOException e) {
      // A stale runner.pid names a process that is gone (or another one, started at another time).
    }
  }

  /**
   * The runner of the run in {@code runDirectory} when it still runs: the process {@code
   * runner.pid} names, started when it says (so a reused process id is not taken for it). Empty
   * when there is no such file or no such process.
   */
  static Optional<ProcessHandle> alive(Path runDirectory) {
    String[] fields;
    try {
      fields =
          Files.readString(runDirectory.resolve(FILE), StandardCharsets.UTF_8).trim().split(" ");
      long pid = Long.parseLong(fields[0]);
      long started = fields.length > 1 ? Long.parseLong(fields[1]) : 0L;
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  started == 0L
                      || p.info()
                          .startInstant()
                          // Start times are read in clock ticks: allow a second either way.
                          .map(i -> Math.abs(i.toEpochMilli() - started) <= 1000)
                          .orElse(true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Marks a run whose runner died: kills every process still carrying its run id, then rewrites its
   * {@code run.json} as {@link RunStatus#INTERRUPTED}, each step that was running as cancelled with
   * a note. Returns the marked record.
   */
  static RunRecord markInterrupted(Path runDirectory, RunRecord record, Instant now, String by)
      throws IOException {
    int killed =
        StepProcesses.killAll(
            -1,
            Map.of("ESTEIRA_EXECUTION_ID", record.runId()),
            ProcessLauncher.KILL_GRACE_SECONDS * 4);
    String note =
        "the runner stopped while this step ran (killed, or the machine stopped); marked by run "
            + by
            + (killed > 0 ? ", which killed " + killed + " process(es) the run had left" : "");
    List<StepRecord> steps =
        record.steps().stream()
            .map(s -> s.status() == StepStatus.RUNNING ? cancelled(s, now, note) : s)
            .toList();
    RunRecord marked = record.ended(RunStatus.INTERRUPTED, now, steps);
    RunJson.writeTo(marked, runDirectory.resolve(RunJson.FILE));
    remove(runDirectory);
    return marked;
  }

  private static StepRecord cancelled(StepRecord step, Instant now, String note) {
    List<AttemptRecord> attempts =
        step.attempts().stream()
            .map(
                a ->
                    a.outcome() != null
                        ? a
                        : new AttemptRecord(
                            a.number(),
                            a.startedAt(),
                            now,
                            AttemptOutcome.CANCELLED,
                            null,
                            "the runner stopped",
                            a.log()))
            .toList();
    return new StepRecord(
        step.id(),
        step.name(),
        step.dependsOn(),
        StepStatus.CANCELLED,
        attempts,
        note,
        step.outputs());
  }
}
