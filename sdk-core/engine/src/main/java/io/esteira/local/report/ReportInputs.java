package io.esteira.local.report;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
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
 * @param metrics by step id, the metrics its attempts logged, one series per attempt and name in
 *     the order each was first logged
 * @param reused by step id of a step reused from an earlier run, the run it ran in and its log
 */
public record ReportInputs(
    ZoneId zone,
    String mermaid,
    Map<String, List<MetricSeries>> metrics,
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
   * What one attempt logged under one name, summed up as the report shows it: how many values, the
   * first, lowest, highest and last. A step may log a value per batch for hours, so a series keeps
   * these and not the values.
   *
   * @param attempt the attempt that logged them
   * @param key the metric's name
   * @param count how many values were logged
   * @param first the first value
   * @param lowest the lowest value (NaN when one was NaN, as {@link Math#min} has it)
   * @param highest the highest value (likewise)
   * @param last the last value
   * @param lastStep the MLflow step the last value was logged at, or null
   */
  public record MetricSeries(
      int attempt,
      String key,
      long count,
      double first,
      double lowest,
      double highest,
      double last,
      Long lastStep) {

    public MetricSeries {
      Objects.requireNonNull(key, "key");
    }

    /** A series of one value. */
    public static MetricSeries of(Metric value) {
      return new MetricSeries(
          value.attempt(),
          value.key(),
          1,
          value.value(),
          value.value(),
          value.value(),
          value.value(),
          value.step());
    }

    /** This series with {@code value} logged after it. */
    public MetricSeries plus(Metric value) {
      return plus(of(value));
    }

    /** This series with {@code later}'s values logged after it. */
    public MetricSeries plus(MetricSeries later) {
      return new MetricSeries(
          attempt,
          key,
          count + later.count,
          first,
          Math.min(lowest, later.lowest),
          Math.max(highest, later.highest),
          later.last,
          later.lastStep);
    }

    /** The same series, counted for {@code number}. */
    MetricSeries withAttempt(int number) {
      return new MetricSeries(number, key, count, first, lowest, highest, last, lastStep);
    }

    /** The values grouped by attempt and name, in the order each name was first logged. */
    public static List<MetricSeries> of(List<Metric> values) {
      Map<String, MetricSeries> series = new LinkedHashMap<>();
      for (Metric value : values) {
        series.merge(value.attempt() + "\u0000" + value.key(), of(value), MetricSeries::plus);
      }
      return List.copyOf(series.values());
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
