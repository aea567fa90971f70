package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.LocalProjectException;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.report.ReportInputs;
import io.esteira.local.report.ReportSources;
import io.esteira.local.report.ReportWriter;
import io.esteira.operate.CloudReport;
import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esteira report}: the HTML timeline of a run, the page the local runner writes. Of a cloud
 * execution (its ARN), from its history; of a local run (its id, or {@code latest}), written again
 * from its {@code run.json}, as for a run whose runner died before it wrote the page.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes the HTML timeline of a run, the same page esteira run writes. Of an execution in"
          + " AWS (its ARN), from the execution's history: report.html, run.json and each"
          + " attempt's log from CloudWatch Logs under --out. Of a local run (its id, or latest"
          + " for the newest, as esteira runs lists them), from its run.json: report.html in the"
          + " run directory, or report.html, run.json and logs/ under --out."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + "; whatever the run's own status",
      "1:the execution is not there, an AWS call failed, or the directory could not be written",
      "2:wrong usage: unknown option, missing argument, no such local run, an ARN without --out",
      ExitCodes.INTERNAL_LINE
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = {
        "An execution's ARN, as esteira start and esteira status print it; or a local run's id,"
            + " or latest for the newest local run."
      })
  String run;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "The directory to write report.html, run.json and logs/ into. Required for an"
              + " execution; for a local run, default: its run directory (report.html only).")
  Path out;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where local run directories are. Default: .esteira/runs in DIR.")
  Path runsDir;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The project of a local run. Default: the current directory.")
  String dir = ".";

  @Mixin AwsOptions aws;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    if (!Executions.isExecutionArn(run)) {
      return local(console);
    }
    if (out == null) {
      console.diagnostics(List.of(Diagnostic.error(CliMessage.LOCAL_REPORT_NEEDS_OUT, null, run)));
      return ExitCodes.USAGE;
    }
    ExecutionOptions target = new ExecutionOptions();
    target.execution = run;
    target.aws = aws;
    return OperateRun.run(console, target::open, context -> report(console, context, target));
  }

  private int report(Console console, OperateContext context, ExecutionOptions target)
      throws OperateException, IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path directory = cwd.resolve(out);
    CloudReport.Written written = new CloudReport(context).write(target.execution, directory);
    long attempts = written.record().steps().stream().mapToLong(s -> s.attempts().size()).sum();
    console.say(
        "wrote "
            + ProjectInputs.display(cwd, written.report())
            + " ("
            + written.record().project()
            + " "
            + written.record().environment()
            + ", "
            + written.record().status()
            + ": "
            + written.record().steps().size()
            + " steps, "
            + attempts
            + " attempts; "
            + (written.logs() - written.missing())
            + " of "
            + written.logs()
            + " attempt logs found in CloudWatch Logs)");
    return ExitCodes.OK;
  }

  /** The report of a local run, written again from its {@code run.json}. */
  private int local(Console console) throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Path root;
    String id;
    try {
      root = LocalRuns.root(cwd, dir, Optional.empty(), runsDir);
      id = LocalRuns.resolve(root, run);
    } catch (LocalProjectException e) {
      console.diagnostics(e.diagnostics());
      return ExitCodes.USAGE;
    } catch (LocalRuns.NoSuchRun e) {
      console.diagnostics(List.of(e.diagnostic));
      return ExitCodes.USAGE;
    }
    Path runDirectory = root.resolve(id);
    RunRecord record;
    try {
      record = RunJson.read(runDirectory.resolve(RunJson.FILE));
    } catch (IllegalArgumentException e) {
      console.diagnostics(
          List.of(
              Diagnostic.error(
                  CliMessage.LOCAL_UNREADABLE_RUN,
                  null,
                  runDirectory.resolve(RunJson.FILE),
                  e.getMessage())));
      return ExitCodes.ERRORS;
    }
    Path directory = runDirectory;
    if (out != null) {
      directory = cwd.resolve(out).normalize();
      Files.createDirectories(directory);
      Files.copy(
          runDirectory.resolve(RunJson.FILE),
          directory.resolve(RunJson.FILE),
          StandardCopyOption.REPLACE_EXISTING);
      copyLogs(runDirectory.resolve("logs"), directory.resolve("logs"));
    }
    // Metrics and reused steps are looked up beside the run, where its work/ and the runs it
    // resumed are; a copy elsewhere has only this run's logs, so no link to the others' goes there.
    ReportInputs inputs = ReportSources.read(runDirectory, record);
    if (out != null) {
      inputs = new ReportInputs(inputs.zone(), inputs.mermaid(), inputs.metrics(), Map.of());
    }
    Path report = ReportWriter.write(directory, record, inputs);
    console.say(
        "wrote "
            + ProjectInputs.display(cwd, report)
            + " (run "
            + record.runId()
            + ", "
            + record.project()
            + " "
            + record.environment()
            + ", "
            + record.status()
            + ")");
    return ExitCodes.OK;
  }

  private static void copyLogs(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> logs = Files.list(from)) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
