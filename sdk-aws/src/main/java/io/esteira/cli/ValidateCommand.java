package io.esteira.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code esteira validate}: reads, resolves and generates every environment, writes nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Checks pipelines: reads each config.yaml, resolves every environment it declares and runs"
          + " every generator in memory, printing each problem as file:line:column. Writes"
          + " nothing."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.ERRORS_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin ProjectArguments projects;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    ProjectInputs.Found found = projects.find(Path.of("").toAbsolutePath());
    if (!found.problems().isEmpty()) {
      console.diagnostics(found.problems());
      return ExitCodes.USAGE;
    }
    List<ProjectRun> runs = ProjectRun.runAll(found.configs(), List.of());
    for (ProjectRun run : runs) {
      console.diagnostics(run.artifacts().diagnostics());
      console.say(
          run.config()
              // A project that failed before it had a name is known by its file alone.
              + (run.artifacts().project().isEmpty() ? "" : ": " + run.title())
              + (run.errors() == 0 ? ": valid" : ": " + ProjectRun.count(run.errors(), "error"))
              + (run.warnings() == 0 ? "" : ", " + ProjectRun.count(run.warnings(), "warning")));
    }
    long errors = ProjectRun.errors(runs);
    console.say(
        "validated "
            + ProjectRun.count(runs.size(), "project")
            + ": "
            + ProjectRun.count(errors, "error")
            + ", "
            + ProjectRun.count(ProjectRun.warnings(runs), "warning"));
    return errors == 0 ? ExitCodes.OK : ExitCodes.ERRORS;
  }
}
