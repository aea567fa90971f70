package io.esteira.local.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.ReportInputs.Metric;
import io.esteira.local.report.ReportInputs.MetricSeries;
import io.esteira.local.report.ReportInputs.ReusedStep;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The parts of the report beyond the timeline: local times, links to reused steps' logs, the step
 * graph and the metrics table, each checked on the HTML it gives.
 */
class ReportPartsTest {

  private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");

  private static StepRecord step(String id, StepStatus status, String... dependsOn) {
    List<AttemptRecord> attempts =
        status == StepStatus.SUCCEEDED
            ? List.of(
                new AttemptRecord(
                    1,
                    T0.plusSeconds(25),
                    T0.plusSeconds(40),
                    AttemptOutcome.SUCCEEDED,
                    0,
                    null,
                    "logs/" + id + ".1.log"))
            : List.of();
    String note = status == StepStatus.REUSED ? "succeeded in run 20250301-020000-aaaa" : null;
    return new StepRecord(id, id, List.of(dependsOn), status, attempts, note);
  }

  private static RunRecord run(String resumedFrom, StepRecord... steps) {
    return new RunRecord(
        "20250301-030000-bbbb",
        "recsys",
        "dev",
        RunStatus.SUCCEEDED,
        T0,
        T0.plusSeconds(100),
        resumedFrom,
        List.of(steps));
  }

  @Test
  void startTimesReadInTheZoneGivenAndKeepTheInstant() {
    String html =
        HtmlReport.render(
            HtmlReportTest.sample(), ReportInputs.none().withZone(ZoneId.of("America/Sao_Paulo")));

    assertThat(html)
        .contains(
            "started <time datetime=\"2025-03-01T03:00:00Z\" title=\"2025-03-01T03:00:00Z\">"
                + "2025-03-01 00:00:00</time> (America/Sao_Paulo, UTC-03:00)")
        .contains(
            "<td><time datetime=\"2025-03-01T03:00:25Z\" title=\"2025-03-01T03:00:25Z\">"
                + "00:00:25</time> <span class=\"since\">+25.0 s</span></td>")
        .contains("Score, attempt 1, started 00:00:25: failed");
  }

  @Test
  void anAttemptOnAnotherDayThanTheRunStartShowsItsDate() {
    // 20 s before local midnight: the attempt 25 s into the run starts the next day.
    ZoneId zone = ZoneOffset.ofTotalSeconds(-(3 * 3600 + 20));

    String html = HtmlReport.render(HtmlReportTest.sample(), ReportInputs.none().withZone(zone));

    assertThat(html)
        .contains(">2025-02-28 23:59:40</time> (UTC-03:00:20)")
        .contains(">23:59:40</time> <span class=\"since\">+0 ms</span>")
        .contains(">2025-03-01 00:00:05</time> <span class=\"since\">+25.0 s</span>");
  }

  @Test
  void aReusedStepLinksToTheLogOfTheRunItRanInAndTheHeaderToThatRunsReport() {
    RunRecord record =
        run(
            "20250301-020000-aaaa",
            step("extract", StepStatus.REUSED),
            step("score", StepStatus.SUCCEEDED, "extract"));
    ReportInputs inputs =
        new ReportInputs(
            ZoneOffset.UTC,
            null,
            Map.of(),
            Map.of(
                "extract",
                new ReusedStep(
                    "20250301-020000-aaaa", "../20250301-020000-aaaa/logs/extract.2.log", 2)));

    String html = HtmlReport.render(record, inputs);

    assertThat(html)
        .contains(
            "resumes <a href=\"../20250301-020000-aaaa/report.html\"><code>20250301-020000-aaaa")
        .contains(
            "<td colspan=\"5\">succeeded in run 20250301-020000-aaaa (attempt 2)</td><td>"
                + "<a class=\"reused-log\" href=\"../20250301-020000-aaaa/logs/extract.2.log\">")
        .contains("<a href=\"../20250301-020000-aaaa/logs/extract.2.log\"><text class=\"note\"");
    // Without the inputs, the step is still shown as reused, with no link to guess.
    assertThat(HtmlReport.render(record))
        .contains("<td colspan=\"6\">succeeded in run 20250301-020000-aaaa</td>")
        .doesNotContain("reused-log");
  }

  /** Each graph node's step and layer, and each edge, as the page has them. */
  private static List<String> graph(String html, String pattern) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(pattern).matcher(html);
    while (m.find()) {
      found.add(m.group(1) + ":" + m.group(2));
    }
    return found;
  }

  @Test
  void theGraphPutsEachStepOneLayerBelowItsLowestDependencyAndDrawsEveryEdge() {
    RunRecord record =
        run(
            null,
            step("extract", StepStatus.SUCCEEDED),
            step("features", StepStatus.SUCCEEDED, "extract"),
            step("labels", StepStatus.SUCCEEDED, "extract"),
            step("train", StepStatus.SUCCEEDED, "features", "labels"),
            step("report", StepStatus.SUCCEEDED, "extract", "train"),
            step("audit", StepStatus.SKIPPED));

    String html =
        HtmlReport.render(
            record,
            ReportInputs.none()
                .withMermaid("flowchart TD\n  step_extract[\"<extract>\"]\n  step_a --> step_b\n"));

    assertThat(graph(html, "<g class=\"node\" data-step=\"([^\"]+)\" data-layer=\"(\\d+)\""))
        .containsExactly("extract:0", "features:1", "labels:1", "train:2", "report:3", "audit:0");
    assertThat(graph(html, "<path class=\"edge\" data-from=\"([^\"]+)\" data-to=\"([^\"]+)\""))
        .containsExactlyInAnyOrder(
            "extract:features",
            "extract:labels",
            "features:train",
            "labels:train",
            "extract:report",
            "train:report");
    assertThat(html)
        .contains("<rect class=\"node-box succeeded\"")
        .contains("<rect class=\"node-box skipped\"")
        .contains("<a href=\"#step-train\"><g class=\"node\"")
        .contains("<tr id=\"step-train\">")
        // The Mermaid text, escaped, to paste where Mermaid renders.
        .contains("<pre>flowchart TD\n  step_extract[&quot;&lt;extract&gt;&quot;]\n")
        .doesNotContain("<script")
        .doesNotContain("url(");
  }

  @Test
  void withinALayerStepsMoveUnderWhatTheyDependOn() {
    // Declared crosswise: q depends on the second root, p on the first.
    RunRecord record =
        run(
            null,
            step("x", StepStatus.SUCCEEDED),
            step("y", StepStatus.SUCCEEDED),
            step("q", StepStatus.SUCCEEDED, "y"),
            step("p", StepStatus.SUCCEEDED, "x"));

    assertThat(GraphSection.layers(record)).containsExactly(List.of("x", "y"), List.of("p", "q"));
  }

  @Test
  void aDependencyCycleInAHandEditedRecordStillDraws() {
    RunRecord record =
        run(null, step("a", StepStatus.SUCCEEDED, "b"), step("b", StepStatus.SUCCEEDED, "a"));

    assertThat(GraphSection.layers(record).stream().mapToInt(List::size).sum()).isEqualTo(2);
  }

  @Test
  void metricsShowAsATablePerStepWithTheLastValueAndTheHistory() {
    RunRecord record =
        run(null, step("extract", StepStatus.SUCCEEDED), step("train", StepStatus.SUCCEEDED));
    ReportInputs inputs =
        new ReportInputs(
            ZoneOffset.UTC,
            null,
            Map.of(
                "train",
                MetricSeries.of(
                    List.of(
                        new Metric(1, "loss", 0.9, 0L),
                        new Metric(1, "accuracy", 0.79312345, null),
                        new Metric(1, "loss", 0.35, 1L),
                        new Metric(1, "loss", 0.5, 2L),
                        new Metric(1, "rows", 1200, null),
                        new Metric(1, "k<1>", Double.NaN, null)))),
            Map.of());

    String html = HtmlReport.render(record, inputs);

    assertThat(html)
        .contains("<h3 id=\"step-train-metrics\">train</h3>")
        .contains("<table class=\"metrics\" data-step=\"train\">")
        .contains(
            "<tr><td>loss</td><td class=\"value\" title=\"0.5\">0.5</td><td>1</td>"
                + "<td>3: first 0.9, lowest 0.35, highest 0.9</td></tr>")
        .contains("<td>accuracy</td><td class=\"value\" title=\"0.79312345\">0.793123</td>")
        .contains("<td>rows</td><td class=\"value\" title=\"1200.0\">1200</td>")
        .contains("<td>k&lt;1&gt;</td><td class=\"value\" title=\"NaN\">NaN</td>")
        .doesNotContain("data-step=\"extract\">\n<thead>")
        .doesNotContain("No step logged a metric");
    // The order rows come in: the order names were first logged.
    assertThat(html.indexOf("<td>loss</td>")).isLessThan(html.indexOf("<td>accuracy</td>"));
    assertThat(HtmlReport.render(record)).contains("No step logged a metric here.");
  }

  @Test
  void numbersReadTheSameInEveryLocale() {
    assertThat(MetricsSection.number(0.84)).isEqualTo("0.84");
    assertThat(MetricsSection.number(3)).isEqualTo("3");
    assertThat(MetricsSection.number(-2.5e-7)).isEqualTo("-2.5E-7");
    assertThat(MetricsSection.number(123456.789)).isEqualTo("123457");
    assertThat(MetricsSection.number(Double.POSITIVE_INFINITY)).isEqualTo("\u221e");
  }
}
