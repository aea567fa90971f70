package io.esteira.local.report;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.report.ReportInputs.MetricSeries;
import io.esteira.local.report.ReportInputs.ReusedStep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The metrics the steps logged, a table per step: one row per metric and attempt, with the last
 * value logged and, for a metric logged more than once (a loss per epoch), how many values, the
 * first, the lowest and the highest. A reused step's metrics come from the run it ran in, which its
 * heading names.
 */
final class MetricsSection {

  private MetricsSection() {}

  static void render(StringBuilder html, RunRecord record, ReportInputs inputs) {
    html.append("<h2>Metrics</h2>\n");
    boolean any = false;
    for (StepRecord step : record.steps()) {
      List<MetricSeries> metrics = inputs.metrics().getOrDefault(step.id(), List.of());
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
      for (MetricSeries series : metrics) {
        html.append("<tr><td>")
            .append(Html.text(series.key()))
            .append("</td><td class=\"value\" title=\"")
            .append(Html.attribute(Double.toString(series.last())))
            .append("\">")
            .append(Html.text(number(series.last())))
            .append("</td><td>")
            .append(series.attempt())
            .append("</td><td>")
            .append(Html.text(history(series)))
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

  private static String history(MetricSeries series) {
    if (series.count() == 1) {
      Long step = series.lastStep();
      return step == null ? "1" : "1, at step " + step;
    }
    return series.count()
        + ": first "
        + number(series.first())
        + ", lowest "
        + number(series.lowest())
        + ", highest "
        + number(series.highest());
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
