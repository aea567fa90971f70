package io.esteira.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line as {@code main} does, capturing what it prints. */
final class Cli {

  /** What one run gave. */
  record Run(int exitCode, String out, String err) {}

  private Cli() {}

  static Run run(String... args) {
    return run(EsteiraCommand.commandLine(args), args);
  }

  static Run run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
