package io.esteira.local;

import io.esteira.core.model.StepModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Starts one attempt of a step: a process, or a call in this JVM. */
interface AttemptLauncher {

  /**
   * What an attempt runs with.
   *
   * @param step the step
   * @param number the attempt, 1 for the first
   * @param logFile where its output goes
   * @param environment the variables it sees
   * @param workDir the attempt's work directory ({@code ESTEIRA_WORK_DIR}), made before it starts
   */
  record Attempt(
      StepModel step, int number, Path logFile, Map<String, String> environment, Path workDir) {}

  /**
   * How an attempt ended by itself or after {@link Running#kill}.
   *
   * @param succeeded whether it succeeded
   * @param exitCode the process's exit code, or null for a call in this JVM
   * @param cause the one-line cause of a failure, or null
   * @param outputs what a successful attempt left in the run's store, by name; empty otherwise
   * @param setupError whether it failed before the step's own code ran ({@link
   *     RunRecord.AttemptRecord#setupError}); the run does not retry it
   */
  record Ended(
      boolean succeeded,
      Integer exitCode,
      String cause,
      List<RunRecord.StoredOutput> outputs,
      boolean setupError) {

    public Ended {
      outputs = List.copyOf(outputs);
    }

    /** An end that was no setup error. */
    public Ended(
        boolean succeeded, Integer exitCode, String cause, List<RunRecord.StoredOutput> outputs) {
      this(succeeded, exitCode, cause, outputs, false);
    }

    /** An end that stored nothing (what the launchers report; {@link DataLauncher} adds it). */
    public Ended(boolean succeeded, Integer exitCode, String cause) {
      this(succeeded, exitCode, cause, List.of());
    }

    /** A failure before the step's own code ran. */
    static Ended setupFailure(Integer exitCode, String cause) {
      return new Ended(false, exitCode, cause, List.of(), true);
    }
  }

  /** A started attempt. */
  interface Running {
    /**
     * Stops the attempt; {@code onEnd} follows once nothing of it runs any more (or, in this JVM,
     * once it was interrupted and abandoned). Calling it twice does no harm.
     */
    void kill();
  }

  /**
   * Starts the attempt. {@code onEnd} is called exactly once, from any thread.
   *
   * @throws IOException when the attempt cannot start (the caller records it as failed)
   */
  Running start(Attempt attempt, Consumer<Ended> onEnd) throws IOException;
}
