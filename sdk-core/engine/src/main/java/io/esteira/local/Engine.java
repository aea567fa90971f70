package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.AttemptLauncher.Attempt;
import io.esteira.local.AttemptLauncher.Ended;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunRecord.StoredOutput;
import io.esteira.local.RunSelection.Choice;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.random.RandomGenerator;

/**
 * The run loop: one thread starts every step whose dependencies are done while the capacity allows,
 * waits for the next attempt to end (or a deadline), and decides what follows, as the state machine
 * does. Attempts run elsewhere (processes, threads) and only post their end here, so every decision
 * and every listener call is made on this one thread.
 *
 * <p>Semantics mirrored from the generated state machine: an attempt that fails or passes the
 * step's {@code timeoutSeconds} is retried after the retrier's delay ({@link RetryDelays}) while
 * retries remain; a step that still fails fails the run, which stops the running steps and starts
 * nothing new (the state machine's catch leads to the failure state, aborting the parallel
 * branches); the pipeline timeout ends the run as {@link RunStatus#TIMED_OUT}, stopping what runs.
 */
final class Engine {

  /** Everything the loop works with. */
  record Setup(
      PipelineModel model,
      Map<String, List<String>> dependencies,
      Map<String, Choice> choices,
      RunOptions.Capacity capacity,
      AttemptLauncher launcher,
      RunClock clock,
      RandomGenerator random,
      RunListener listener,
      String runId,
      Path runDirectory,
      StepData data,
      String resumedFrom,
      Map<String, List<String>> upstream,
      Map<String, List<StoredOutput>> reused,
      Environment environment,
      URI store,
      boolean noRetryDelay,
      Hashes hashes,
      Keep keep) {}

  /** Writes what the run directory keeps of the run's inputs, after the first {@code run.json}. */
  interface Keep {
    void write() throws IOException;
  }

  /**
   * What {@code run.json} records of the code and configuration the run ran with ({@link
   * RunRecord#codeHash}, {@link RunRecord#configHash}, {@link RunRecord#changedSinceResumed}).
   */
  record Hashes(String code, String config, List<String> changedSinceResumed) {
    static final Hashes NONE = new Hashes(null, null, List.of());

    Hashes {
      changedSinceResumed = List.copyOf(changedSinceResumed);
    }
  }

  /** The variables of one attempt. */
  interface Environment {
    Map<String, String> of(StepModel step, int attempt, Path workDir);
  }

  private sealed interface Event {}

  private record AttemptEnd(StepState state, int number, Ended ended) implements Event {}

  private record CancelRequest() implements Event {}

  /** Why the run stops before every step is done. */
  private enum Stop {
    FAILED,
    TIMED_OUT,
    CANCELLED
  }

  /** The note of a step whose failed attempts were retried at once ({@code --no-retry-delay}). */
  static final String NO_RETRY_DELAY_NOTE =
      "retried at once (no retry delay); the cloud waits the retrier's delay";

  /**
   * The note of a Java step whose attempt failed before the step's own code ran: the JVM found no
   * main class, or the step launcher no dispatcher, no such step or no store it can open. Retrying
   * would fail the same way, so it is not retried. (A launch that fails, such as no {@code sh} on
   * PATH, is an ordinary failure that the retrier retries: some pass.)
   */
  static final String SETUP_ERROR_NOTE =
      "setup error, not retried: the step's code could not be started (see the cause), so a"
          + " retry would fail the same way; fix what the cause names (for a class path without the"
          + " project's classes or the SDK, rebuild the project), then run it again with --resume";

  private final Setup setup;
  private final Map<String, StepState> states = new LinkedHashMap<>();
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean cancelRequested;
  private volatile Thread loopThread;
  private Stop stop;
  private String stopNote;
  private Instant startedAt;
  private Instant endedAt;
  private final CapacityGate gate;
  private final RunJson.Writer json = new RunJson.Writer();
  private boolean dirty;

  Engine(Setup setup) {
    this.setup = setup;
    this.gate = new CapacityGate(setup.capacity());
    for (StepModel step : setup.model().steps()) {
      states.put(
          step.id(),
          new StepState(
              step,
              setup.dependencies().getOrDefault(step.id(), step.dependsOn()),
              setup.choices().get(step.id())));
    }
    setup.reused().forEach((id, outputs) -> states.get(id).outputs = outputs);
  }

  /** Runs the loop on the calling thread until the run ends. */
  RunRecord run() {
    loopThread = Thread.currentThread();
    try {
      startedAt = setup.clock().now();
      long pipelineDeadline =
          deadline(setup.clock().nanoTime(), setup.model().schedule().timeoutSeconds());
      RunRecord first = snapshot(RunStatus.RUNNING);
      storeFirst(first);
      try {
        setup.keep().write();
      } catch (IOException e) {
        throw new RunSetupException(
            List.of(
                Diagnostic.error(
                    EngineMessage.RUN_CANNOT_WRITE, null, setup.runDirectory(), e.getMessage())));
      }
      setup.listener().runStarted(first, setup.runDirectory());
      states.values().stream()
          .filter(s -> s.status == StepStatus.SKIPPED || s.status == StepStatus.REUSED)
          .forEach(s -> setup.listener().stepSkipped(s.step.id(), s.note));
      while (true) {
        if (cancelRequested && stop == null) {
          stopAll(Stop.CANCELLED, "the run was cancelled");
        }
        if (stop == null) {
          startReady();
        }
        // Written before the loop waits: a burst of events already queued is written once.
        if (dirty && events.isEmpty()) {
          store(snapshot(RunStatus.RUNNING));
        }
        if (gate.running() == 0 && !anyWaitingRetry()) {
          break;
        }
        long now = setup.clock().nanoTime();
        long next = stop == null ? pipelineDeadline : Long.MAX_VALUE;
        for (StepState s : states.values()) {
          if (s.running != null && s.killedAs == null) {
            next = Math.min(next, s.deadline);
          }
          if (s.waitingRetry) {
            next = Math.min(next, s.retryDue);
          }
        }
        Event event;
        try {
          event = setup.clock().poll(events, next == Long.MAX_VALUE ? Long.MAX_VALUE : next - now);
        } catch (InterruptedException e) {
          // The thread running the loop was interrupted: treat it as a cancel, then finish.
          cancelRequested = true;
          continue;
        }
        if (event instanceof AttemptEnd end) {
          attemptEnded(end);
        } else if (event == null) {
          deadlinesPassed(pipelineDeadline);
        }
      }
      return finish();
    } finally {
      finished.countDown();
    }
  }

  /** Asks the loop to stop every step and end as cancelled; waits until it has, unless on it. */
  void cancel() {
    cancelRequested = true;
    events.offer(new CancelRequest());
    if (Thread.currentThread() != loopThread && loopThread != null) {
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static long deadline(long now, int seconds) {
    return seconds > 0 ? now + Duration.ofSeconds(seconds).toNanos() : Long.MAX_VALUE;
  }

  private boolean anyWaitingRetry() {
    return states.values().stream().anyMatch(s -> s.waitingRetry);
  }

  private boolean dependenciesDone(StepState state) {
    for (String dep : state.dependencies) {
      StepState d = states.get(dep);
      if (d != null
          && d.status != StepStatus.SUCCEEDED
          && d.status != StepStatus.REUSED
          && d.status != StepStatus.SKIPPED) {
        return false;
      }
    }
    return true;
  }

  /** Starts, in declaration order, every ready step the capacity has room for. */
  private void startReady() {
    for (StepState state : states.values()) {
      boolean retryDue =
          state.status == StepStatus.RUNNING && state.running == null && !state.waitingRetry;
      boolean fresh = state.status == StepStatus.PENDING && dependenciesDone(state);
      if (!retryDue && !fresh) {
        continue;
      }
      if (gate.fits(state.step.resources())) {
        startAttempt(state);
      } else if (gate.oversized(state.step.resources())) {
        return; // It runs alone next; starting others now could keep it waiting for ever.
      }
    }
  }

  private void startAttempt(StepState state) {
    int number = state.attempts.size() + 1;
    String id = state.step.id();
    String log = "logs/" + id + "." + number + ".log";
    Path logFile = setup.runDirectory().resolve(log);
    state.status = StepStatus.RUNNING;
    state.killedAs = null;
    state.killNote = null;
    state.attempts.add(new AttemptRecord(number, setup.clock().now(), null, null, null, null, log));
    state.deadline = deadline(setup.clock().nanoTime(), state.step.timeoutSeconds());
    gate.acquire(state.step.resources());
    dirty = true;
    setup.listener().attemptStarted(id, number, logFile);
    try {
      Files.createDirectories(logFile.getParent());
      if (!Files.exists(logFile)) {
        Files.createFile(logFile);
      }
      Path workDir = setup.data().workDirectory(id, number);
      Attempt attempt =
          new Attempt(
              state.step,
              number,
              logFile,
              setup.environment().of(state.step, number, workDir),
              workDir);
      state.running =
          setup
              .launcher()
              .start(attempt, ended -> events.offer(new AttemptEnd(state, number, ended)));
    } catch (IOException | RuntimeException e) {
      state.running = () -> {};
      // The launch itself failed: no sh or java on PATH, a work directory that cannot be made, a
      // fork refused for want of processes (EAGAIN). Some of these pass, so the attempt fails as
      // any other and the step's retrier decides; the class path is not at fault, so it is no
      // setup error.
      String cause = launchCause(e);
      appendQuietly(logFile, cause);
      events.offer(new AttemptEnd(state, number, new Ended(false, null, cause)));
    }
  }

  /** What failed to start and why, on one line: {@code could not start the step: ...}. */
  static String launchCause(Exception e) {
    String why = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    return "could not start the step: " + why;
  }

  /** Puts the cause of a failed launch into the attempt's log, which is otherwise empty. */
  private static void appendQuietly(Path logFile, String line) {
    try {
      Files.writeString(
          logFile,
          line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // The cause is in run.json all the same.
    }
  }

  private void attemptEnded(AttemptEnd end) {
    StepState state = end.state();
    if (cancelRequested && stop == null) {
      stopAll(Stop.CANCELLED, "the run was cancelled");
    }
    state.running = null;
    gate.release(state.step.resources());
    dirty = true;
    AttemptOutcome outcome =
        state.killedAs != null
            ? state.killedAs
            : end.ended().succeeded() ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED;
    String cause =
        state.killedAs == AttemptOutcome.TIMED_OUT
            ? "timed out after " + state.step.timeoutSeconds() + " s (timeout_seconds)"
            : state.killedAs == AttemptOutcome.CANCELLED ? state.killNote : end.ended().cause();
    int index = state.attempts.size() - 1;
    AttemptRecord started = state.attempts.get(index);
    cause = CauseLine.cap(cause, started.log());
    boolean setupError = outcome == AttemptOutcome.FAILED && end.ended().setupError();
    if (outcome == AttemptOutcome.FAILED && !setupError) {
      cause = withHint(state, cause);
    }
    AttemptRecord done =
        new AttemptRecord(
            started.number(),
            started.startedAt(),
            setup.clock().now(),
            outcome,
            state.killedAs != null ? null : end.ended().exitCode(),
            cause,
            started.log(),
            setupError);
    state.attempts.set(index, done);
    setup.listener().attemptFinished(state.step.id(), done);
    switch (outcome) {
      case SUCCEEDED -> {
        state.status = StepStatus.SUCCEEDED;
        state.outputs = end.ended().outputs();
      }
      case CANCELLED -> {
        state.status = StepStatus.CANCELLED;
        state.note = state.killNote;
      }
      case FAILED, TIMED_OUT -> {
        if (setupError) {
          // Not the step's failure: retrying the same launch on the same class path cannot help.
          state.note = SETUP_ERROR_NOTE;
        }
        if (stop == null
            && !setupError
            && RetryDelays.mayRetry(state.step.retry(), done.number())) {
          Duration delay =
              setup.noRetryDelay()
                  ? Duration.ZERO
                  : RetryDelays.delay(state.step.retry(), done.number(), setup.random());
          if (setup.noRetryDelay()) {
            // Said in run.json too: a run that passed on quick retries may not in the cloud.
            state.note = NO_RETRY_DELAY_NOTE;
          }
          state.waitingRetry = true;
          state.retryDue = setup.clock().nanoTime() + delay.toNanos();
          setup.listener().retryScheduled(state.step.id(), done.number() + 1, delay);
        } else {
          state.status =
              outcome == AttemptOutcome.FAILED ? StepStatus.FAILED : StepStatus.TIMED_OUT;
          if (stop == null) {
            stopAll(Stop.FAILED, "step " + state.step.id() + " failed");
          }
        }
      }
    }
  }

  /**
   * The cause of a failed attempt, followed by the hint about files upstream steps left in their
   * work directories without declaring them, when the attempt started in an empty one.
   */
  private String withHint(StepState failed, String cause) {
    if (!setup.data().isolated()) {
      return cause;
    }
    Map<StepModel, UndeclaredFiles.Upstreamed> upstream = new LinkedHashMap<>();
    for (String id : setup.upstream().getOrDefault(failed.step.id(), List.of())) {
      StepState up = states.get(id);
      if (up == null || up.status != StepStatus.SUCCEEDED || up.attempts.isEmpty()) {
        continue;
      }
      int last = up.attempts.get(up.attempts.size() - 1).number();
      Set<String> stored = new HashSet<>();
      up.outputs.forEach(o -> stored.add(o.name()));
      upstream.put(
          up.step, new UndeclaredFiles.Upstreamed(setup.data().attemptDirectory(id, last), stored));
    }
    if (upstream.isEmpty()) {
      return cause;
    }
    return UndeclaredFiles.hint(failed.step, upstream, cause)
        .map(hint -> cause == null || cause.isBlank() ? hint : cause + "; " + hint)
        .orElse(cause);
  }

  private void deadlinesPassed(long pipelineDeadline) {
    long now = setup.clock().nanoTime();
    if (stop == null && now >= pipelineDeadline) {
      stopAll(
          Stop.TIMED_OUT,
          "the pipeline timeout ("
              + setup.model().schedule().timeoutSeconds()
              + " s, schedule.timeout_seconds) ran out");
      return;
    }
    for (StepState state : states.values()) {
      if (state.running != null && state.killedAs == null && now >= state.deadline) {
        state.killedAs = AttemptOutcome.TIMED_OUT;
        state.running.kill();
      }
      if (state.waitingRetry && now >= state.retryDue) {
        state.waitingRetry = false; // startReady starts its next attempt when there is room.
        dirty = true;
      }
    }
  }

  /**
   * Stops the run: kills running attempts, cancels waiting retries, starts nothing more. {@code
   * why} is said once: "stopped: why" for what was stopped, "not run: why" for what never started.
   */
  private void stopAll(Stop reason, String why) {
    stop = reason;
    stopNote = why;
    String note = reason == Stop.FAILED ? "stopped: " + why : why;
    dirty = true;
    for (StepState state : states.values()) {
      if (state.running != null && state.killedAs == null) {
        state.killedAs = AttemptOutcome.CANCELLED;
        state.killNote = note;
        state.running.kill();
      } else if (state.waitingRetry) {
        state.waitingRetry = false;
        state.status = StepStatus.CANCELLED;
        state.note = note;
      }
    }
  }

  private RunRecord finish() {
    for (StepState state : states.values()) {
      if (state.status == StepStatus.PENDING
          || (state.status == StepStatus.RUNNING && state.running == null)) {
        state.status = state.attempts.isEmpty() ? StepStatus.SKIPPED : StepStatus.CANCELLED;
        state.note = "not run: " + (stopNote == null ? "the run ended" : stopNote);
        setup.listener().stepSkipped(state.step.id(), state.note);
      }
    }
    RunStatus status =
        stop == null
            ? RunStatus.SUCCEEDED
            : switch (stop) {
              case FAILED -> RunStatus.FAILED;
              case TIMED_OUT -> RunStatus.TIMED_OUT;
              case CANCELLED -> RunStatus.CANCELLED;
            };
    endedAt = setup.clock().now();
    RunRecord record = snapshot(status);
    store(record);
    List<String> recipients =
        status == RunStatus.SUCCEEDED
            ? setup.model().notifications().onSuccess()
            : status == RunStatus.FAILED ? setup.model().notifications().onFailure() : List.of();
    if (!recipients.isEmpty()) {
      setup.listener().wouldNotify(status, recipients);
    }
    setup.listener().runFinished(record, setup.runDirectory());
    return record;
  }

  private RunRecord snapshot(RunStatus status) {
    List<StepRecord> steps = new ArrayList<>(states.size());
    for (StepState s : states.values()) {
      steps.add(
          new StepRecord(
              s.step.id(),
              s.step.name(),
              s.step.dependsOn(),
              s.status,
              s.attempts,
              s.note,
              s.outputs));
    }
    return new RunRecord(
        setup.runId(),
        setup.model().project(),
        setup.model().environment(),
        status,
        startedAt,
        endedAt,
        setup.resumedFrom(),
        steps,
        setup.store().toString(),
        setup.hashes().code(),
        setup.hashes().config(),
        setup.hashes().changedSinceResumed());
  }

  /**
   * Writes the first record, before any step starts. Unlike later writes, a failure ends the run
   * here: a runs directory that cannot take {@code run.json} (full, or not writable) would
   * otherwise run every step with no record of it.
   *
   * @throws RunSetupException with {@link EngineMessage#RUN_CANNOT_WRITE}
   */
  private void storeFirst(RunRecord record) {
    dirty = false;
    try {
      RunJson.writeTextTo(json.write(record), setup.runDirectory().resolve(RunJson.FILE));
    } catch (IOException e) {
      throw new RunSetupException(
          List.of(
              Diagnostic.error(
                  EngineMessage.RUN_CANNOT_WRITE, null, setup.runDirectory(), e.getMessage())));
    }
  }

  private void store(RunRecord record) {
    dirty = false;
    try {
      RunJson.writeTextTo(json.write(record), setup.runDirectory().resolve(RunJson.FILE));
    } catch (IOException e) {
      // The run goes on; the record is written again on the next change.
      setup.listener().warning("cannot write " + RunJson.FILE + ": " + e.getMessage());
    }
  }
}
