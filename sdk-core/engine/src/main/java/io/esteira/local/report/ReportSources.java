package io.esteira.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.core.generate.MermaidGenerator;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.model.PipelineModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.ReportInputs.Metric;
import io.esteira.local.report.ReportInputs.MetricSeries;
import io.esteira.local.report.ReportInputs.ReusedStep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Gathers a report's {@link ReportInputs} from a run directory and the run directories beside it.
 *
 * <p><b>Metrics</b> are those {@code MlflowTracking} wrote with no tracking server: JSON lines in
 * {@value #TRACKING_FILE} in the attempt's work directory ({@code work/<step>/<attempt>/}), each
 * {@code {"type":"metric","key":...,"value":...}} line one value. In one shared work directory
 * ({@code --shared-work-dir}) every step writes the same file, so there a line counts for the
 * attempt its {@code run_id} names ({@code local-<run id>-<step>-<attempt>}). Metrics sent to an
 * MLflow server are on that server, not here. Each attempt's values under one name are summed up as
 * they are read ({@link MetricSeries}): a file of millions of lines is never held whole.
 *
 * <p><b>The graph's Mermaid text</b> is made from the {@code pipeline.json} the run directory
 * keeps.
 *
 * <p><b>Reused steps</b> ran in the run this one resumed, or in the run that one resumed, and so
 * on: the chain of {@code resumedFrom} is followed through the runs directory to the run where the
 * step succeeded, whose log and metrics the report then shows. A run that cannot be read ends the
 * search; the report still shows the step as reused, without a link.
 */
public final class ReportSources {

  /** The file {@code MlflowTracking} writes when no tracking server is set. */
  static final String TRACKING_FILE = "mlflow-tracking.jsonl";

  /** More resumed runs than this in one chain are not followed (a loop of hand-edited files). */
  private static final int MAX_HOPS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path runsRoot;
  private final Map<String, Optional<RunRecord>> runs = new HashMap<>();
  private final Map<Path, Map<String, Map<String, MetricSeries>>> shared = new HashMap<>();

  private ReportSources(Path runsRoot) {
    this.runsRoot = runsRoot;
  }

  /**
   * What the report of {@code record}, written into {@code runDirectory}, shows beyond it, with
   * times in this machine's zone. Unreadable files leave their part out; this never fails.
   */
  public static ReportInputs read(Path runDirectory, RunRecord record) {
    Path directory = runDirectory.toAbsolutePath().normalize();
    ReportSources sources = new ReportSources(directory.getParent());
    sources.runs.put(record.runId(), Optional.of(record));
    Map<String, ReusedStep> reused = new LinkedHashMap<>();
    Map<String, List<MetricSeries>> metrics = new LinkedHashMap<>();
    for (StepRecord step : record.steps()) {
      List<MetricSeries> logged = new ArrayList<>();
      if (step.status() == StepStatus.REUSED) {
        sources
            .origin(record, step.id())
            .ifPresent(
                origin -> {
                  reused.put(step.id(), origin.reused());
                  logged.addAll(
                      sources.metrics(
                          origin.directory(), origin.record(), step.id(), origin.last()));
                });
      }
      for (AttemptRecord attempt : step.attempts()) {
        logged.addAll(sources.metrics(directory, record, step.id(), attempt));
      }
      if (!logged.isEmpty()) {
        metrics.put(step.id(), logged);
      }
    }
    return new ReportInputs(ZoneId.systemDefault(), mermaid(directory, record), metrics, reused);
  }

  /**
   * The step graph's Mermaid text, made from the pipeline the run ran ({@value
   * LocalRunner#PIPELINE_JSON} in its directory) as {@code pipeline.mmd} is made from the project;
   * null for a run directory without it (one written before runs kept it, an execution's).
   */
  static String mermaid(Path runDirectory, RunRecord record) {
    Path file = runDirectory.resolve(LocalRunner.PIPELINE_JSON);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      Map<String, PipelineModel> models =
          PipelineJsonReader.read(Files.readString(file), file.toString()).models();
      PipelineModel model =
          models.getOrDefault(
              record.environment(), models.values().stream().findFirst().orElse(null));
      return model == null ? null : MermaidGenerator.generate(model);
    } catch (IOException | RuntimeException e) {
      // A file the report cannot use leaves the text out; the drawing comes from run.json.
      return null;
    }
  }

  /** Where a reused step ran: the run, its directory and the attempt that succeeded. */
  private record Origin(RunRecord record, Path directory, AttemptRecord last) {
    ReusedStep reused() {
      return new ReusedStep(
          record.runId(), "../" + record.runId() + "/" + last.log(), last.number());
    }
  }

  private Optional<Origin> origin(RunRecord record, String stepId) {
    String runId = record.resumedFrom();
    for (int hops = 0; runId != null && hops < MAX_HOPS && runsRoot != null; hops++) {
      Optional<RunRecord> run = run(runId);
      if (run.isEmpty()) {
        return Optional.empty();
      }
      Optional<StepRecord> step =
          run.get().steps().stream().filter(s -> s.id().equals(stepId)).findFirst();
      if (step.isEmpty()) {
        return Optional.empty();
      }
      if (step.get().status() == StepStatus.SUCCEEDED && !step.get().attempts().isEmpty()) {
        List<AttemptRecord> attempts = step.get().attempts();
        return Optional.of(
            new Origin(run.get(), runsRoot.resolve(runId), attempts.get(attempts.size() - 1)));
      }
      if (step.get().status() != StepStatus.REUSED) {
        return Optional.empty();
      }
      runId = run.get().resumedFrom();
    }
    return Optional.empty();
  }

  private Optional<RunRecord> run(String runId) {
    return runs.computeIfAbsent(
        runId,
        id -> {
          try {
            return Optional.of(RunJson.read(runsRoot.resolve(id).resolve(RunJson.FILE)));
          } catch (IOException | RuntimeException e) {
            return Optional.empty();
          }
        });
  }

  /** What one attempt of {@code stepId} in {@code record}'s run logged, a series per name. */
  private List<MetricSeries> metrics(
      Path directory, RunRecord record, String stepId, AttemptRecord attempt) {
    Map<String, MetricSeries> metrics = new LinkedHashMap<>();
    Path own =
        directory
            .resolve("work")
            .resolve(stepId)
            .resolve(Integer.toString(attempt.number()))
            .resolve(TRACKING_FILE);
    // The attempt's own directory holds only its lines, whatever wrote them.
    eachLine(
        own,
        line ->
            metric(line, attempt.number())
                .ifPresent(m -> metrics.merge(m.key(), MetricSeries.of(m), MetricSeries::plus)));
    String trackingRun = "local-" + record.runId() + "-" + stepId + "-" + attempt.number();
    for (Path shared : sharedFiles(directory, record)) {
      sharedSeries(shared)
          .getOrDefault(trackingRun, Map.of())
          .values()
          .forEach(
              series ->
                  metrics.merge(
                      series.key(), series.withAttempt(attempt.number()), MetricSeries::plus));
    }
    return List.copyOf(metrics.values());
  }

  /** The tracking files of a shared work directory the run may have used. */
  private List<Path> sharedFiles(Path directory, RunRecord record) {
    List<Path> shared = new ArrayList<>();
    shared.add(directory.resolve("work").resolve(TRACKING_FILE));
    if (record.resumedFrom() != null && runsRoot != null) {
      // A resumed run with --shared-work-dir works in the first run's work directory.
      Path first =
          RunDirectories.workDirectory(runsRoot, record).resolve(TRACKING_FILE).normalize();
      if (!shared.contains(first)) {
        shared.add(first);
      }
    }
    return shared;
  }

  /**
   * A shared tracking file's metrics by the {@code run_id} each line names, then by name: read once
   * for every attempt that looks in it.
   */
  private Map<String, Map<String, MetricSeries>> sharedSeries(Path file) {
    return shared.computeIfAbsent(
        file.toAbsolutePath().normalize(),
        path -> {
          Map<String, Map<String, MetricSeries>> byRun = new HashMap<>();
          eachLine(
              path,
              line ->
                  metric(line, 0)
                      .ifPresent(
                          m ->
                              byRun
                                  .computeIfAbsent(
                                      line.path("run_id").asText(), id -> new LinkedHashMap<>())
                                  .merge(m.key(), MetricSeries.of(m), MetricSeries::plus)));
          return byRun;
        });
  }

  /**
   * Hands over each JSON line of {@code file}, read as it goes (a step may log a value per batch
   * for hours). Bytes that are not UTF-8 (a line cut by a crash, a step writing Latin-1) read as
   * U+FFFD, so they cost at most their own line, never the file's other metrics; a line that is not
   * JSON is skipped; a file that cannot be read further keeps what was read.
   */
  private static void eachLine(Path file, Consumer<JsonNode> action) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException | RuntimeException e) {
          // Not a JSON line (half written, or not ours): skipped.
          continue;
        }
        action.accept(node);
      }
    } catch (IOException | UncheckedIOException e) {
      // Unreadable from here on: what was read stands.
    }
  }

  /** The metric on {@code line}, if it is one with a number (or NaN, infinity) as its value. */
  private static Optional<Metric> metric(JsonNode line, int attempt) {
    if (line == null || !"metric".equals(line.path("type").asText())) {
      return Optional.empty();
    }
    String key = line.path("key").asText("");
    JsonNode value = line.path("value");
    double number;
    if (value.isNumber()) {
      number = value.asDouble();
    } else if (value.isTextual()) {
      // Jackson writes NaN and infinities as strings.
      try {
        number = Double.parseDouble(value.asText());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    if (key.isEmpty()) {
      return Optional.empty();
    }
    JsonNode step = line.path("step");
    return Optional.of(
        new Metric(attempt, key, number, step.isIntegralNumber() ? step.asLong() : null));
  }
}
