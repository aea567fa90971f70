package io.esteira.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.LocalProjectException;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code esteira runs}: the project's local runs, newest first, read from their {@code run.json}:
 * id, status, start (in this machine's time zone), duration, environment, and the step that failed.
 * The ids are what {@code --resume} and {@code esteira report} take, as is {@code latest}.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the project's local runs (esteira run), newest first: run id, status, start time,"
          + " duration, environment and the step that failed. The ids (or latest) are what"
          + " esteira run --resume and esteira report take."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE + "; also when there is no run yet",
      "2:wrong usage: unknown option, a bad --limit, no project in DIR",
      ExitCodes.INTERNAL_LINE
    })
final class RunsCommand implements Callable<Integer> {

  /** How many runs are listed unless {@code --limit} says otherwise. */
  static final int DEFAULT_LIMIT = 20;

  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The project, as esteira run takes it. Default: the current directory.")
  String dir = ".";

  @Option(
      names = "--project",
      paramLabel = "NAME",
      description = "The pipeline whose runs to list when DIR holds several.")
  String project;

  @Option(
      names = "--runs-dir",
      paramLabel = "DIR",
      description = "Where the run directories are. Default: .esteira/runs in the project.")
  Path runsDir;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "List at most N runs, 0 for all. Default: ${DEFAULT-VALUE}.")
  int limit = DEFAULT_LIMIT;

  @Option(
      names = {"--format", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description = "text (the default) for people, or json for machines.")
  OutputFormat format;

  /** The time zone start times are shown in; tests fix it. */
  ZoneId zone = ZoneId.systemDefault();

  /**
   * The runs whose {@code run.json} says running but whose runner is gone (killed, or the machine
   * stopped): listed as interrupted, which {@code --resume} will mark them.
   */
  private final Set<String> runnerGone = new HashSet<>();

  @Override
  public Integer call() throws Exception {
    Console console = new Console(spec.commandLine());
    if (limit < 0) {
      console.diagnostics(List.of(Diagnostic.error(CliMessage.LOCAL_BAD_LIMIT, null, limit)));
      return ExitCodes.USAGE;
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path root;
    try {
      root = LocalRuns.root(cwd, dir, Optional.ofNullable(project), runsDir);
    } catch (LocalProjectException e) {
      console.diagnostics(e.diagnostics());
      return ExitCodes.USAGE;
    }
    List<RunRecord> runs = new ArrayList<>();
    for (String id : RunDirectories.runIds(root)) {
      Path file = root.resolve(id).resolve(RunJson.FILE);
      try {
        runs.add(RunJson.read(file));
      } catch (IOException | IllegalArgumentException e) {
        console.diagnostics(
            List.of(
                Diagnostic.warning(CliMessage.LOCAL_UNREADABLE_RUN, null, file, e.getMessage())));
      }
    }
    runnerGone.clear();
    for (RunRecord run : runs) {
      if (RunDirectories.runnerGone(root.resolve(run.runId()), run)) {
        runnerGone.add(run.runId());
      }
    }
    // Newest first: by start, then by id (which begins with the start second).
    runs.sort(
        Comparator.comparing(RunRecord::startedAt).thenComparing(RunRecord::runId).reversed());
    int total = runs.size();
    List<RunRecord> shown = limit == 0 || total <= limit ? runs : runs.subList(0, limit);
    if (format == OutputFormat.JSON) {
      console.say(json(shown, root, total, runnerGone).stripTrailing());
      return ExitCodes.OK;
    }
    if (total == 0) {
      console.say("no runs under " + ProjectInputs.display(cwd, root));
      return ExitCodes.OK;
    }
    console.say(table(shown));
    List<String> gone = shown.stream().map(RunRecord::runId).filter(runnerGone::contains).toList();
    if (!gone.isEmpty()) {
      console.say(
          "interrupted: the runner of "
              + String.join(", ", gone)
              + " stopped before the run ended (killed, or the machine stopped); esteira run"
              + " --resume <run id> marks it and runs what did not succeed");
    }
    if (shown.size() < total) {
      console.say(
          (total - shown.size())
              + " older run"
              + (total - shown.size() == 1 ? "" : "s")
              + " not shown; --limit 0 lists all");
    }
    return ExitCodes.OK;
  }

  /** The runs as a table with aligned columns. */
  String table(List<RunRecord> runs) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"RUN", "STATUS", "STARTED", "DURATION", "ENV", "FAILED STEP"});
    for (RunRecord run : runs) {
      rows.add(
          new String[] {
            run.runId(),
            status(run).name().toLowerCase(Locale.ROOT).replace('_', ' '),
            STARTED.format(run.startedAt().atZone(zone)),
            duration(run).map(Durations::format).orElse("-"),
            run.environment(),
            failedStep(run).map(RunsCommand::describe).orElse("")
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString().stripTrailing();
  }

  /** The run's status, interrupted when its runner is gone though {@code run.json} says running. */
  private RunStatus status(RunRecord run) {
    return runnerGone.contains(run.runId()) ? RunStatus.INTERRUPTED : run.status();
  }

  private static String json(List<RunRecord> runs, Path root, int total, Set<String> runnerGone) {
    ObjectNode document = Json.object();
    document.put("runsDirectory", root.toString());
    document.put("total", total);
    ArrayNode list = document.putArray("runs");
    for (RunRecord run : runs) {
      ObjectNode r = list.addObject();
      r.put("runId", run.runId());
      r.put("project", run.project());
      r.put("environment", run.environment());
      boolean gone = runnerGone.contains(run.runId());
      r.put("status", gone ? RunStatus.INTERRUPTED.name() : run.status().name());
      r.put("runnerGone", gone);
      r.put("startedAt", run.startedAt().toString());
      r.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString());
      Optional<Duration> duration = duration(run);
      if (duration.isPresent()) {
        r.put("durationMillis", duration.get().toMillis());
      } else {
        r.putNull("durationMillis");
      }
      Optional<StepRecord> failed = failedStep(run);
      r.put("failedStep", failed.map(StepRecord::id).orElse(null));
      r.put("setupError", failed.map(RunsCommand::setupError).orElse(false));
      r.put("resumedFrom", run.resumedFrom());
      r.put("codeHash", run.codeHash());
      r.put("configHash", run.configHash());
      r.put("directory", root.resolve(run.runId()).toString());
    }
    return Json.write(document);
  }

  /** From the run's start to its end; empty while it runs (or when its runner died unmarked). */
  private static Optional<Duration> duration(RunRecord run) {
    Instant end = run.endedAt();
    return end == null ? Optional.empty() : Optional.of(Duration.between(run.startedAt(), end));
  }

  /** The first step that failed or timed out, in the pipeline's order. */
  private static Optional<StepRecord> failedStep(RunRecord run) {
    return run.steps().stream()
        .filter(s -> s.status() == StepStatus.FAILED || s.status() == StepStatus.TIMED_OUT)
        .findFirst();
  }

  private static boolean setupError(StepRecord step) {
    return !step.attempts().isEmpty()
        && step.attempts().get(step.attempts().size() - 1).setupError();
  }

  private static String describe(StepRecord step) {
    if (setupError(step)) {
      return step.id() + " (setup error)";
    }
    List<AttemptRecord> attempts = step.attempts();
    return step.status() == StepStatus.TIMED_OUT
        ? step.id() + " (timed out)"
        : attempts.size() > 1 ? step.id() + " (" + attempts.size() + " attempts)" : step.id();
  }
}
