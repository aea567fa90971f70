package io.esteira.cli;

import io.esteira.core.artifacts.ArtifactWriter;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.generate.asl.AslGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code esteira generate}: writes each project's artifacts to {@code <out>/<project>/}, or nothing
 * at all when any project has an error.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Generates the artifacts of pipelines: pipeline.json, pipeline.mmd and, per environment, the"
          + " Step Functions state machine, the ECS task definition and the EventBridge schedule,"
          + " under <out>/<project>/. Writes nothing when any project has an error."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.ERRORS_LINE,
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE
    })
final class GenerateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Mixin ProjectArguments projects;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description = "Directory to write to; each project gets DIR/<project>/.")
  Path out;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "ENV",
      split = ",",
      description = {
        "Environment to generate (dev, prd, or one the config declares); repeat or separate with"
            + " commas. Default: every environment the config declares."
      })
  List<String> environments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    Path cwd = Path.of("").toAbsolutePath();
    ProjectInputs.Found found = projects.find(cwd);
    if (!found.problems().isEmpty()) {
      console.diagnostics(found.problems());
      return ExitCodes.USAGE;
    }
    List<ProjectRun> runs = ProjectRun.runAll(found.configs(), environments);
    runs.forEach(run -> console.diagnostics(run.artifacts().diagnostics()));
    long errors = ProjectRun.errors(runs);
    if (errors > 0) {
      console.say(
          "nothing written: "
              + ProjectRun.count(errors, "error")
              + ", "
              + ProjectRun.count(ProjectRun.warnings(runs), "warning"));
      return ExitCodes.ERRORS;
    }
    for (ProjectRun run : runs) {
      ArtifactWriter.Written written = ArtifactWriter.write(out, run.artifacts());
      written
          .written()
          .forEach(
              file ->
                  console.say(
                      "wrote "
                          + ProjectInputs.display(cwd, file)
                          + sentSize(run.artifacts(), file.getFileName().toString())));
      written.removed().forEach(file -> console.say("removed " + ProjectInputs.display(cwd, file)));
      console.say(
          "generated "
              + ProjectRun.count(written.written().size(), "file")
              + " for "
              + run.title()
              + " in "
              + ProjectInputs.display(cwd, written.directory())
              + (run.warnings() == 0
                  ? ""
                  : " (" + ProjectRun.count(run.warnings(), "warning") + ")"));
    }
    return ExitCodes.OK;
  }

  /**
   * For a state machine, the size Step Functions' limit counts: the compact JSON the deployer sends
   * with its placeholders filled in, about half the pretty-printed file, so the file's own size
   * would overstate how close the pipeline is to the limit.
   */
  static String sentSize(ProjectArtifacts artifacts, String file) {
    Long bytes = artifacts.sentBytes().get(file);
    if (bytes == null || bytes == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        " (sent as about %,d bytes of compact JSON, %.1f%% of Step Functions' %,d-byte limit)",
        bytes,
        100.0 * bytes / AslGenerator.MAX_DEFINITION_BYTES,
        AslGenerator.MAX_DEFINITION_BYTES);
  }
}
