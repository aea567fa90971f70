package io.esteira.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code esteira} command line. Each subcommand is its own {@code Callable<Integer>} class
 * (listed in {@link Subcommands}); {@link #commandLine(String...)} wires the one invoked with the
 * failure handler, so tests run exactly what {@link #main} runs.
 */
@Command(
    name = "esteira",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Turns a batch ML pipeline and its config.yaml into AWS artifacts: a Step Functions state"
          + " machine, an ECS task definition and an EventBridge schedule; runs them locally."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.ERRORS_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE,
      ExitCodes.MLFLOW_LINE,
      ExitCodes.GATE_REFUSED_LINE,
      ExitCodes.CANCELLED_LINE
    })
public final class EsteiraCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: say how to use it. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /**
   * The command line with every subcommand fully built, for callers that execute more than one
   * command line or reach into a subcommand before executing it.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new EsteiraCommand());
    Subcommands.addAll(commandLine);
    return wired(commandLine);
  }

  /**
   * The command line as {@link #main} runs it for {@code args}: only the subcommand they invoke is
   * built, the others stand in with their name and description.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine commandLine = new CommandLine(new EsteiraCommand());
    Subcommands.addFor(commandLine, args);
    return wired(commandLine);
  }

  private static CommandLine wired(CommandLine commandLine) {
    return commandLine
        .setParameterExceptionHandler(new UsageErrorHandler())
        .setExecutionExceptionHandler(new FailureHandler())
        .setExecutionStrategy(EsteiraCommand::execute);
  }

  /**
   * Runs the invoked command as picocli does, but hands an {@link Error} escaping it ({@code
   * OutOfMemoryError}, {@code StackOverflowError}) to the {@link FailureHandler} as well: picocli
   * passes only exceptions there, and an error would otherwise end the JVM with a raw stack trace
   * and exit code 1, which scripts read as "the pipeline has errors".
   */
  private static int execute(ParseResult parseResult) {
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } catch (Error e) {
      List<CommandLine> invoked = parseResult.asCommandLineList();
      throw new CommandLine.ExecutionException(
          invoked.get(invoked.size() - 1), String.valueOf(e), e);
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }
}
