package io.esteira.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.diagnostics.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * A project's executions in one environment: starting one, listing the recent ones, and reading one
 * back with its history.
 */
public final class Executions {

  /**
   * The most an execution's input may be: 256 KiB as UTF-8 (Step Functions developer guide, "Step
   * Functions service quotas", maximum input or output size for a task, state or execution).
   */
  public static final int MAX_INPUT_BYTES = 262_144;

  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** {@code arn:<partition>:states:<region>:<account>:execution:<state machine>:<name>}. */
  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:[a-z-]+:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:[^:]+");

  /** What Step Functions allows in an execution name (no spaces, brackets, wildcards, ...). */
  private static final Pattern EXECUTION_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,80}");

  private final OperateContext context;

  /** Whether {@code text} is an execution's ARN. */
  public static boolean isExecutionArn(String text) {
    return EXECUTION_ARN.matcher(text).matches();
  }

  public Executions(OperateContext context) {
    this.context = context;
  }

  private SfnClient sfn() {
    return context.aws().sfn();
  }

  /**
   * A started execution.
   *
   * @param executionArn its ARN
   * @param startedAt when Step Functions started it
   * @param consoleLink its page in the AWS console
   */
  public record Started(String executionArn, Instant startedAt, String consoleLink) {}

  /**
   * Starts {@code project}'s state machine now.
   *
   * @param input the execution's input; empty for what the schedule passes, {@code
   *     {"environment":ENV,"project":PROJECT}}
   * @param name the execution's name; empty for {@link #newName}
   */
  public Started start(String project, Optional<String> input, Optional<String> name)
      throws OperateException {
    String text = input.isPresent() ? checkedInput(input.get()) : defaultInput(project);
    String executionName = name.orElseGet(() -> newName(Clock.systemUTC(), new java.util.Random()));
    StartExecutionResponse started;
    try {
      started =
          sfn()
              .startExecution(
                  r ->
                      r.stateMachineArn(context.stateMachineArn(project))
                          .name(executionName)
                          .input(text));
    } catch (StateMachineDoesNotExistException e) {
      throw notDeployed(project);
    }
    return new Started(
        started.executionArn(),
        started.startDate(),
        ConsoleLinks.execution(started.executionArn()));
  }

  /**
   * A new execution name: the UTC time and four random hex digits ({@code 20261126-225957-d6dc}),
   * as a local run's id, so names sort by start and a cloud run reads like a local one. Step
   * Functions keeps a name unique per state machine for 90 days; two starts in one second draw the
   * same name once in 65,536.
   */
  public static String newName(Clock clock, RandomGenerator random) {
    return NAME_TIME.format(clock.instant())
        + "-"
        + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000));
  }

  /** The input a schedule gives, which is also the default of a start. */
  String defaultInput(String project) {
    ObjectNode input = Json.object();
    input.put("environment", context.environment());
    input.put("project", project);
    return Json.writeCompact(input).strip();
  }

  /** {@code input}, checked to be JSON that Step Functions accepts as an execution's input. */
  static String checkedInput(String input) throws OperateException {
    if (input.isBlank()) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_BAD_INPUT, null, "it is empty"));
    }
    try {
      var parser = Json.mapper().createParser(input);
      Json.mapper().readTree(parser);
      if (parser.nextToken() != null) {
        throw new OperateException(
            List.of(
                Diagnostic.error(
                    OperateMessage.OPS_BAD_INPUT,
                    null,
                    "there is more after the first JSON value, at column "
                        + parser.currentLocation().getColumnNr())),
            true);
      }
    } catch (JsonProcessingException e) {
      throw OperateException.usage(
          Diagnostic.error(
              OperateMessage.OPS_BAD_INPUT,
              null,
              e.getOriginalMessage()
                  + " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()));
    } catch (java.io.IOException e) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_BAD_INPUT, null, e.getMessage()));
    }
    int bytes = input.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_INPUT_BYTES) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_INPUT_TOO_LARGE, null, bytes, MAX_INPUT_BYTES));
    }
    return input;
  }

  /** The project's most recent executions, newest first, at most {@code max}. */
  public List<ExecutionListItem> recent(String project, int max) throws OperateException {
    List<ExecutionListItem> found = new ArrayList<>();
    try {
      for (var page :
          sfn()
              .listExecutionsPaginator(
                  r ->
                      r.stateMachineArn(context.stateMachineArn(project))
                          .maxResults(Math.min(max, 1000)))) {
        for (ExecutionListItem item : page.executions()) {
          if (found.size() < max) {
            found.add(item);
          }
        }
        if (found.size() >= max) {
          break;
        }
      }
    } catch (StateMachineDoesNotExistException e) {
      throw notDeployed(project);
    }
    found.sort((a, b) -> b.startDate().compareTo(a.startDate()));
    return found;
  }

  /**
   * The ARN {@code execution} names: an execution ARN as it is, or a name of {@code project}'s
   * state machine. An ARN of another state machine than {@code project}'s is refused.
   */
  public String resolve(Optional<String> project, String execution) throws OperateException {
    if (EXECUTION_ARN.matcher(execution).matches()) {
      if (project.isPresent()) {
        String machine = context.names(project.get()).stateMachine();
        String of = execution.split(":")[6];
        if (!of.equals(machine)) {
          throw OperateException.usage(
              Diagnostic.error(
                  OperateMessage.OPS_OTHER_PROJECT, null, execution, of, machine, project.get()));
        }
      }
      return execution;
    }
    if (project.isPresent() && EXECUTION_NAME.matcher(execution).matches()) {
      return context.executionArn(project.get(), execution);
    }
    throw OperateException.usage(
        Diagnostic.error(OperateMessage.OPS_BAD_EXECUTION, null, execution));
  }

  /** The execution, as DescribeExecution answers. */
  public DescribeExecutionResponse describe(String executionArn, Optional<String> project)
      throws OperateException {
    try {
      return sfn().describeExecution(r -> r.executionArn(executionArn));
    } catch (ExecutionDoesNotExistException e) {
      throw noExecution(executionArn, project);
    }
  }

  /** The execution's whole history, every page, oldest first. */
  public List<HistoryEvent> history(String executionArn, Optional<String> project)
      throws OperateException {
    List<HistoryEvent> events = new ArrayList<>();
    try {
      for (var page :
          sfn()
              .getExecutionHistoryPaginator(
                  r -> r.executionArn(executionArn).maxResults(1000).includeExecutionData(true))) {
        events.addAll(page.events());
      }
    } catch (ExecutionDoesNotExistException e) {
      throw noExecution(executionArn, project);
    }
    return events;
  }

  /** The step ids of the state machine the execution ran, in the pipeline's order. */
  public List<String> steps(String executionArn, Optional<String> project) throws OperateException {
    try {
      return StateMachineSteps.of(
          sfn().describeStateMachineForExecution(r -> r.executionArn(executionArn)).definition());
    } catch (ExecutionDoesNotExistException e) {
      throw noExecution(executionArn, project);
    }
  }

  /**
   * The execution read back: how it stands as DescribeExecution says (the authority on status and
   * times), and its history as a run of steps.
   */
  public ExecutionRun run(String executionArn, Optional<String> project) throws OperateException {
    DescribeExecutionResponse described = describe(executionArn, project);
    List<String> steps = steps(executionArn, project);
    ExecutionRun read = HistoryReader.read(executionArn, history(executionArn, project), steps);
    return new ExecutionRun(
        executionArn,
        described.statusAsString(),
        described.startDate(),
        Optional.ofNullable(described.stopDate()),
        Optional.ofNullable(described.error()).or(read::error),
        Optional.ofNullable(described.cause()).or(read::cause),
        described.redriveCount() == null ? read.redrives() : described.redriveCount(),
        "FAILED".equals(described.statusAsString()) ? read.failState() : Optional.empty(),
        read.steps());
  }

  /**
   * The project and environment an execution belongs to.
   *
   * @param project the {@code project} tag of its state machine, else the state machine's name
   *     without {@code -workflow}
   * @param environment the {@code environment} tag, else the execution input's {@code environment},
   *     else {@code ENV}
   */
  public record Owner(String project, String environment) {}

  /** Who an execution belongs to, from its state machine's tags (what the deployer put there). */
  public Owner owner(String executionArn) {
    String[] parts = executionArn.split(":");
    String machine = parts[6];
    String machineArn =
        String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine", machine);
    java.util.Map<String, String> tags = new java.util.HashMap<>();
    try {
      sfn()
          .listTagsForResource(r -> r.resourceArn(machineArn))
          .tags()
          .forEach(t -> tags.put(t.key(), t.value()));
    } catch (software.amazon.awssdk.services.sfn.model.SfnException e) {
      // Tags are a convenience here: the names below still say enough.
    }
    String project =
        tags.getOrDefault(
            "project",
            machine.endsWith("-workflow")
                ? machine.substring(0, machine.length() - "-workflow".length())
                : machine);
    String environment = tags.get("environment");
    if (environment == null) {
      try {
        environment =
            Json.mapper()
                .readTree(sfn().describeExecution(r -> r.executionArn(executionArn)).input())
                .path("environment")
                .asText(null);
      } catch (JsonProcessingException
          | IllegalArgumentException
          | software.amazon.awssdk.services.sfn.model.SfnException e) {
        environment = null;
      }
    }
    return new Owner(project, environment == null || environment.isBlank() ? "ENV" : environment);
  }

  private OperateException notDeployed(String project) {
    return OperateException.failed(
        Diagnostic.error(
            OperateMessage.OPS_NOT_DEPLOYED,
            null,
            project,
            context.names(project).stateMachine(),
            context.environment(),
            context.region(),
            context.environment()));
  }

  private OperateException noExecution(String executionArn, Optional<String> project) {
    return OperateException.failed(
        Diagnostic.error(
            OperateMessage.OPS_NO_EXECUTION,
            null,
            executionArn,
            project.map(p -> " of project " + p).orElse(""),
            project.map(p -> p + " ").orElse(""),
            context.environment()));
  }
}
