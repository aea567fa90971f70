package io.esteira.cli;

import io.esteira.operate.CloudReport;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esteira report}: a cloud execution's HTML timeline, as the local runner writes it. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes the HTML timeline of an execution in AWS, the same page esteira run writes for a"
          + " local run, from the execution's history: report.html, run.json and each attempt's"
          + " log from CloudWatch Logs under logs/."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + "; whatever the execution's own status",
      "1:the execution is not there, an AWS call failed, or the directory could not be written",
      "2:wrong usage: unknown option, missing argument, not an execution ARN",
      ExitCodes.INTERNAL_LINE
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin ExecutionOptions target;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The directory to write report.html, run.json and logs/ into.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    return OperateRun.run(console, target::open, context -> report(console, context));
  }

  private int report(Console console, OperateContext context) throws OperateException, IOException {
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
}
