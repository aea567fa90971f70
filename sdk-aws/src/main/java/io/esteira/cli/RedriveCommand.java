package io.esteira.cli;

import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import io.esteira.operate.Redrive;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esteira redrive}: resumes a failed execution from the step that failed. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Resumes an execution that failed, timed out or was aborted from the state that did not"
          + " succeed (Step Functions' RedriveExecution): the steps that succeeded are not run"
          + " again. Refuses an execution whose step failure the state machine caught, since"
          + " Step Functions would redrive only its final Fail state (docs/operate.md)."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:the execution cannot be redriven (or a redrive would run nothing again), or an AWS call"
          + " failed",
      "2:wrong usage: unknown option, missing argument, not an execution ARN",
      ExitCodes.INTERNAL_LINE
    })
final class RedriveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin ExecutionOptions target;

  @Option(
      names = "--force",
      description =
          "Redrive even an execution that ended in its Fail state after a caught step failure.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    return OperateRun.run(console, target::open, context -> redrive(console, context));
  }

  private int redrive(Console console, OperateContext context) throws OperateException {
    Redrive.Redriven done = new Redrive(context).redrive(target.execution, force);
    console.say(
        "redriven "
            + done.executionArn()
            + done.resumesAt().map(step -> " from step " + step).orElse(""));
    console.say("  " + done.consoleLink());
    console.error("note: " + Redrive.VARIABLES_NOTE);
    return ExitCodes.OK;
  }
}
