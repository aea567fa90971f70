package io.esteira.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The subcommands of {@code esteira}, each built only when it is the one invoked.
 *
 * <p>picocli reflects over every option, mixin and converter of a command to build its model, and
 * with all subcommands declared on {@link EsteiraCommand} it did that for all of them on every
 * start, which was most of the time {@code esteira --version} took. Here the invoked subcommand
 * (and, for {@code help NAME}, the one asked about) gets its full model; every other one is a
 * stand-in made from its {@code @Command} name and description alone, which is all the top-level
 * usage and the "did you mean" suggestion read. A stand-in is never executed: its name is not the
 * invoked one.
 */
final class Subcommands {

  private static final String HELP = "help";

  /** In the order the top-level usage lists them. */
  private static final Map<Class<?>, Supplier<Object>> ALL = new LinkedHashMap<>();

  static {
    ALL.put(InitCommand.class, InitCommand::new);
    ALL.put(ValidateCommand.class, ValidateCommand::new);
    ALL.put(GenerateCommand.class, GenerateCommand::new);
    ALL.put(RunCommand.class, RunCommand::new);
    ALL.put(RunsCommand.class, RunsCommand::new);
    ALL.put(ImageCommand.class, ImageCommand::new);
    ALL.put(PlanCommand.class, PlanCommand::new);
    ALL.put(DeployCommand.class, DeployCommand::new);
    ALL.put(StartCommand.class, StartCommand::new);
    ALL.put(StatusCommand.class, StatusCommand::new);
    ALL.put(LogsCommand.class, LogsCommand::new);
    ALL.put(RedriveCommand.class, RedriveCommand::new);
    ALL.put(ReportCommand.class, ReportCommand::new);
    ALL.put(DestroyCommand.class, DestroyCommand::new);
    ALL.put(ModelsCommand.class, ModelsCommand::new);
    ALL.put(IamCommand.class, IamCommand::new);
    ALL.put(HelpCommand.class, HelpCommand::new);
  }

  private Subcommands() {}

  /** Adds every subcommand with its full model: for callers that run several commands. */
  static void addAll(CommandLine top) {
    ALL.forEach((type, create) -> top.addSubcommand(new CommandLine(create.get())));
  }

  /**
   * Adds the subcommand {@code args} invoke with its full model, and stand-ins for the rest. When
   * the subcommand's name may be inside an argument file ({@code @file}, which picocli expands),
   * adds them all.
   */
  static void addFor(CommandLine top, String[] args) {
    String invoked = positional(args, 0);
    if (invoked != null && invoked.startsWith("@")) {
      addAll(top);
      return;
    }
    String asked = HELP.equals(invoked) ? positional(args, 1) : null;
    ALL.forEach(
        (type, create) -> {
          Command command = type.getAnnotation(Command.class);
          if (command.name().equals(invoked) || command.name().equals(asked)) {
            top.addSubcommand(new CommandLine(create.get()));
          } else {
            top.addSubcommand(new CommandLine(standIn(command)));
          }
        });
  }

  /** The {@code index}th argument that is not an option: the top level's options take no value. */
  private static String positional(String[] args, int index) {
    int seen = 0;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        if (seen == index) {
          return arg;
        }
        seen++;
      }
    }
    return null;
  }

  private static CommandSpec standIn(Command command) {
    CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
    spec.usageMessage().header(command.header()).description(command.description());
    return spec;
  }
}
