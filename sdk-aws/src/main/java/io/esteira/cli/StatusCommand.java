package io.esteira.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.local.report.Durations;
import io.esteira.operate.ConsoleLinks;
import io.esteira.operate.DeployedProjects;
import io.esteira.operate.ExecutionRun;
import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * {@code esteira status}: a deployed project's recent executions, or one execution step by step as
 * its history tells it.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists a deployed project's recent executions (every project of the environment when none is"
          + " named), newest first; with --execution, shows that execution step by step: each"
          + " step's state, attempts, duration and failure cause (exit code and stop reason), read"
          + " from the execution's history."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + "; whatever the executions' own status",
      "1:the project or execution is not there, or an AWS call failed",
      "2:wrong usage: unknown option, missing argument, an environment the platform lacks",
      ExitCodes.INTERNAL_LINE
    })
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin PlatformOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PROJECT",
      description = "The project (its project_name); default every project of the environment.")
  String project;

  @Option(
      names = "--execution",
      paramLabel = "ID",
      description = "One execution: its ARN, or its name (with PROJECT).")
  String execution;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many recent executions per project (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description = "text (the default) for people, or json for machines.")
  OutputFormat output;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    return OperateRun.run(console, options, context -> status(console, context));
  }

  private int status(Console console, OperateContext context) throws OperateException {
    Optional<String> named = Optional.ofNullable(project);
    if (named.isPresent()) {
      OperateContext.checkProjectName(named.get());
    }
    Executions executions = new Executions(context);
    Instant now = Clock.systemUTC().instant();
    if (execution != null) {
      String arn = executions.resolve(named, execution);
      ExecutionRun run = executions.run(arn, named);
      console.say(
          output == OutputFormat.JSON
              ? Json.write(ExecutionJson.of(run, now)).stripTrailing()
              : ExecutionText.of(run, context.environment(), now));
      return ExitCodes.OK;
    }
    List<String> projects =
        named.isPresent()
            ? List.of(named.get())
            : new ArrayList<>(DeployedProjects.of(context).keySet());
    ObjectNode json = Json.object();
    json.put("environment", context.environment());
    ArrayNode list = json.putArray("executions");
    StringBuilder text = new StringBuilder();
    if (projects.isEmpty()) {
      text.append("no project is deployed to ")
          .append(context.environment())
          .append(" in ")
          .append(context.region())
          .append(" (no state machine tagged managed-by=esteira, environment=")
          .append(context.environment())
          .append(")");
    }
    for (String name : projects) {
      List<ExecutionListItem> recent = executions.recent(name, Math.max(1, limit));
      for (ExecutionListItem item : recent) {
        ObjectNode one = list.addObject();
        one.put("project", name);
        one.put("name", item.name());
        one.put("executionArn", item.executionArn());
        one.put("status", item.statusAsString());
        one.put("startedAt", item.startDate().toString());
        one.put("endedAt", item.stopDate() == null ? null : item.stopDate().toString());
        one.put("durationMillis", duration(item, now).toMillis());
        if (item.redriveCount() != null && item.redriveCount() > 0) {
          one.put("redrives", item.redriveCount());
        }
      }
      text.append(text.length() == 0 ? "" : "\n").append(listText(name, context, recent, now));
    }
    console.say(output == OutputFormat.JSON ? Json.write(json).stripTrailing() : text.toString());
    return ExitCodes.OK;
  }

  private String listText(
      String name, OperateContext context, List<ExecutionListItem> recent, Instant now) {
    StringBuilder text = new StringBuilder();
    text.append(name)
        .append(" (")
        .append(context.environment())
        .append("), state machine ")
        .append(context.names(name).stateMachine());
    if (recent.isEmpty()) {
      return text.append(": no execution yet; start one with esteira start ")
          .append(name)
          .append(" --env ")
          .append(context.environment())
          .toString();
    }
    text.append(", newest first:\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("EXECUTION", "STATUS", "STARTED", "DURATION"));
    for (ExecutionListItem item : recent) {
      String status = item.statusAsString();
      if (item.redriveCount() != null && item.redriveCount() > 0) {
        status += " (redriven " + item.redriveCount() + "x)";
      }
      rows.add(
          List.of(
              item.name(),
              status,
              item.startDate().toString(),
              Durations.format(duration(item, now)) + (item.stopDate() == null ? " so far" : "")));
    }
    text.append(Table.render(rows, "  "));
    return text.toString().stripTrailing();
  }

  private static Duration duration(ExecutionListItem item, Instant now) {
    return Duration.between(item.startDate(), item.stopDate() == null ? now : item.stopDate());
  }

  /** An execution as people read it. */
  static final class ExecutionText {
    private ExecutionText() {}

    static String of(ExecutionRun run, String environment, Instant now) {
      StringBuilder text = new StringBuilder();
      String machine =
          run.executionArn().split(":").length > 6 ? run.executionArn().split(":")[6] : "";
      text.append("execution ")
          .append(run.name())
          .append(" of ")
          .append(machine)
          .append(" (")
          .append(environment)
          .append("): ")
          .append(run.status())
          .append(run.running() ? " for " : " after ")
          .append(Durations.format(run.duration(now)))
          .append(", started ")
          .append(run.startedAt())
          .append(run.redrives() > 0 ? ", redriven " + run.redrives() + "x" : "")
          .append('\n')
          .append("  ")
          .append(ConsoleLinks.execution(run.executionArn()))
          .append('\n');
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("STEP", "STATE", "ATTEMPTS", "DURATION", "CAUSE"));
      for (ExecutionRun.StepRun step : run.steps()) {
        rows.add(
            List.of(
                step.id(),
                step.state().name(),
                step.attempts().isEmpty() ? "" : String.valueOf(step.attempts().size()),
                step.duration(now).map(Durations::format).orElse(""),
                step.cause().orElse("")));
      }
      text.append(Table.render(rows, "  "));
      for (ExecutionRun.StepRun step : run.steps()) {
        if (step.attempts().size() > 1
            || step.attempts().stream().anyMatch(a -> a.summary().isPresent())) {
          text.append("  attempts of ").append(step.id()).append(":\n");
          for (ExecutionRun.Attempt attempt : step.attempts()) {
            text.append("    ")
                .append(attempt.number())
                .append(": ")
                .append(
                    attempt.outcome().map(o -> o.name()).orElse("RUNNING").toLowerCase(Locale.ROOT))
                .append(" at +")
                .append(Durations.format(Duration.between(run.startedAt(), attempt.scheduledAt())))
                .append(", ")
                .append(Durations.format(attempt.duration(now)))
                .append(attempt.task().taskId().map(id -> ", task " + id).orElse(""))
                .append(attempt.summary().map(s -> ": " + s).orElse(""))
                .append('\n');
          }
        }
      }
      if (run.error().isPresent() || run.cause().isPresent()) {
        text.append("  ")
            .append(run.status().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append(run.failState().map(s -> " in its Fail state '" + s + "'").orElse(""))
            .append(": ")
            .append(run.error().orElse(""))
            .append(run.cause().map(c -> ": " + abbreviate(c)).orElse(""))
            .append('\n');
      }
      return text.toString().stripTrailing();
    }

    /**
     * The cause without the error as JSON that the state machine appends ({@code Step <id> failed:
     * {"Error":...}}): each step's own line above already says it readably.
     */
    private static String abbreviate(String cause) {
      String line = cause.strip().replaceAll("\\s*\\R\\s*", " ");
      int json = line.indexOf(": {");
      if (json > 0) {
        line = line.substring(0, json);
      }
      return line.length() > 240 ? line.substring(0, 237) + "..." : line;
    }
  }

  /** An execution for machines: every attempt, every field, nothing cut. */
  static final class ExecutionJson {
    private ExecutionJson() {}

    static ObjectNode of(ExecutionRun run, Instant now) {
      ObjectNode json = Json.object();
      json.put("executionArn", run.executionArn());
      json.put("name", run.name());
      json.put("status", run.status());
      json.put("startedAt", run.startedAt().toString());
      json.put("endedAt", run.endedAt().map(Instant::toString).orElse(null));
      json.put("durationMillis", run.duration(now).toMillis());
      json.put("error", run.error().orElse(null));
      json.put("cause", run.cause().orElse(null));
      json.put("failState", run.failState().orElse(null));
      json.put("redrives", run.redrives());
      json.put("consoleLink", ConsoleLinks.execution(run.executionArn()));
      ArrayNode steps = json.putArray("steps");
      for (ExecutionRun.StepRun step : run.steps()) {
        ObjectNode s = steps.addObject();
        s.put("id", step.id());
        s.put("state", step.state().name());
        s.put("durationMillis", step.duration(now).map(Duration::toMillis).orElse(null));
        s.put("cause", step.cause().orElse(null));
        ArrayNode attempts = s.putArray("attempts");
        for (ExecutionRun.Attempt attempt : step.attempts()) {
          ObjectNode a = attempts.addObject();
          a.put("number", attempt.number());
          a.put("outcome", attempt.outcome().map(Enum::name).orElse(null));
          a.put("scheduledAt", attempt.scheduledAt().toString());
          a.put("endedAt", attempt.endedAt().map(Instant::toString).orElse(null));
          a.put("durationMillis", attempt.duration(now).toMillis());
          a.put("error", attempt.error().orElse(null));
          a.put("exitCode", attempt.task().exitCode().orElse(null));
          a.put("stopReason", attempt.task().stopReason().orElse(null));
          a.put("taskArn", attempt.task().taskArn().orElse(null));
          a.put("summary", attempt.summary().orElse(null));
        }
      }
      return json;
    }
  }

  /** Columns padded to their widest cell. */
  static final class Table {
    private Table() {}

    static String render(List<List<String>> rows, String indent) {
      int columns = rows.get(0).size();
      int[] widths = new int[columns];
      for (List<String> row : rows) {
        for (int i = 0; i < columns; i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      StringBuilder text = new StringBuilder();
      for (List<String> row : rows) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < columns; i++) {
          line.append(row.get(i));
          if (i < columns - 1) {
            line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
          }
        }
        text.append(line.toString().stripTrailing()).append('\n');
      }
      return text.toString();
    }
  }
}
