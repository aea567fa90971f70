package io.esteira.operate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a pipeline's state machine as its history tells it: how it stands, and each
 * step's attempts. Built by {@link HistoryReader}; what {@code esteira status}, {@code logs},
 * {@code redrive} and {@code report} read.
 *
 * @param executionArn the execution's ARN
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code
 *     ABORTED}, as Step Functions names it
 * @param startedAt when it started
 * @param endedAt when it ended, or empty while it runs (a redriven execution runs again)
 * @param error the error it failed with, or empty
 * @param cause the cause it failed with, or empty
 * @param redrives how many times it was redriven
 * @param failState the Fail state it ended in, when a {@code FailStateEntered} came right before
 *     its failure: the state machine caught a failure and failed on purpose
 * @param steps every step, in the state machine's order, run or not
 */
public record ExecutionRun(
    String executionArn,
    String status,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<String> error,
    Optional<String> cause,
    int redrives,
    Optional<String> failState,
    List<StepRun> steps) {

  public ExecutionRun {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    steps = List.copyOf(steps);
  }

  /** The execution's name, the last part of its ARN. */
  public String name() {
    return executionArn.substring(executionArn.lastIndexOf(':') + 1);
  }

  /** How long it ran, or has run until {@code now}. */
  public Duration duration(Instant now) {
    return Duration.between(startedAt, endedAt.orElse(now));
  }

  public boolean running() {
    return endedAt.isEmpty();
  }

  /** The step of that id, if the pipeline has it. */
  public Optional<StepRun> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Where a step stands. */
  public enum StepState {
    /** Not entered yet (or never, when the execution ended before it). */
    PENDING,
    RUNNING,
    SUCCEEDED,
    /** Its last attempt failed and no retry is left. */
    FAILED,
    /** Its last attempt ran out of the step's timeout. */
    TIMED_OUT,
    /** The execution ended while it ran: aborted, or out of the pipeline's timeout. */
    CANCELLED
  }

  /** How one attempt ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    /** The execution ended while the attempt ran. */
    CANCELLED
  }

  /**
   * One step of the execution.
   *
   * @param id the step id, which is its Task state's name
   * @param state where it stands
   * @param attempts its attempts, first first; a retry is another {@code TaskScheduled} in the same
   *     state, and a redrive's attempts continue the numbering
   */
  public record StepRun(String id, StepState state, List<Attempt> attempts) {
    public StepRun {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(state, "state");
      attempts = List.copyOf(attempts);
    }

    /** From its first attempt's start to its last one's end (or {@code now} while it runs). */
    public Optional<Duration> duration(Instant now) {
      if (attempts.isEmpty()) {
        return Optional.empty();
      }
      Attempt last = attempts.get(attempts.size() - 1);
      return Optional.of(
          Duration.between(attempts.get(0).scheduledAt(), last.endedAt().orElse(now)));
    }

    /** The last attempt's failure, as one line, when the step did not succeed. */
    public Optional<String> cause() {
      if (attempts.isEmpty() || state == StepState.SUCCEEDED || state == StepState.RUNNING) {
        return Optional.empty();
      }
      return attempts.get(attempts.size() - 1).summary();
    }
  }

  /**
   * One attempt of a step: one {@code TaskScheduled} and what followed it.
   *
   * @param number 1 for the first attempt
   * @param scheduledAt when Step Functions scheduled it (it then asks ECS to run the task, which
   *     may wait for capacity)
   * @param endedAt when it ended, or empty while it runs
   * @param outcome how it ended, or empty while it runs
   * @param error the error name it failed with ({@code States.TaskFailed}, {@code States.Timeout},
   *     {@code ECS.AmazonECSException}, ...), or empty
   * @param cause the cause as Step Functions recorded it (for a failed task, the task as JSON), or
   *     empty
   * @param task what the task's description says: its ARN, exit code, stop reason
   * @param stepContainer the container that runs the step's command, from the scheduled parameters'
   *     container overrides, or empty
   */
  public record Attempt(
      int number,
      Instant scheduledAt,
      Optional<Instant> endedAt,
      Optional<Outcome> outcome,
      Optional<String> error,
      Optional<String> cause,
      TaskDescription task,
      Optional<String> stepContainer) {

    public Attempt {
      Objects.requireNonNull(scheduledAt, "scheduledAt");
      Objects.requireNonNull(task, "task");
    }

    /** How long it ran, or has run until {@code now}. */
    public Duration duration(Instant now) {
      return Duration.between(scheduledAt, endedAt.orElse(now));
    }

    /**
     * Why it did not succeed, as one line: the exit code and the stop reason when the task says
     * them, else the error and the first line of the cause; empty for a success or while it runs.
     */
    public Optional<String> summary() {
      if (outcome.isEmpty() || outcome.get() == Outcome.SUCCEEDED) {
        return Optional.empty();
      }
      StringBuilder text = new StringBuilder();
      if (outcome.get() == Outcome.TIMED_OUT) {
        text.append("timed out");
      } else if (outcome.get() == Outcome.CANCELLED) {
        text.append("stopped when the execution ended");
      }
      if (task.exitCode().isPresent()) {
        append(text, "exit code " + task.exitCode().get());
      }
      if (task.stopReason().isPresent()) {
        append(text, task.stopReason().get());
      }
      if (task.exitCode().isEmpty() && task.stopReason().isEmpty()) {
        error
            .filter(e -> outcome.get() != Outcome.TIMED_OUT || !e.equals("States.Timeout"))
            .ifPresent(e -> append(text, e));
        cause
            .map(HistoryReader::firstLine)
            .filter(c -> !c.isEmpty())
            .ifPresent(c -> append(text, c));
      }
      return text.length() == 0 ? error : Optional.of(text.toString());
    }

    private static void append(StringBuilder text, String part) {
      if (text.length() > 0) {
        text.append(": ");
      }
      text.append(part);
    }
  }
}
