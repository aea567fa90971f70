package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The end of {@code esteira run}: a table of the steps (status, attempts, duration, log), a message
 * per failed step naming its cause and log, one closing line, and the exit code.
 *
 * @param record the finished run
 * @param runDirectory its directory, or null if the runner never made one
 * @param cwd the directory paths are shown relative to
 * @param pipelineTimeoutSeconds the pipeline's {@code schedule.timeout_seconds}, for the message of
 *     a run that passed it
 */
record RunSummary(RunRecord record, Path runDirectory, Path cwd, int pipelineTimeoutSeconds) {

  /** The steps as a table with aligned columns. */
  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STEP", "STATUS", "ATTEMPTS", "DURATION", "LOG"});
    for (StepRecord step : record.steps()) {
      rows.add(
          new String[] {
            step.id(),
            step.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            step.attempts().isEmpty() ? "-" : Integer.toString(step.attempts().size()),
            duration(step).map(Durations::format).orElse("-"),
            lastLog(step).orElse(step.note() == null ? "" : step.note())
          });
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString().stripTrailing();
  }

  /** A message per step that failed or timed out, then one for the run's own end. */
  List<Diagnostic> problems() {
    List<Diagnostic> problems = new ArrayList<>();
    for (StepRecord step : record.steps()) {
      if (step.status() != StepStatus.FAILED && step.status() != StepStatus.TIMED_OUT) {
        continue;
      }
      AttemptRecord last =
          step.attempts().isEmpty() ? null : step.attempts().get(step.attempts().size() - 1);
      String how =
          (step.status() == StepStatus.TIMED_OUT ? "timed out" : "failed")
              + (step.attempts().size() > 1 ? " after " + step.attempts().size() + " attempts" : "")
              + (last != null && last.exitCode() != null ? " (exit " + last.exitCode() + ")" : "");
      String cause =
          last == null || last.cause() == null
              ? (step.note() == null ? "no cause was reported" : step.note())
              : last.cause();
      if (last != null && last.setupError()) {
        problems.add(
            Diagnostic.error(
                CliMessage.LOCAL_STEP_SETUP_FAILED,
                null,
                step.id(),
                last.exitCode() == null ? "none" : last.exitCode(),
                cause,
                lastLog(step).orElse("not written"),
                record.runId()));
        continue;
      }
      problems.add(
          Diagnostic.error(
              CliMessage.LOCAL_STEP_FAILED,
              null,
              step.id(),
              how,
              cause,
              lastLog(step).orElse("not written"),
              record.runId()));
    }
    switch (record.status()) {
      case TIMED_OUT ->
          problems.add(
              Diagnostic.error(
                  CliMessage.LOCAL_PIPELINE_TIMED_OUT,
                  null,
                  pipelineTimeoutSeconds,
                  record.runId()));
      case CANCELLED ->
          problems.add(
              Diagnostic.error(CliMessage.LOCAL_CANCELLED, null, record.runId(), record.runId()));
      default -> {}
    }
    return problems;
  }

  /** The last line: how the run ended, how long it took, where the report is. */
  String closing(Optional<Path> report) {
    String took =
        record.endedAt() == null
            ? ""
            : " in " + Durations.format(Duration.between(record.startedAt(), record.endedAt()));
    return "run "
        + record.runId()
        + " "
        + record.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + took
        + report.map(r -> "; report: " + ProjectInputs.display(cwd, r)).orElse("");
  }

  int exitCode() {
    return switch (record.status()) {
      case SUCCEEDED -> ExitCodes.OK;
      case CANCELLED -> ExitCodes.CANCELLED;
      case FAILED, TIMED_OUT -> ExitCodes.ERRORS;
      // The runner returns only finished runs; a record still running is a bug in it.
      case RUNNING, INTERRUPTED -> ExitCodes.INTERNAL;
    };
  }

  /** From the first attempt's start to the last one's end, retry delays included. */
  private static Optional<Duration> duration(StepRecord step) {
    if (step.attempts().isEmpty()) {
      return Optional.empty();
    }
    AttemptRecord last = step.attempts().get(step.attempts().size() - 1);
    if (last.endedAt() == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(step.attempts().get(0).startedAt(), last.endedAt()));
  }

  private Optional<String> lastLog(StepRecord step) {
    if (step.attempts().isEmpty()) {
      return Optional.empty();
    }
    String log = step.attempts().get(step.attempts().size() - 1).log();
    return Optional.of(
        runDirectory == null ? log : ProjectInputs.display(cwd, runDirectory.resolve(log)));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
