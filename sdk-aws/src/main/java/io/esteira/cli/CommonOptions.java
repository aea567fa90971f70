package io.esteira.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every subcommand takes, mixed in under the name {@value #NAME}. */
final class CommonOptions {

  static final String NAME = "common";

  @Option(
      names = {"-v", "--verbose"},
      description = "Print the stack trace of an unexpected failure, not just one line.")
  boolean verbose;

  /** Whether the command that ran was given {@code --verbose}. */
  static boolean verbose(CommandLine command) {
    return command.getMixins().get(NAME) instanceof CommonOptions options && options.verbose;
  }
}
