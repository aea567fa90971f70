package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Runs a model on simulated time, recording the listener's events. */
final class RunHarness {

  final FakeClock clock = new FakeClock();
  final FakeLauncher launcher = new FakeLauncher(clock);
  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
  private final Path directory;
  RunOptions.Capacity capacity = new RunOptions.Capacity(64, 256);
  Optional<String> only = Optional.empty();
  Optional<String> from = Optional.empty();
  Optional<String> resume = Optional.empty();
  long seed = 42;
  boolean noRetryDelay;
  LocalRunner runner;

  RunHarness(Path directory) {
    this.directory = directory;
  }

  RunOptions options() {
    return RunOptions.defaults(directory)
        .withRunsRoot(directory.resolve("runs"))
        .withOnly(only)
        .withFrom(from)
        .withResumeRunId(resume)
        .withCapacity(capacity)
        .withHostEnvironment(Map.of())
        .withSharedWorkDir(true)
        .withNoRetryDelay(noRetryDelay);
  }

  RunRecord run(PipelineModel model) {
    runner = new LocalRunner(model, options());
    runner.clock = clock;
    runner.launcher = launcher;
    runner.random = new SplittableRandom(seed);
    return runner.run(listener());
  }

  RunListener listener() {
    return new RunListener() {
      @Override
      public void nothingToResume(RunRecord resumed) {
        events.add("nothing to resume " + resumed.runId());
      }

      @Override
      public void attemptStarted(String stepId, int attempt, Path logFile) {
        events.add("start " + stepId + " " + attempt);
      }

      @Override
      public void attemptFinished(String stepId, AttemptRecord attempt) {
        events.add("end " + stepId + " " + attempt.number() + " " + attempt.outcome());
      }

      @Override
      public void retryScheduled(String stepId, int nextAttempt, Duration delay) {
        events.add("retry " + stepId + " " + nextAttempt);
        delays.add(delay);
      }

      @Override
      public void stepSkipped(String stepId, String reason) {
        events.add("skip " + stepId);
      }

      @Override
      public void wouldNotify(RunStatus status, List<String> recipients) {
        events.add("notify " + status + " " + recipients);
      }
    };
  }
}
