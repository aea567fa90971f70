package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Where a command prints: diagnostics to the error stream, as compilers print them, everything else
 * to standard output. Both come from picocli, so tests capture them.
 */
final class Console {

  private final PrintWriter out;
  private final PrintWriter err;

  Console(CommandLine command) {
    this.out = command.getOut();
    this.err = command.getErr();
  }

  void diagnostics(List<Diagnostic> diagnostics) {
    diagnostics.forEach(d -> err.println(d.render()));
    err.flush();
  }

  void error(String line) {
    err.println(line);
    err.flush();
  }

  void say(String line) {
    out.println(line);
    out.flush();
  }
}
