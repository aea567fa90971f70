package io.esteira.local;

import io.esteira.local.RunRecord.AttemptRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Live events of a local run, called from the runner's threads (implementations must be
 * thread-safe). Every method has an empty default, so a listener takes only what it shows.
 */
public interface RunListener {

  /** A listener that ignores everything. */
  RunListener NONE = new RunListener() {};

  /** The run starts; {@code record} lists every step, with skipped and reused ones marked. */
  default void runStarted(RunRecord record, Path runDirectory) {}

  /** An attempt of a step starts; its output goes to {@code logFile}. */
  default void attemptStarted(String stepId, int attempt, Path logFile) {}

  /** An attempt ends, successfully or not. */
  default void attemptFinished(String stepId, AttemptRecord attempt) {}

  /** A failed step will be tried again after {@code delay} (the ASL retrier's delay). */
  default void retryScheduled(String stepId, int nextAttempt, Duration delay) {}

  /**
   * {@code --resume} found nothing to run: every step of run {@code resumed} succeeded. No run is
   * made; {@link LocalRunner#run} returns {@code resumed} and no other method is called.
   */
  default void nothingToResume(RunRecord resumed) {}

  /** A step will not run in this run; {@code reason} says why. */
  default void stepSkipped(String stepId, String reason) {}

  /**
   * The run ended the way the deployed state machine notifies: {@code recipients} ({@code
   * notifications.on_success} for a successful run, {@code on_failure} for a failed one) would get
   * a message. Nothing is sent locally. Called before {@link #runFinished}; not called for a run
   * that timed out or was cancelled (the state machine cannot catch its own time-out either).
   */
  default void wouldNotify(RunRecord.RunStatus status, List<String> recipients) {}

  /** The run ends; {@code record} is what {@code run.json} holds. */
  default void runFinished(RunRecord record, Path runDirectory) {}

  /**
   * Something went wrong that does not stop the run, such as {@code run.json} that could not be
   * written (it is written again on the next change). The runner prints nothing itself.
   */
  default void warning(String message) {}
}
