package io.esteira.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@code ecs:runTask.sync} step's task says about how it ended, read from the JSON Step
 * Functions records in the execution history: the output of {@code TaskSucceeded}, and the cause of
 * {@code TaskFailed}, are the task as ECS's {@code DescribeTasks} describes it once stopped (Step
 * Functions developer guide, "Run Amazon ECS or Fargate tasks with Step Functions"), with the keys
 * in Pascal case ({@code TaskArn}, {@code Containers[].ExitCode}, {@code StoppedReason}). A failed
 * {@code RunTask} (no capacity, a bad parameter) gives its own response instead, with {@code
 * Failures[].Reason}. Keys are matched without regard to case, so the camel-case form of the ECS
 * API reads the same.
 *
 * @param taskArn the task's ARN, or empty
 * @param taskDefinitionArn the task definition revision it ran, or empty
 * @param exitCode the exit code of the step's container, else of the first container that exited
 *     with another code than 0; empty when no container exited (it never started)
 * @param container the container {@code exitCode} is of, or empty
 * @param stopReason why the task stopped, as ECS says it ({@code StoppedReason}), with the
 *     container's own reason when it has one ({@code CannotPullContainerError: ...}, {@code
 *     OutOfMemoryError: ...}); or why {@code RunTask} failed; or empty
 */
public record TaskDescription(
    Optional<String> taskArn,
    Optional<String> taskDefinitionArn,
    Optional<Integer> exitCode,
    Optional<String> container,
    Optional<String> stopReason) {

  static final TaskDescription NONE =
      new TaskDescription(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * The description in {@code json} (a task, a {@code RunTask} response, or a {@code DescribeTasks}
   * response), or {@link #NONE} when it is not JSON describing a task.
   *
   * @param stepContainer the name of the container that runs the step's command, whose exit code is
   *     the step's; empty when unknown
   */
  public static TaskDescription parse(String json, Optional<String> stepContainer) {
    if (json == null || json.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return NONE;
    }
    if (root == null || !root.isObject()) {
      return NONE;
    }
    JsonNode task = root;
    JsonNode tasks = field(root, "Tasks");
    if (tasks.isArray() && !tasks.isEmpty()) {
      task = tasks.get(0);
    }
    Optional<String> taskArn = text(task, "TaskArn");
    Optional<String> definition = text(task, "TaskDefinitionArn");
    Optional<String> reason = text(task, "StoppedReason");
    Optional<Integer> exitCode = Optional.empty();
    Optional<String> container = Optional.empty();
    Optional<String> containerReason = Optional.empty();
    JsonNode containers = field(task, "Containers");
    if (containers.isArray()) {
      JsonNode chosen = null;
      for (JsonNode c : containers) {
        if (stepContainer.isPresent()
            && stepContainer.get().equals(text(c, "Name").orElse(null))
            && exit(c).isPresent()) {
          chosen = c;
          break;
        }
      }
      if (chosen == null) {
        for (JsonNode c : containers) {
          if (exit(c).filter(code -> code != 0).isPresent()) {
            chosen = c;
            break;
          }
        }
      }
      if (chosen == null) {
        for (JsonNode c : containers) {
          if (stepContainer.isPresent() && stepContainer.get().equals(text(c, "Name").orElse(""))) {
            chosen = c;
          }
        }
      }
      if (chosen != null) {
        exitCode = exit(chosen);
        container = text(chosen, "Name");
        containerReason = text(chosen, "Reason");
      }
      if (containerReason.isEmpty()) {
        for (JsonNode c : containers) {
          Optional<String> own = text(c, "Reason");
          if (own.isPresent()) {
            containerReason = own.map(r -> text(c, "Name").map(n -> n + ": ").orElse("") + r);
            break;
          }
        }
      }
    }
    JsonNode failures = field(root, "Failures");
    if (reason.isEmpty() && failures.isArray() && !failures.isEmpty()) {
      reason =
          text(failures.get(0), "Reason")
              .map(
                  r ->
                      "RunTask failed: "
                          + r
                          + text(failures.get(0), "Detail").map(d -> " (" + d + ")").orElse(""));
    }
    Optional<String> stop = reason;
    if (containerReason.isPresent()) {
      stop = Optional.of(containerReason.get() + reason.map(r -> "; " + r).orElse(""));
    }
    if (taskArn.isEmpty() && definition.isEmpty() && stop.isEmpty() && exitCode.isEmpty()) {
      return NONE;
    }
    return new TaskDescription(taskArn, definition, exitCode, container, stop);
  }

  /** The task's id, the last part of its ARN ({@code .../task/<cluster>/<id>}). */
  public Optional<String> taskId() {
    return taskArn.map(arn -> arn.substring(arn.lastIndexOf('/') + 1));
  }

  private static Optional<Integer> exit(JsonNode container) {
    JsonNode code = field(container, "ExitCode");
    return code.isIntegralNumber() ? Optional.of(code.intValue()) : Optional.empty();
  }

  private static Optional<String> text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    return value.isTextual() && !value.textValue().isBlank()
        ? Optional.of(value.textValue().strip())
        : Optional.empty();
  }

  /** {@code node}'s field {@code name}, in any case; a missing node when there is none. */
  static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
        return entry.getValue();
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
