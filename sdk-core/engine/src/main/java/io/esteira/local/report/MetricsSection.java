package io.esteira.local.report;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.report.ReportInputs.Metric;
import io.esteira.local.report.ReportInputs.ReusedStep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics the steps logged, a table per step: one row per metric and attempt, with the last
 * value logged and, for a metric logged more than once (a loss per epoch), how many values, the
 * first, the lowest and the highest. A reused step's metrics come from the run it ran in, which its
 * heading names.
 */
final class MetricsSection {

  private MetricsSection() {}

  /** The values one attempt logged under one name, in order. */
  private record Series(String key, int attempt, List<Metric> values) {}

  static void render(StringBuilder html, RunRecord record, ReportInputs inputs) {
    html.append("<h2>Metrics</h2>\n");
    boolean any = false;
    for (StepRecord step : record.steps()) {
      List<Metric> metrics = inputs.metrics().getOrDefault(step.id(), List.of());
      if (metrics.isEmpty()) {
        continue;
      }
      any = true;
      html.append("<h3 id=\"")
          .append(Html.attribute(HtmlReport.anchor(step.id()) + "-metrics"))
          .append("\">")
          .append(Html.text(step.name()));
      ReusedStep reused = inputs.reused().get(step.id());
      if (reused != null) {
        html.append(" <span class=\"env\">from run <code>")
            .append(Html.text(reused.runId()))
            .append("</code></span>");
      }
      html.append("</h3>\n<table class=\"metrics\" data-step=\"")
          .append(Html.attribute(step.id()))
          .append("\">\n<thead><tr><th>metric</th><th>value</th><th>attempt</th>")
          .append("<th>values logged</th></tr></thead>\n<tbody>\n");
      for (Series series : series(metrics)) {
        Metric last = series.values().get(series.values().size() - 1);
        html.append("<tr><td>")
            .append(Html.text(series.key()))
            .append("</td><td class=\"value\" title=\"")
            .append(Html.attribute(Double.toString(last.value())))
            .append("\">")
            .append(Html.text(number(last.value())))
            .append("</td><td>")
            .append(series.attempt())
            .append("</td><td>")
            .append(Html.text(history(series.values())))
            .append("</td></tr>\n");
      }
      html.append("</tbody>\n</table>\n");
    }
    if (!any) {
      html.append(
          "<p class=\"meta\">No step logged a metric here. The report shows what"
              + " <code>MlflowTracking</code> writes with no tracking server"
              + " (<code>mlflow-tracking.jsonl</code> in each attempt's work directory);"
              + " metrics sent to an MLflow server are on that server.</p>\n");
    }
  }

  /** The values grouped by attempt and name, in the order each name was first logged. */
  private static List<Series> series(List<Metric> metrics) {
    Map<String, Series> series = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      series
          .computeIfAbsent(
              metric.attempt() + "\u0000" + metric.key(),
              k -> new Series(metric.key(), metric.attempt(), new ArrayList<>()))
          .values()
          .add(metric);
    }
    return List.copyOf(series.values());
  }

  private static String history(List<Metric> values) {
    if (values.size() == 1) {
      Long step = values.get(0).step();
      return step == null ? "1" : "1, at step " + step;
    }
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Metric metric : values) {
      low = Math.min(low, metric.value());
      high = Math.max(high, metric.value());
    }
    return values.size()
        + ": first "
        + number(values.get(0).value())
        + ", lowest "
        + number(low)
        + ", highest "
        + number(high);
  }

  /**
   * A value as people read it: whole numbers whole, others to six significant digits ({@code
   * 0.793412}), very small or large ones in scientific notation; the same text in every locale.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "\u221e" : "-\u221e";
    }
    double magnitude = Math.abs(value);
    if (value == Math.rint(value) && magnitude < 1e15) {
      return Long.toString((long) value);
    }
    if (magnitude >= 1e-4 && magnitude < 1e15) {
      return BigDecimal.valueOf(value)
          .round(new MathContext(6))
          .stripTrailingZeros()
          .toPlainString();
    }
    return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toString();
  }
}
