package io.esteira.operate;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.ReportWriter;
import io.esteira.operate.ExecutionRun.Attempt;
import io.esteira.operate.ExecutionRun.StepRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report of a cloud execution, the same page the local runner writes ({@link ReportWriter}), so
 * a run in AWS and one on a laptop read alike. The execution's history is mapped onto the local
 * run's record ({@link RunRecord}): the execution's name is the run id, each step's attempts are
 * its tasks with their exit codes and causes; each attempt's log is fetched from CloudWatch Logs
 * into {@code logs/<step>.<attempt>.log}, where the report links. The directory then holds what a
 * local run directory holds for the report: {@code run.json}, {@code report.html}, {@code logs/},
 * so {@code scripts/check-report.sh} checks either.
 */
public final class CloudReport {

  private final OperateContext context;

  public CloudReport(OperateContext context) {
    this.context = context;
  }

  /**
   * What was written.
   *
   * @param report the report page
   * @param record the run as the report shows it, also written to {@code run.json}
   * @param logs how many attempt logs were written
   * @param missing how many of them found no log stream (the file then says why)
   */
  public record Written(Path report, RunRecord record, int logs, int missing) {}

  /** Reads the execution, fetches its logs and writes the report into {@code out}. */
  public Written write(String executionArn, Path out) throws OperateException, IOException {
    Executions executions = new Executions(context);
    ExecutionRun run = executions.run(executionArn, Optional.empty());
    Executions.Owner owner = executions.owner(executionArn);
    RunRecord record = record(run, owner.project(), owner.environment());
    Files.createDirectories(out.resolve("logs"));
    StepLogs logs = new StepLogs(context, "/ecs/" + owner.project());
    List<StepLogs.Stream> streams = logs.streams(run, Optional.empty());
    StepLogs.Cursor cursor = new StepLogs.Cursor();
    int written = 0;
    int missing = 0;
    for (StepRun step : run.steps()) {
      for (Attempt attempt : step.attempts()) {
        StringBuilder text = new StringBuilder();
        boolean found = false;
        for (StepLogs.Stream stream : streams) {
          if (!stream.step().equals(step.id()) || stream.attempt() != attempt.number()) {
            continue;
          }
          boolean own = attempt.stepContainer().map(stream.container()::equals).orElse(true);
          Optional<List<StepLogs.Line>> lines = logs.read(stream, cursor);
          if (lines.isEmpty()) {
            continue;
          }
          found = true;
          for (StepLogs.Line line : lines.get()) {
            text.append(own ? "" : "[" + stream.container() + "] ")
                .append(line.message())
                .append('\n');
          }
        }
        if (!found) {
          missing++;
          text.append(noLog(attempt));
        }
        Path file = out.resolve(logPath(step.id(), attempt.number()));
        RunJson.replace(
            file, file.resolveSibling(file.getFileName() + ".partial"), text.toString());
        written++;
      }
    }
    RunJson.writeTo(record, out.resolve(RunJson.FILE));
    Path report = ReportWriter.write(out, record);
    return new Written(report, record, written, missing);
  }

  private static String noLog(Attempt attempt) {
    StringBuilder text = new StringBuilder("esteira: no log of this attempt in CloudWatch Logs");
    if (attempt.task().taskId().isEmpty()) {
      text.append(": it ran no task");
    } else {
      text.append(" for task ")
          .append(attempt.task().taskId().get())
          .append(": its containers never started, or the logs are past the group's retention");
    }
    attempt.error().ifPresent(e -> text.append("\n").append(e));
    attempt.cause().ifPresent(c -> text.append(": ").append(c));
    return text.append('\n').toString();
  }

  /** Where an attempt's log is, relative to the report's directory, as the local runner has it. */
  static String logPath(String step, int attempt) {
    return "logs/" + step + "." + attempt + ".log";
  }

  /** The execution as a local run's record. */
  public static RunRecord record(ExecutionRun run, String project, String environment) {
    List<StepRecord> steps = new ArrayList<>();
    for (StepRun step : run.steps()) {
      List<AttemptRecord> attempts = new ArrayList<>();
      for (Attempt attempt : step.attempts()) {
        attempts.add(
            new AttemptRecord(
                attempt.number(),
                attempt.scheduledAt(),
                attempt.endedAt().orElse(null),
                attempt.outcome().map(CloudReport::outcome).orElse(null),
                attempt.task().exitCode().orElse(null),
                attempt.summary().orElse(null),
                logPath(step.id(), attempt.number())));
      }
      StepStatus status = status(step, run);
      String note =
          status == StepStatus.SKIPPED
              ? "not run: the execution ended before it (" + run.status() + ")"
              : null;
      steps.add(new StepRecord(step.id(), step.id(), List.of(), status, attempts, note));
    }
    return new RunRecord(
        run.name(),
        project,
        environment,
        status(run.status()),
        run.startedAt(),
        run.endedAt().orElse(null),
        null,
        steps,
        null);
  }

  private static RunStatus status(String status) {
    return switch (status) {
      case "SUCCEEDED" -> RunStatus.SUCCEEDED;
      case "FAILED" -> RunStatus.FAILED;
      case "TIMED_OUT" -> RunStatus.TIMED_OUT;
      case "ABORTED" -> RunStatus.CANCELLED;
      default -> RunStatus.RUNNING;
    };
  }

  private static StepStatus status(StepRun step, ExecutionRun run) {
    return switch (step.state()) {
      case PENDING -> run.running() ? StepStatus.PENDING : StepStatus.SKIPPED;
      case RUNNING -> StepStatus.RUNNING;
      case SUCCEEDED -> StepStatus.SUCCEEDED;
      case FAILED -> StepStatus.FAILED;
      case TIMED_OUT -> StepStatus.TIMED_OUT;
      case CANCELLED -> StepStatus.CANCELLED;
    };
  }

  private static AttemptOutcome outcome(ExecutionRun.Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> AttemptOutcome.SUCCEEDED;
      case FAILED -> AttemptOutcome.FAILED;
      case TIMED_OUT -> AttemptOutcome.TIMED_OUT;
      case CANCELLED -> AttemptOutcome.CANCELLED;
    };
  }
}
