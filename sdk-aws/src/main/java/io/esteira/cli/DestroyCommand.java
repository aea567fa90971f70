package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.Destroyer;
import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import io.esteira.operate.OperateMessage;
import java.io.Console;
import java.time.Clock;
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

/** {@code esteira destroy}: removes what deploy made for one project in one environment. */
@Command(
    name = "destroy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Removes what esteira deploy made for a project in an environment, in the reverse order:"
          + " schedule, state machine, task definitions, capacity provider, auto scaling group,"
          + " launch template, cluster, security group, instance profile, roles, lifecycle rule,"
          + " log group, topics, live image tag. Never the shared ECR repository or artifacts"
          + " bucket, nor anything not tagged managed-by=esteira or tagged for another"
          + " environment. Lists everything first and asks (type the project's name) unless"
          + " --yes."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + " (also when there was nothing to remove)",
      "1:not confirmed, an execution is running, a deploy holds the lock, or an AWS call failed"
          + " (run destroy again to go on)",
      "2:wrong usage: unknown option, missing argument, no terminal to ask and no --yes",
      ExitCodes.INTERNAL_LINE
    })
final class DestroyCommand implements Callable<Integer> {

  /** Asks the person at the terminal; empty when there is none. */
  interface Confirmation {
    Optional<String> ask(String prompt);
  }

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin PlatformOptions options;

  @Parameters(index = "0", paramLabel = "PROJECT", description = "The project (its project_name).")
  String project;

  @Option(
      names = "--yes",
      description = "Do not ask: remove what the list shows (needed without a terminal, as in CI).")
  boolean yes;

  @Option(
      names = "--keep-logs",
      description = "Keep the project's log group, and with it the steps' logs.")
  boolean keepLogs;

  @Option(
      names = "--wait",
      paramLabel = "MINUTES",
      defaultValue = "10",
      description =
          "How long to wait for the cluster and security group while the instances stop (default"
              + " ${DEFAULT-VALUE}).")
  double waitMinutes;

  /** The terminal; tests replace it. */
  Confirmation confirmation = DestroyCommand::terminal;

  private static Optional<String> terminal(String prompt) {
    Console console = System.console();
    if (console == null) {
      return Optional.empty();
    }
    String line = console.readLine("%s", prompt);
    return Optional.of(line == null ? "" : line.strip());
  }

  @Override
  public Integer call() throws Exception {
    io.esteira.cli.Console console = new io.esteira.cli.Console(spec.commandLine());
    return OperateRun.run(console, options, context -> destroy(console, context));
  }

  private int destroy(io.esteira.cli.Console console, OperateContext context)
      throws OperateException, InterruptedException {
    OperateContext.checkProjectName(project);
    Destroyer destroyer = new Destroyer(context, project, keepLogs);
    List<Destroyer.Item> items = destroyer.inventory();
    String where =
        context.environment() + " (account " + context.account() + ", " + context.region() + ")";
    List<Destroyer.Item> doomed =
        items.stream().filter(i -> i.state() == Destroyer.State.REMOVE).toList();
    console.say(project + " in " + where + ":");
    for (Destroyer.Item item : items) {
      switch (item.state()) {
        case REMOVE ->
            console.say(
                "  remove "
                    + item.label()
                    + (item.note().isEmpty() ? "" : " (" + item.note() + ")"));
        case KEEP -> console.say("  keep   " + item.label() + ": " + item.note());
        case ABSENT -> {}
      }
    }
    List<String> absent =
        items.stream()
            .filter(i -> i.state() == Destroyer.State.ABSENT)
            .map(Destroyer.Item::label)
            .toList();
    if (!absent.isEmpty()) {
      console.say("  not there: " + String.join(", ", absent));
    }
    if (doomed.isEmpty()) {
      console.say("nothing to remove");
      return ExitCodes.OK;
    }
    if (!yes) {
      Optional<String> answer =
          confirmation.ask(
              "Remove these "
                  + doomed.size()
                  + " resources of "
                  + project
                  + " in "
                  + context.environment()
                  + "? Type the project name to confirm: ");
      if (answer.isEmpty()) {
        console.diagnostics(
            List.of(
                Diagnostic.error(
                    OperateMessage.OPS_DESTROY_NEEDS_YES, null, project, context.environment())));
        return ExitCodes.USAGE;
      }
      if (!answer.get().equals(project)) {
        console.error(
            "not confirmed ('" + answer.get() + "' is not " + project + "): nothing was removed");
        return ExitCodes.ERRORS;
      }
    }
    destroyer.remove(
        items,
        new Destroyer.Listener() {
          @Override
          public void removed(Destroyer.Item item) {
            console.say("removed " + item.label());
          }

          @Override
          public void waiting(Destroyer.Item item, String why) {
            console.say("waiting for " + item.label() + " (" + why + ")");
          }
        },
        Duration.ofSeconds(Math.max(0, Math.round(waitMinutes * 60))),
        Clock.systemUTC());
    long kept = items.stream().filter(i -> i.state() == Destroyer.State.KEEP).count();
    console.say(
        "destroyed "
            + project
            + " in "
            + context.environment()
            + ": removed "
            + doomed.size()
            + (kept > 0 ? ", kept " + kept + " (listed above)" : "")
            + "; the ECR repository and the artifacts bucket stay");
    return ExitCodes.OK;
  }
}
