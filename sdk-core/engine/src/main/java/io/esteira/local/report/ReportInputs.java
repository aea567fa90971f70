package io.esteira.local.report;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report shows beyond {@code run.json}: the zone its times read in, the step graph as the
 * artifacts hold it, the metrics the steps logged and where reused steps ran. {@link ReportSources}
 * gathers them from the run directory; {@link HtmlReport} stays a pure function of the record and
 * these.
 *
 * @param zone the zone times are shown in (the machine's, when the report is written)
 * @param mermaid the step graph as {@code pipeline.mmd} holds it, shown as text beside the drawing;
 *     null when not known (a cloud execution's report)
 * @param metrics by step id, the metrics its attempts logged, in the order they were logged
 * @param reused by step id of a step reused from an earlier run, the run it ran in and its log
 */
public record ReportInputs(
    ZoneId zone,
    String mermaid,
    Map<String, List<Metric>> metrics,
    Map<String, ReusedStep> reused) {

  public ReportInputs {
    Objects.requireNonNull(zone, "zone");
    metrics = Map.copyOf(metrics);
    reused = Map.copyOf(reused);
  }

  /** Nothing beyond the record: times in UTC, no graph text, no metrics, no earlier runs. */
  public static ReportInputs none() {
    return new ReportInputs(ZoneOffset.UTC, null, Map.of(), Map.of());
  }

  /** The same inputs with times shown in {@code zone}. */
  public ReportInputs withZone(ZoneId zone) {
    return new ReportInputs(zone, mermaid, metrics, reused);
  }

  /** The same inputs with {@code mermaid} as the graph's text. */
  public ReportInputs withMermaid(String mermaid) {
    return new ReportInputs(zone, mermaid, metrics, reused);
  }

  /**
   * One value a step logged ({@code TrackedRun.logMetric}).
   *
   * @param attempt the attempt that logged it
   * @param key the metric's name
   * @param value its value
   * @param step the MLflow step it was logged at, or null
   */
  public record Metric(int attempt, String key, double value, Long step) {

    public Metric {
      Objects.requireNonNull(key, "key");
    }
  }

  /**
   * Where a reused step ran.
   *
   * @param runId the run it succeeded in
   * @param log its last attempt's log, relative to this run's directory ({@code ../<run
   *     id>/logs/<step>.<attempt>.log}: run directories sit side by side)
   * @param attempt that attempt's number
   */
  public record ReusedStep(String runId, String log, int attempt) {

    public ReusedStep {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(log, "log");
    }
  }
}
