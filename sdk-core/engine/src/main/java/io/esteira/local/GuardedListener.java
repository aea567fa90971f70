package io.esteira.local;

import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A listener that cannot break the run: an exception from the wrapped one (a console that cannot
 * print, say) is told once as a {@link RunListener#warning} of the same listener, if it can still
 * hear it, and otherwise ignored, so the run loop still stops its processes and writes {@code
 * run.json}.
 */
final class GuardedListener implements RunListener {

  private final RunListener listener;
  private boolean reported;

  GuardedListener(RunListener listener) {
    this.listener = listener;
  }

  private void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (!reported) {
        reported = true;
        try {
          listener.warning("a run listener failed, the run goes on: " + e);
        } catch (RuntimeException again) {
          // It cannot tell either; the run still goes on.
        }
      }
    }
  }

  @Override
  public void runStarted(RunRecord record, Path runDirectory) {
    guard(() -> listener.runStarted(record, runDirectory));
  }

  @Override
  public void attemptStarted(String stepId, int attempt, Path logFile) {
    guard(() -> listener.attemptStarted(stepId, attempt, logFile));
  }

  @Override
  public void attemptFinished(String stepId, AttemptRecord attempt) {
    guard(() -> listener.attemptFinished(stepId, attempt));
  }

  @Override
  public void nothingToResume(RunRecord resumed) {
    guard(() -> listener.nothingToResume(resumed));
  }

  @Override
  public void retryScheduled(String stepId, int nextAttempt, Duration delay) {
    guard(() -> listener.retryScheduled(stepId, nextAttempt, delay));
  }

  @Override
  public void stepSkipped(String stepId, String reason) {
    guard(() -> listener.stepSkipped(stepId, reason));
  }

  @Override
  public void wouldNotify(RunStatus status, List<String> recipients) {
    guard(() -> listener.wouldNotify(status, recipients));
  }

  @Override
  public void runFinished(RunRecord record, Path runDirectory) {
    guard(() -> listener.runFinished(record, runDirectory));
  }

  @Override
  public void warning(String message) {
    guard(() -> listener.warning(message));
  }
}
