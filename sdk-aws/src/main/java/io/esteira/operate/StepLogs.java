package io.esteira.operate;

import io.esteira.operate.ExecutionRun.Attempt;
import io.esteira.operate.ExecutionRun.StepRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;

/**
 * The CloudWatch Logs of an execution's steps. Each attempt is one ECS task; each of its containers
 * that logs with the {@code awslogs} driver writes to the stream {@code
 * <awslogs-stream-prefix>/<container>/<task id>} of its {@code awslogs-group} (Amazon ECS developer
 * guide, "Using the awslogs log driver"), which the generated task definition sets to the project's
 * log group and the environment ({@code /ecs/<project>}, {@code <env>}). The task's id comes from
 * the history ({@link TaskDescription}); the group and prefix from the task definition revision the
 * attempt ran, so a renamed group or prefix in a later deploy does not hide older runs' logs.
 *
 * <p>Every line is given with its step ({@code score_model}), the attempt when the step had more
 * than one ({@code score_model#2}), and the container when it is not the step's own ({@code
 * score_model esteira-inputs}): the transfer containers' lines say which input or output they
 * moved.
 */
public final class StepLogs {

  /** What the log group and stream prefix are when the task definition cannot be read. */
  private final String fallbackGroup;

  private final String fallbackPrefix;
  private final OperateContext context;
  private final Map<String, List<ContainerLog>> definitions = new HashMap<>();

  /**
   * @param fallbackGroup the project's log group, used when an attempt's task definition cannot be
   *     described
   */
  public StepLogs(OperateContext context, String fallbackGroup) {
    this.context = context;
    this.fallbackGroup = fallbackGroup;
    this.fallbackPrefix = context.environment();
  }

  /**
   * One log stream of one attempt.
   *
   * @param step the step id
   * @param attempt the attempt's number
   * @param container the container that writes it
   * @param label what every line of it is prefixed with
   * @param group its log group
   * @param name its name
   */
  public record Stream(
      String step, int attempt, String container, String label, String group, String name) {}

  /** A line of a stream. */
  public record Line(Stream stream, long timestamp, String message) {
    /** {@code <label> | <message>}, the label padded to {@code width}. */
    public String render(int width) {
      return String.format("%-" + Math.max(1, width) + "s | %s", stream.label, message);
    }
  }

  /** A container of a task definition and where it logs. */
  record ContainerLog(String container, String group, String prefix) {}

  /**
   * The streams of {@code run}'s attempts that have a task, in the pipeline's order: step by step,
   * attempt by attempt, each task's containers in its definition's order.
   *
   * @param only one step's, or every step's when empty
   */
  public List<Stream> streams(ExecutionRun run, Optional<String> only) {
    List<Stream> streams = new ArrayList<>();
    for (StepRun step : run.steps()) {
      if (only.isPresent() && !only.get().equals(step.id())) {
        continue;
      }
      for (Attempt attempt : step.attempts()) {
        Optional<String> taskId = attempt.task().taskId();
        if (taskId.isEmpty()) {
          continue;
        }
        String stepContainer = attempt.stepContainer().orElse("");
        for (ContainerLog log : containers(attempt)) {
          String label = step.id();
          if (step.attempts().size() > 1) {
            label += "#" + attempt.number();
          }
          if (!log.container().equals(stepContainer) && !stepContainer.isEmpty()) {
            label += " " + log.container();
          }
          streams.add(
              new Stream(
                  step.id(),
                  attempt.number(),
                  log.container(),
                  label,
                  log.group(),
                  log.prefix() + "/" + log.container() + "/" + taskId.get()));
        }
      }
    }
    return streams;
  }

  /** Where each container of the attempt's task definition logs. */
  private List<ContainerLog> containers(Attempt attempt) {
    Optional<String> definition = attempt.task().taskDefinitionArn();
    if (definition.isPresent()) {
      List<ContainerLog> known = definitions.computeIfAbsent(definition.get(), this::describe);
      if (!known.isEmpty()) {
        return known;
      }
    }
    return attempt.stepContainer().isPresent()
        ? List.of(new ContainerLog(attempt.stepContainer().get(), fallbackGroup, fallbackPrefix))
        : List.of();
  }

  private List<ContainerLog> describe(String definitionArn) {
    List<ContainerLog> logs = new ArrayList<>();
    try {
      for (ContainerDefinition container :
          context
              .aws()
              .ecs()
              .describeTaskDefinition(r -> r.taskDefinition(definitionArn))
              .taskDefinition()
              .containerDefinitions()) {
        LogConfiguration log = container.logConfiguration();
        if (log != null
            && "awslogs".equals(log.logDriverAsString())
            && log.options().containsKey("awslogs-group")) {
          logs.add(
              new ContainerLog(
                  container.name(),
                  log.options().get("awslogs-group"),
                  log.options().getOrDefault("awslogs-stream-prefix", fallbackPrefix)));
        }
      }
    } catch (ClientException e) {
      // A revision deleted since: the project's group and the environment's prefix.
      return List.of();
    }
    return logs;
  }

  /** Where reading a stream has got to. */
  public static final class Cursor {
    private final Map<Stream, String> tokens = new LinkedHashMap<>();

    Optional<String> token(Stream stream) {
      return Optional.ofNullable(tokens.get(stream));
    }
  }

  /**
   * The lines of {@code stream} written since {@code cursor} last read it (all of them the first
   * time), every page; empty when the stream is not there (yet: a task that has not started; or any
   * more: logs past their retention).
   */
  public Optional<List<Line>> read(Stream stream, Cursor cursor) {
    CloudWatchLogsClient logs = context.aws().logs();
    List<Line> lines = new ArrayList<>();
    Optional<String> token = cursor.token(stream);
    while (true) {
      GetLogEventsResponse page;
      Optional<String> from = token;
      try {
        page =
            logs.getLogEvents(
                r -> {
                  r.logGroupName(stream.group()).logStreamName(stream.name()).startFromHead(true);
                  from.ifPresent(r::nextToken);
                });
      } catch (ResourceNotFoundException e) {
        return Optional.empty();
      }
      for (OutputLogEvent event : page.events()) {
        lines.add(
            new Line(stream, event.timestamp() == null ? 0 : event.timestamp(), message(event)));
      }
      String next = page.nextForwardToken();
      // The end: the same token again (CloudWatch Logs API reference, GetLogEvents).
      boolean end = next == null || next.equals(token.orElse(null)) || page.events().isEmpty();
      if (next != null) {
        cursor.tokens.put(stream, next);
        token = Optional.of(next);
      }
      if (end) {
        return Optional.of(lines);
      }
    }
  }

  private static String message(OutputLogEvent event) {
    String message = event.message() == null ? "" : event.message();
    return message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
  }

  /** Waits between two looks at a running execution; tests replace it. */
  public interface Pause {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Where the lines go, and the notes about streams that are not there. */
  public interface Sink {
    void line(Line line, int labelWidth);

    void note(String text);
  }

  /**
   * Prints the execution's step logs to {@code sink}: once, or with {@code follow} again every
   * {@code interval} until the execution ends (then once more, so its last lines are not lost).
   * Returns the execution as it stood at the last look.
   *
   * @param only one step's logs, or every step's
   */
  public ExecutionRun print(
      Executions executions,
      String executionArn,
      Optional<String> project,
      Optional<String> only,
      boolean follow,
      Duration interval,
      Pause pause,
      Sink sink)
      throws OperateException, InterruptedException {
    Cursor cursor = new Cursor();
    java.util.Set<Stream> noted = new java.util.HashSet<>();
    boolean checked = false;
    while (true) {
      ExecutionRun run = executions.run(executionArn, project);
      if (!checked && only.isPresent() && run.step(only.get()).isEmpty()) {
        throw OperateException.usage(
            io.esteira.diagnostics.Diagnostic.error(
                OperateMessage.OPS_NO_STEP,
                null,
                only.get(),
                String.join(", ", run.steps().stream().map(StepRun::id).toList())));
      }
      checked = true;
      boolean ended = !run.running();
      List<Stream> streams = streams(run, only);
      int width = streams.stream().mapToInt(st -> st.label().length()).max().orElse(1);
      for (Stream stream : streams) {
        Optional<List<Line>> lines = read(stream, cursor);
        if (lines.isEmpty()) {
          if ((ended || !follow) && noted.add(stream)) {
            sink.note(
                "no log stream "
                    + stream.name()
                    + " in "
                    + stream.group()
                    + " for "
                    + stream.label()
                    + ": the container never started, or its logs are past the group's retention");
          }
          continue;
        }
        lines.get().forEach(line -> sink.line(line, width));
      }
      if (!follow || ended) {
        return run;
      }
      pause.sleep(interval);
    }
  }
}
