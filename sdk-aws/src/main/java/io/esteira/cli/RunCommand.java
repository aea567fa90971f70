package io.esteira.cli;

import io.esteira.core.EngineMessage;
import io.esteira.core.generate.MermaidGenerator;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.LocalProject;
import io.esteira.local.LocalProjectException;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import io.esteira.local.RunSetupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esteira run}: runs a pipeline on this machine, as its state machine would run it in the
 * cloud, with live progress, a summary table, {@code run.json}, one log per attempt and {@code
 * report.html} in the run directory.
 *
 * <p>Ctrl-C stops every running step ({@link CancelOnInterrupt}) and the run is recorded as
 * cancelled; the process then exits with {@value ExitCodes#CANCELLED}, as shells report a process
 * that SIGINT ended.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs a pipeline locally, with no AWS: steps in dependency order, independent steps at once"
          + " within this machine's capacity, each step's timeout and retries as the state"
          + " machine has them. Writes run.json, a log per attempt and report.html under"
          + " .esteira/runs/<run id>/ of the project."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      ExitCodes.RUN_FAILED_LINE,
      ExitCodes.USAGE_RUN_LINE,
      ExitCodes.INTERNAL_LINE,
      ExitCodes.CANCELLED_LINE
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = {
        "A built Java pipeline project (its target/ holds META-INF/esteira/<project>/"
            + "pipeline.json), a YAML-only project directory (its config.yaml), or a repository"
            + " root with src/projects/<name>/. Default: the current directory."
      })
  String dir = ".";

  @Option(
      names = {"-e", "--env"},
      paramLabel = "ENV",
      description = "Environment to run (the steps' ENV). Default: ${DEFAULT-VALUE}.")
  String environment = "dev";

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "The pipeline to run when DIR holds several.")
  String project;

  @Option(
      names = "--only",
      paramLabel = "STEP",
      description =
          "Run just this step. With --resume, its upstream steps' outputs come from that run.")
  String only;

  @Option(
      names = "--from",
      paramLabel = "STEP",
      description =
          "Run this step and every step after it. With --resume, the other steps' outputs come"
              + " from that run.")
  String from;

  @Option(
      names = "--resume",
      paramLabel = "RUN_ID",
      description =
          "Run again what did not succeed in that run (an id, or latest for the newest run);"
              + " what did is reused, its stored outputs linked into the new run.")
  String resume;

  @Option(
      names = "--shared-work-dir",
      description =
          "Give every step one shared work directory instead of a fresh, empty one per attempt."
              + " Not how the cloud behaves: there each step starts empty and gets only its"
              + " declared inputs, so a step reading what another left passes here and fails in"
              + " AWS.")
  boolean sharedWorkDir;

  @Option(
      names = "--no-retry-delay",
      description =
          "Retry a failed attempt at once instead of after the retrier's delay (its backoff, with"
              + " up to a minute of jitter), for a fast edit-run loop. Not how the cloud behaves;"
              + " run.json notes each step retried this way.")
  boolean noRetryDelay;

  @Option(
      names = "--store",
      paramLabel = "s3://BUCKET",
      description =
          "Keep the run's data only in S3, as in AWS: each step's outputs go to"
              + " s3://BUCKET/<project>/<env>/<run id>/<step>/<name> and its inputs come from"
              + " there (Java steps through esteira-s3 on the project's class path, command"
              + " steps through the AWS CLI on PATH, running the transfer containers' scripts)."
              + " Credentials, region and endpoint come from the usual AWS variables"
              + " (AWS_ENDPOINT_URL for an emulator). Default: the run directory's artifacts/.")
  String store;

  @Option(
      names = "--cpus",
      paramLabel = "N",
      description =
          "vCPUs the steps running at once may declare together. Default: this machine's.")
  Double cpus;

  @Option(
      names = "--memory-gb",
      paramLabel = "N",
      description = "GiB the steps running at once may declare together. Default: this machine's.")
  Double memoryGb;

  @Option(
      names = "--in-process",
      description =
          "Run Java steps in this JVM (for a debugger) instead of a child JVM each; a timed-out"
              + " step is then interrupted, not killed.")
  boolean inProcess;

  @Option(
      names = "--no-step-output",
      description =
          "Do not show what the steps print as they run (each line after its step's id); their"
              + " logs under logs/ hold it either way.")
  boolean noStepOutput;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where run directories are made. Default: .esteira/runs in the project.")
  Path runsDir;

  /** The environment the steps read secrets and MLflow settings from; tests replace it. */
  Map<String, String> hostEnvironment = System.getenv();

  /** Whether the progress display may redraw a status line; tests force plain output. */
  Boolean live;

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    Path cwd = Path.of("").toAbsolutePath();
    LocalProject found;
    try {
      found = LocalProject.open(cwd.resolve(dir).normalize(), Optional.ofNullable(project));
    } catch (LocalProjectException e) {
      console.diagnostics(e.diagnostics());
      return e.pipelineErrors() ? ExitCodes.ERRORS : ExitCodes.USAGE;
    }
    console.diagnostics(found.warnings(environment));
    List<Diagnostic> problems = new ArrayList<>();
    RunOptions.Capacity capacity = capacity(problems);
    PipelineModel model = model(found.pipeline(), problems);
    if (model != null) {
      problems.addAll(CommandCheck.missingPrograms(model, Optional.ofNullable(only), path()));
    }
    if (!problems.isEmpty()) {
      console.diagnostics(problems);
      return ExitCodes.USAGE;
    }
    RunOptions options =
        new RunOptions(
            found.directory(),
            runsDir == null
                ? found.directory().resolve(".esteira").resolve("runs")
                : cwd.resolve(runsDir).normalize(),
            Optional.ofNullable(only),
            Optional.ofNullable(from),
            Optional.ofNullable(resume),
            capacity,
            inProcess ? RunOptions.JavaStepMode.IN_PROCESS : RunOptions.JavaStepMode.CHILD_JVM,
            found.classpath(),
            hostEnvironment,
            sharedWorkDir,
            Optional.ofNullable(store),
            noRetryDelay);
    LocalRunner runner = new LocalRunner(model, options);
    RunProgress progress =
        new RunProgress(
            spec.commandLine().getOut(),
            spec.commandLine().getErr(),
            cwd,
            live != null ? live : RunProgress.isTerminal(),
            !noStepOutput,
            MermaidGenerator.generate(model));
    RunRecord record;
    try (CancelOnInterrupt interrupt = CancelOnInterrupt.install(runner)) {
      try {
        record = runner.run(progress);
      } catch (RunSetupException e) {
        console.diagnostics(e.problems());
        return e.problems().stream().anyMatch(p -> p.message() == EngineMessage.RUN_CANNOT_WRITE)
            ? ExitCodes.ERRORS
            : ExitCodes.USAGE;
      } finally {
        progress.close();
      }
      if (progress.runDirectory() == null && resume != null) {
        // Every step of the resumed run succeeded: RunProgress said so, and no run was made.
        return ExitCodes.OK;
      }
      RunSummary summary =
          new RunSummary(record, progress.runDirectory(), cwd, model.schedule().timeoutSeconds());
      console.say("");
      console.say(summary.table());
      progress.reportProblem().ifPresent(console::say);
      summary.problems().forEach(p -> console.diagnostics(List.of(p)));
      console.say(summary.closing(progress.report()));
      return summary.exitCode();
    }
  }

  /** The model of the environment asked for, or null with a problem added. */
  private PipelineModel model(PipelineDocument document, List<Diagnostic> problems) {
    if (!document.environments().contains(environment)) {
      problems.add(
          Diagnostic.error(
              CliMessage.LOCAL_UNKNOWN_ENVIRONMENT,
              null,
              environment,
              document.project(),
              String.join(", ", document.environments()),
              environment));
      return null;
    }
    return document.model(environment);
  }

  private RunOptions.Capacity capacity(List<Diagnostic> problems) {
    RunOptions.Capacity machine = RunOptions.Capacity.ofThisMachine();
    double cpu = cpus == null ? machine.cpu() : cpus;
    double memory = memoryGb == null ? machine.memoryGb() : memoryGb;
    if (!(cpu > 0) || Double.isInfinite(cpu)) {
      problems.add(Diagnostic.error(CliMessage.LOCAL_BAD_CAPACITY, null, "--cpus", cpus));
    }
    if (!(memory > 0) || Double.isInfinite(memory)) {
      problems.add(Diagnostic.error(CliMessage.LOCAL_BAD_CAPACITY, null, "--memory-gb", memoryGb));
    }
    return problems.isEmpty() ? new RunOptions.Capacity(cpu, memory) : null;
  }

  private String path() {
    String path = hostEnvironment.get("PATH");
    return path == null ? "" : path;
  }
}
