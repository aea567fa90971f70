package io.esteira.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.operate.ExecutionRun.Attempt;
import io.esteira.operate.ExecutionRun.Outcome;
import io.esteira.operate.ExecutionRun.StepRun;
import io.esteira.operate.ExecutionRun.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Reads an execution's history ({@code GetExecutionHistory}, every page, oldest first) into an
 * {@link ExecutionRun}: how the execution stands and each step's attempts.
 *
 * <p>A step is an {@code ecs:runTask.sync} Task state named by the step id. Each event names the
 * event it follows ({@code previousEventId}), so the events of one state form a chain from its
 * {@code TaskStateEntered}: that is how the events of steps running side by side in a parallel
 * state, which interleave, are told apart. Each {@code TaskScheduled} in a state is one attempt (a
 * retry schedules the task again in the same state), ended by {@code TaskSucceeded}, {@code
 * TaskFailed}, {@code TaskTimedOut}, {@code TaskStartFailed} or {@code TaskSubmitFailed}. {@code
 * TaskSubmitted} carries ECS's {@code RunTask} response, and so the task's ARN while it still runs;
 * the end's output or cause carries the stopped task ({@link TaskDescription}). Task states that
 * call other services (the notifications' {@code sns:publish}) are not steps.
 *
 * <p>An execution redriven ({@code ExecutionRedriven}) runs again: its status is that of the last
 * {@code Execution*} event, and a step entered again continues its attempts' numbering.
 */
public final class HistoryReader {

  private HistoryReader() {}

  /**
   * The run the history tells.
   *
   * @param executionArn the execution's ARN
   * @param events the history, every page, in any order (they are sorted by id)
   * @param stepOrder the step ids in the state machine's order ({@link StateMachineSteps}); steps
   *     the history shows that are not in it come after them, in the order first seen
   */
  public static ExecutionRun read(
      String executionArn, List<HistoryEvent> events, List<String> stepOrder) {
    List<HistoryEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(e -> e.id() == null ? 0L : e.id()));
    State state = new State(stepOrder);
    for (HistoryEvent event : sorted) {
      state.accept(event);
    }
    return state.run(executionArn);
  }

  /** The first line of {@code text}, stripped and at most 300 characters. */
  static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }

  /** What the events so far say. */
  private static final class State {
    private final Map<Long, String> stateOf = new HashMap<>();
    private final Map<String, StepBuilder> steps = new LinkedHashMap<>();
    private final Set<String> declared;
    private final Set<String> openTaskStates = new LinkedHashSet<>();
    private String status = "RUNNING";
    private Instant startedAt;
    private Instant endedAt;
    private String error;
    private String cause;
    private int redrives;
    private String lastEntered;
    private String lastEnteredType;
    private String failState;

    State(List<String> stepOrder) {
      declared = new LinkedHashSet<>(stepOrder);
      stepOrder.forEach(id -> steps.put(id, new StepBuilder(id)));
    }

    void accept(HistoryEvent event) {
      long id = event.id() == null ? 0 : event.id();
      long previous = event.previousEventId() == null ? 0 : event.previousEventId();
      Instant at = event.timestamp();
      HistoryEventType type = event.type();
      String owner = stateOf.get(previous);
      if (type == null) {
        return;
      }
      switch (type) {
        case EXECUTION_STARTED -> startedAt = at;
        case EXECUTION_SUCCEEDED -> end("SUCCEEDED", at, null, null);
        case EXECUTION_FAILED ->
            end(
                "FAILED",
                at,
                event.executionFailedEventDetails() == null
                    ? null
                    : event.executionFailedEventDetails().error(),
                event.executionFailedEventDetails() == null
                    ? null
                    : event.executionFailedEventDetails().cause());
        case EXECUTION_TIMED_OUT ->
            end(
                "TIMED_OUT",
                at,
                event.executionTimedOutEventDetails() == null
                    ? "States.Timeout"
                    : event.executionTimedOutEventDetails().error(),
                event.executionTimedOutEventDetails() == null
                    ? null
                    : event.executionTimedOutEventDetails().cause());
        case EXECUTION_ABORTED ->
            end(
                "ABORTED",
                at,
                event.executionAbortedEventDetails() == null
                    ? null
                    : event.executionAbortedEventDetails().error(),
                event.executionAbortedEventDetails() == null
                    ? null
                    : event.executionAbortedEventDetails().cause());
        case EXECUTION_REDRIVEN -> {
          status = "RUNNING";
          endedAt = null;
          error = null;
          cause = null;
          failState = null;
          redrives++;
        }
        default -> {
          String name = enteredName(event);
          if (name != null) {
            stateOf.put(id, name);
            lastEntered = name;
            lastEnteredType = type.toString();
            if (type == HistoryEventType.TASK_STATE_ENTERED) {
              openTaskStates.add(name);
              StepBuilder step = steps.get(name);
              if (step != null) {
                step.entered();
              }
            }
            return;
          }
          if (owner == null && openTaskStates.size() == 1 && isTaskEvent(type)) {
            // An event whose chain is not known (a history cut short): in a sequence, the one
            // Task state open is the only one it can belong to.
            owner = openTaskStates.iterator().next();
          }
          if (owner != null) {
            stateOf.put(id, owner);
          }
          task(type, event, owner, at);
        }
      }
    }

    private static boolean isTaskEvent(HistoryEventType type) {
      return type.toString().startsWith("Task") && !type.toString().startsWith("TaskState");
    }

    private void task(HistoryEventType type, HistoryEvent event, String owner, Instant at) {
      if (owner == null) {
        return;
      }
      switch (type) {
        case TASK_STATE_EXITED -> {
          openTaskStates.remove(owner);
          StepBuilder step = steps.get(owner);
          if (step != null) {
            step.exited();
          }
        }
        case TASK_SCHEDULED -> {
          var details = event.taskScheduledEventDetails();
          boolean ecs =
              details != null
                  && "ecs".equals(details.resourceType())
                  && details.resource() != null
                  && details.resource().startsWith("runTask");
          if (!ecs && !declared.contains(owner)) {
            return;
          }
          steps
              .computeIfAbsent(owner, StepBuilder::new)
              .schedule(at, details == null ? null : details.parameters());
        }
        case TASK_SUBMITTED -> {
          StepBuilder step = steps.get(owner);
          if (step != null && event.taskSubmittedEventDetails() != null) {
            step.submitted(event.taskSubmittedEventDetails().output());
          }
        }
        case TASK_SUCCEEDED -> {
          StepBuilder step = steps.get(owner);
          if (step != null) {
            step.end(
                at,
                Outcome.SUCCEEDED,
                null,
                event.taskSucceededEventDetails() == null
                    ? null
                    : event.taskSucceededEventDetails().output());
          }
        }
        case TASK_FAILED -> {
          var d = event.taskFailedEventDetails();
          endStep(
              owner,
              at,
              Outcome.FAILED,
              d == null ? null : d.error(),
              d == null ? null : d.cause());
        }
        case TASK_START_FAILED -> {
          var d = event.taskStartFailedEventDetails();
          endStep(
              owner,
              at,
              Outcome.FAILED,
              d == null ? null : d.error(),
              d == null ? null : d.cause());
        }
        case TASK_SUBMIT_FAILED -> {
          var d = event.taskSubmitFailedEventDetails();
          endStep(
              owner,
              at,
              Outcome.FAILED,
              d == null ? null : d.error(),
              d == null ? null : d.cause());
        }
        case TASK_TIMED_OUT -> {
          var d = event.taskTimedOutEventDetails();
          endStep(
              owner,
              at,
              Outcome.TIMED_OUT,
              d == null || d.error() == null ? "States.Timeout" : d.error(),
              d == null ? null : d.cause());
        }
        default -> {
          // TaskStarted and the other states' events say nothing a step report needs.
        }
      }
    }

    private void endStep(String owner, Instant at, Outcome outcome, String error, String cause) {
      StepBuilder step = steps.get(owner);
      if (step != null) {
        step.fail(at, outcome, error, cause);
      }
    }

    private void end(String status, Instant at, String error, String cause) {
      if (!"SUCCEEDED".equals(status)) {
        // What still ran stopped with the execution; a redrive starts it again as a new attempt.
        steps.values().forEach(step -> step.cancel(at));
        openTaskStates.clear();
      }
      this.status = status;
      this.endedAt = at;
      this.error = error;
      this.cause = cause;
      this.failState =
          "FAILED".equals(status) && "FailStateEntered".equals(lastEnteredType)
              ? lastEntered
              : null;
    }

    private static String enteredName(HistoryEvent event) {
      String type = event.typeAsString();
      if (type != null
          && type.endsWith("StateEntered")
          && event.stateEnteredEventDetails() != null) {
        return event.stateEnteredEventDetails().name();
      }
      return null;
    }

    ExecutionRun run(String executionArn) {
      Instant start = startedAt;
      if (start == null) {
        start =
            steps.values().stream()
                .flatMap(s -> s.attempts.stream())
                .map(a -> a.scheduledAt)
                .min(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
      }
      List<StepRun> runs = new ArrayList<>();
      for (StepBuilder step : steps.values()) {
        runs.add(step.build(endedAt));
      }
      return new ExecutionRun(
          executionArn,
          status,
          start,
          Optional.ofNullable(endedAt),
          Optional.ofNullable(error),
          Optional.ofNullable(cause),
          redrives,
          Optional.ofNullable(failState),
          runs);
    }
  }

  /** One step's attempts as the events come. */
  private static final class StepBuilder {
    private final String id;
    private final List<AttemptBuilder> attempts = new ArrayList<>();
    private boolean open;
    private Instant cancelledAt;

    StepBuilder(String id) {
      this.id = id;
    }

    void entered() {
      open = true;
    }

    void exited() {
      open = false;
    }

    void schedule(Instant at, String parameters) {
      open = true;
      attempts.add(new AttemptBuilder(attempts.size() + 1, at, stepContainer(parameters)));
    }

    private AttemptBuilder current() {
      return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    }

    void submitted(String output) {
      AttemptBuilder attempt = current();
      if (attempt != null && attempt.outcome == null) {
        attempt.submitted = output;
      }
    }

    void end(Instant at, Outcome outcome, String error, String output) {
      AttemptBuilder attempt = current();
      if (attempt != null && attempt.outcome == null) {
        attempt.endedAt = at;
        attempt.outcome = outcome;
        attempt.error = error;
        attempt.output = output;
      }
    }

    void cancel(Instant at) {
      AttemptBuilder attempt = current();
      if (attempt != null && attempt.outcome == null) {
        attempt.endedAt = at;
        attempt.outcome = Outcome.CANCELLED;
      }
      if (open && attempt == null) {
        cancelledAt = at;
      }
      open = false;
    }

    void fail(Instant at, Outcome outcome, String error, String cause) {
      AttemptBuilder attempt = current();
      if (attempt != null && attempt.outcome == null) {
        attempt.endedAt = at;
        attempt.outcome = outcome;
        attempt.error = error;
        attempt.cause = cause;
      }
    }

    StepRun build(Instant executionEnd) {
      List<Attempt> built = new ArrayList<>();
      for (AttemptBuilder a : attempts) {
        built.add(a.build(executionEnd));
      }
      StepState state;
      if (built.isEmpty()) {
        state =
            open
                ? StepState.RUNNING
                : cancelledAt != null ? StepState.CANCELLED : StepState.PENDING;
      } else {
        Attempt last = built.get(built.size() - 1);
        if (last.outcome().isEmpty()) {
          state = StepState.RUNNING;
        } else {
          state =
              switch (last.outcome().get()) {
                case SUCCEEDED -> StepState.SUCCEEDED;
                case FAILED ->
                    // A failure the retrier will retry leaves the state open while it waits.
                    open && executionEnd == null ? StepState.RUNNING : StepState.FAILED;
                case TIMED_OUT ->
                    open && executionEnd == null ? StepState.RUNNING : StepState.TIMED_OUT;
                case CANCELLED -> StepState.CANCELLED;
              };
        }
      }
      return new StepRun(id, state, built);
    }

    /** The container whose command the step overrides: the step's own. */
    private static String stepContainer(String parameters) {
      if (parameters == null) {
        return null;
      }
      try {
        JsonNode root = Json.mapper().readTree(parameters);
        JsonNode overrides =
            TaskDescription.field(TaskDescription.field(root, "Overrides"), "ContainerOverrides");
        if (overrides.isArray()) {
          for (JsonNode o : overrides) {
            if (!TaskDescription.field(o, "Command").isMissingNode()) {
              JsonNode name = TaskDescription.field(o, "Name");
              return name.isTextual() ? name.textValue() : null;
            }
          }
        }
      } catch (JsonProcessingException e) {
        return null;
      }
      return null;
    }
  }

  /** One attempt as the events come. */
  private static final class AttemptBuilder {
    private final int number;
    private final Instant scheduledAt;
    private final String stepContainer;
    private Instant endedAt;
    private Outcome outcome;
    private String error;
    private String cause;
    private String output;
    private String submitted;

    AttemptBuilder(int number, Instant scheduledAt, String stepContainer) {
      this.number = number;
      this.scheduledAt = scheduledAt;
      this.stepContainer = stepContainer;
    }

    Attempt build(Instant executionEnd) {
      Optional<String> container = Optional.ofNullable(stepContainer);
      TaskDescription task = TaskDescription.parse(output != null ? output : cause, container);
      if (task.taskArn().isEmpty() && submitted != null) {
        TaskDescription started = TaskDescription.parse(submitted, container);
        task =
            new TaskDescription(
                started.taskArn(),
                task.taskDefinitionArn().or(started::taskDefinitionArn),
                task.exitCode(),
                task.container(),
                task.stopReason());
      }
      Instant end = endedAt;
      Outcome how = outcome;
      if (how == null && executionEnd != null) {
        end = executionEnd;
        how = Outcome.CANCELLED;
      }
      return new Attempt(
          number,
          scheduledAt,
          Optional.ofNullable(end),
          Optional.ofNullable(how),
          Optional.ofNullable(error),
          Optional.ofNullable(cause),
          task,
          container);
    }
  }
}
