package io.esteira.cli;

import io.esteira.operate.Executions;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code esteira start}: starts an execution of a deployed pipeline now. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Starts an execution of a deployed project's state machine now, as its schedule would, and"
          + " prints the execution's ARN and its page in the AWS console."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:the project is not deployed in that environment, or an AWS call failed",
      "2:wrong usage: unknown option, missing argument, an environment the platform lacks, input"
          + " that is not JSON",
      ExitCodes.INTERNAL_LINE
    })
final class StartCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin PlatformOptions options;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project (its project_name).")
  String project;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description =
          "The execution's input, a JSON document; default what the schedule passes,"
              + " {\"environment\":ENV,\"project\":PROJECT}.")
  String input;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "The execution's name (unique per state machine for 90 days); default the UTC time and"
              + " four random hex digits, like a local run's id.")
  String name;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    return OperateRun.run(console, options, this::start);
  }

  private int start(OperateContext context) throws OperateException {
    OperateContext.checkProjectName(project);
    Executions.Started started =
        new Executions(context)
            .start(project, Optional.ofNullable(input), Optional.ofNullable(name));
    console().say("started " + started.executionArn());
    console().say("  " + started.consoleLink());
    console()
        .say(
            "  follow it with: esteira status "
                + project
                + " --platform "
                + options.platform
                + " --env "
                + context.environment()
                + " --execution "
                + started.executionArn().substring(started.executionArn().lastIndexOf(':') + 1));
    return ExitCodes.OK;
  }

  private Console console() {
    return new Console(spec.commandLine());
  }
}
