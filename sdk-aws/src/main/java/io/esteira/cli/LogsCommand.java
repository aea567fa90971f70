package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.ExecutionRun;
import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import io.esteira.operate.OperateMessage;
import io.esteira.operate.StepLogs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/** {@code esteira logs}: the CloudWatch logs of an execution's steps, each line with its step. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints the CloudWatch logs of an execution's steps (default: the project's newest"
          + " execution), step by step and attempt by attempt, each line prefixed with its step;"
          + " with --follow, keeps printing new lines until the execution ends."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + "; whatever the execution's own status (printed at the end)",
      "1:the project or execution is not there, or an AWS call failed",
      "2:wrong usage: unknown option, missing argument, a step the pipeline does not have",
      ExitCodes.INTERNAL_LINE
    })
final class LogsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin PlatformOptions options;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project (its project_name).")
  String project;

  @Option(
      names = "--execution",
      paramLabel = "ID",
      description = "The execution: its name or ARN; default the project's newest.")
  String execution;

  @Option(names = "--step", paramLabel = "STEP", description = "Only this step's logs.")
  String step;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until the execution ends.")
  boolean follow;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "With --follow, how often to look for new lines (default ${DEFAULT-VALUE}).")
  double interval;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    return OperateRun.run(console, options, context -> logs(console, context));
  }

  private int logs(Console console, OperateContext context)
      throws OperateException, InterruptedException {
    OperateContext.checkProjectName(project);
    Executions executions = new Executions(context);
    String arn;
    if (execution != null) {
      arn = executions.resolve(Optional.of(project), execution);
    } else {
      List<ExecutionListItem> newest = executions.recent(project, 1);
      if (newest.isEmpty()) {
        throw OperateException.failed(
            Diagnostic.error(
                OperateMessage.OPS_NO_EXECUTIONS,
                null,
                project,
                context.environment(),
                project,
                context.environment()));
      }
      arn = newest.get(0).executionArn();
    }
    StepLogs logs = new StepLogs(context, context.names(project).logGroup());
    ExecutionRun run =
        logs.print(
            executions,
            arn,
            Optional.of(project),
            Optional.ofNullable(step),
            follow,
            Duration.ofMillis(Math.max(100, Math.round(interval * 1000))),
            pause -> Thread.sleep(pause.toMillis()),
            new StepLogs.Sink() {
              @Override
              public void line(StepLogs.Line line, int width) {
                console.say(line.render(width));
              }

              @Override
              public void note(String text) {
                console.error("note: " + text);
              }
            });
    console.error(
        "execution "
            + run.name()
            + ": "
            + run.status()
            + (run.running() ? " (still running)" : ""));
    return ExitCodes.OK;
  }
}
