package io.esteira.local.report;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepRecord;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTML report of a local run: the steps on a timeline, one row per step and one bar per attempt
 * coloured by outcome, then a table of every attempt with its start, duration, exit code, cause and
 * log, the metrics the steps logged ({@link MetricsSection}) and the step graph ({@link
 * GraphSection}).
 *
 * <p>A pure function of the {@link RunRecord} and its {@link ReportInputs}: the same record and
 * inputs give the same bytes (no clock, no locale, no random ids; times are shown in the inputs'
 * zone). The page is self-contained (inline CSS and SVG, no script, nothing fetched), so it opens
 * from the run directory in any browser, offline, and a CI artifact viewer shows it as is. Links to
 * the logs are relative to the run directory, where the report is written; a reused step's link
 * goes to the log in the run it ran in, {@code ../<run id>/logs/...}, which works while the run
 * directories sit side by side. Every attempt's bar is an SVG {@code rect} with class {@code bar}
 * and {@code data-step}, {@code data-attempt} and {@code data-outcome} attributes, which {@code
 * scripts/check-report.sh} counts.
 */
public final class HtmlReport {

  /** Width of the step names' column, in SVG user units (pixels at 100% zoom). */
  static final double LABEL_WIDTH = 220;

  /** Width of the time axis. */
  static final double CHART_WIDTH = 720;

  static final double ROW_HEIGHT = 28;
  static final double BAR_HEIGHT = 16;
  static final double AXIS_HEIGHT = 30;

  private HtmlReport() {}

  /** The report of {@code record} with nothing beyond it, times in UTC. */
  public static String render(RunRecord record) {
    return render(record, ReportInputs.none());
  }

  /** The report of {@code record} and {@code inputs}, as a complete HTML document. */
  public static String render(RunRecord record, ReportInputs inputs) {
    Timeline timeline = Timeline.of(record);
    Times times = new Times(inputs.zone(), record.startedAt());
    StringBuilder html = new StringBuilder(8192);
    String title = "esteira run " + record.runId() + " (" + record.project() + ")";
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>")
        .append(Html.text(title))
        .append("</title>\n<style>\n")
        .append(Html.STYLE)
        .append("</style>\n</head>\n<body>\n");
    header(html, record, timeline, times);
    chart(html, record, timeline, times, inputs);
    table(html, record, timeline, times, inputs);
    MetricsSection.render(html, record, inputs);
    GraphSection.render(html, record, inputs.mermaid());
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /** The id of a step's first row in the table, which the graph links to. */
  static String anchor(String stepId) {
    return "step-" + stepId;
  }

  private static void header(StringBuilder html, RunRecord record, Timeline timeline, Times times) {
    html.append("<h1>")
        .append(Html.text(record.project()))
        .append(" <span class=\"env\">")
        .append(Html.text(record.environment()))
        .append("</span> <span class=\"status ")
        .append(Html.statusClass(record.status().name()))
        .append("\">")
        .append(record.status().name())
        .append("</span></h1>\n<p class=\"meta\">run <code>")
        .append(Html.text(record.runId()))
        .append("</code>, started ")
        .append(times.dateTime(record.startedAt()))
        .append(" (")
        .append(Html.text(times.zoneLabel()))
        .append("), ")
        .append(
            record.endedAt() == null
                ? "still running"
                : "took " + Durations.format(timeline.span().toMillis()))
        .append(
            record.resumedFrom() == null
                ? ""
                : ", resumes <a href=\""
                    + Html.attribute(Html.href("../" + record.resumedFrom() + "/report.html"))
                    + "\"><code>"
                    + Html.text(record.resumedFrom())
                    + "</code></a>")
        .append("</p>\n");
  }

  private static void chart(
      StringBuilder html, RunRecord record, Timeline timeline, Times times, ReportInputs inputs) {
    int rows = record.steps().size();
    double height = AXIS_HEIGHT + rows * ROW_HEIGHT + 8;
    double width = LABEL_WIDTH + CHART_WIDTH + 40;
    html.append("<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(Html.num(width))
        .append("\" height=\"")
        .append(Html.num(height))
        .append("\" viewBox=\"0 0 ")
        .append(Html.num(width))
        .append(' ')
        .append(Html.num(height))
        .append("\" role=\"img\" aria-label=\"steps on a timeline\">\n");
    for (Timeline.Tick tick : timeline.ticks()) {
      double x = LABEL_WIDTH + tick.x() * CHART_WIDTH;
      html.append("<line class=\"grid\" x1=\"")
          .append(Html.num(x))
          .append("\" y1=\"")
          .append(Html.num(AXIS_HEIGHT - 6))
          .append("\" x2=\"")
          .append(Html.num(x))
          .append("\" y2=\"")
          .append(Html.num(height - 4))
          .append("\"/>\n<text class=\"tick\" x=\"")
          .append(Html.num(x))
          .append("\" y=\"")
          .append(Html.num(AXIS_HEIGHT - 10))
          .append("\">")
          .append(Html.text(tick.label()))
          .append("</text>\n");
    }
    double y = AXIS_HEIGHT;
    for (StepRecord step : record.steps()) {
      row(html, step, timeline, times, inputs.reused().get(step.id()), y);
      y += ROW_HEIGHT;
    }
    html.append("</svg>\n");
  }

  private static void row(
      StringBuilder html,
      StepRecord step,
      Timeline timeline,
      Times times,
      ReportInputs.ReusedStep reused,
      double y) {
    double middle = y + ROW_HEIGHT / 2;
    html.append("<text class=\"label\" x=\"")
        .append(Html.num(LABEL_WIDTH - 10))
        .append("\" y=\"")
        .append(Html.num(middle + 4))
        .append("\">")
        .append(Html.text(step.name()))
        .append("<title>")
        .append(Html.text(step.id() + ": " + step.status().name()))
        .append("</title></text>\n");
    if (step.attempts().isEmpty()) {
      if (reused != null) {
        html.append("<a href=\"").append(Html.attribute(Html.href(reused.log()))).append("\">");
      }
      html.append("<text class=\"note\" x=\"")
          .append(Html.num(LABEL_WIDTH + 6))
          .append("\" y=\"")
          .append(Html.num(middle + 4))
          .append("\">")
          .append(Html.text(step.status().name().toLowerCase(Locale.ROOT)))
          .append(step.note() == null ? "" : ": " + Html.text(step.note()))
          .append(reused == null ? "" : " (its log)")
          .append("</text>\n");
      if (reused != null) {
        html.append("</a>\n");
      }
      return;
    }
    AttemptRecord previous = null;
    for (AttemptRecord attempt : step.attempts()) {
      double x = LABEL_WIDTH + timeline.x(attempt.startedAt()) * CHART_WIDTH;
      double end = LABEL_WIDTH + timeline.x(timeline.end(attempt)) * CHART_WIDTH;
      if (previous != null) {
        // The wait between two attempts: the retrier's delay, drawn so a backoff is visible.
        double from = LABEL_WIDTH + timeline.x(timeline.end(previous)) * CHART_WIDTH;
        html.append("<line class=\"wait\" x1=\"")
            .append(Html.num(from))
            .append("\" y1=\"")
            .append(Html.num(middle))
            .append("\" x2=\"")
            .append(Html.num(x))
            .append("\" y2=\"")
            .append(Html.num(middle))
            .append("\"/>\n");
      }
      String outcome = Html.outcome(attempt);
      html.append("<a href=\"")
          .append(Html.attribute(Html.href(attempt.log())))
          .append("\"><rect class=\"bar ")
          .append(outcome)
          .append("\" data-step=\"")
          .append(Html.attribute(step.id()))
          .append("\" data-attempt=\"")
          .append(attempt.number())
          .append("\" data-outcome=\"")
          .append(outcome)
          .append("\" x=\"")
          .append(Html.num(x))
          .append("\" y=\"")
          .append(Html.num(middle - BAR_HEIGHT / 2))
          .append("\" width=\"")
          .append(Html.num(end - x))
          .append("\" height=\"")
          .append(Html.num(BAR_HEIGHT))
          .append("\"><title>")
          .append(Html.text(tooltip(step, attempt, timeline, times)))
          .append("</title></rect></a>\n");
      previous = attempt;
    }
  }

  private static String tooltip(
      StepRecord step, AttemptRecord attempt, Timeline timeline, Times times) {
    StringBuilder text =
        new StringBuilder(step.name())
            .append(", attempt ")
            .append(attempt.number())
            .append(", started ")
            .append(times.plain(attempt.startedAt()))
            .append(": ")
            .append(Html.outcome(attempt))
            .append(" in ")
            .append(Durations.format(timeline.millis(attempt)));
    if (attempt.exitCode() != null) {
      text.append(", exit ").append(attempt.exitCode());
    }
    if (attempt.cause() != null) {
      text.append(": ").append(attempt.cause());
    }
    return text.toString();
  }

  private static void table(
      StringBuilder html, RunRecord record, Timeline timeline, Times times, ReportInputs inputs) {
    html.append(
        "<table class=\"attempts\">\n<thead><tr><th>step</th><th>status</th><th>attempt</th><th>started</th>"
            + "<th>duration</th><th>exit code</th><th>cause</th><th>log</th></tr></thead>\n"
            + "<tbody>\n");
    for (StepRecord step : record.steps()) {
      String anchor = " id=\"" + Html.attribute(anchor(step.id())) + "\"";
      if (step.attempts().isEmpty()) {
        ReportInputs.ReusedStep reused = inputs.reused().get(step.id());
        html.append("<tr")
            .append(anchor)
            .append("><td>")
            .append(Html.text(step.name()))
            .append("</td><td><span class=\"status ")
            .append(Html.statusClass(step.status().name()))
            .append("\">")
            .append(step.status().name())
            .append("</span></td><td colspan=\"")
            .append(reused == null ? 6 : 5)
            .append("\">")
            .append(step.note() == null ? "" : Html.text(step.note()));
        if (reused != null) {
          html.append(" (attempt ")
              .append(reused.attempt())
              .append(")</td><td><a class=\"reused-log\" href=\"")
              .append(Html.attribute(Html.href(reused.log())))
              .append("\">")
              .append(Html.text(reused.log()))
              .append("</a>");
        }
        html.append("</td></tr>\n");
        continue;
      }
      for (AttemptRecord attempt : step.attempts()) {
        html.append("<tr")
            .append(attempt == step.attempts().get(0) ? anchor : "")
            .append("><td>")
            .append(Html.text(step.name()))
            .append("</td><td><span class=\"status ")
            .append(Html.outcome(attempt))
            .append("\">")
            .append(Html.outcome(attempt).toUpperCase(Locale.ROOT))
            .append("</span></td><td>")
            .append(attempt.number())
            .append("</td><td>")
            .append(times.clock(attempt.startedAt()))
            .append(" <span class=\"since\">+")
            .append(Durations.format(Duration.between(timeline.start(), attempt.startedAt())))
            .append("</span></td><td>")
            .append(Durations.format(timeline.millis(attempt)))
            .append("</td><td>")
            .append(attempt.exitCode() == null ? "" : attempt.exitCode().toString())
            .append("</td><td>")
            .append(attempt.cause() == null ? "" : Html.text(attempt.cause()))
            .append("</td><td><a href=\"")
            .append(Html.attribute(Html.href(attempt.log())))
            .append("\">")
            .append(Html.text(attempt.log()))
            .append("</a></td></tr>\n");
      }
    }
    html.append("</tbody>\n</table>\n");
  }
}
