package io.esteira.local.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's picture of a run: where bars are, what they link to, what is escaped. */
class HtmlReportTest {

  private static final Instant T0 = Instant.parse("2025-03-01T03:00:00Z");
  private static final Pattern BAR = Pattern.compile("<rect class=\"bar [^>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

  @TempDir Path tmp;

  private static Instant at(double seconds) {
    return T0.plusMillis(Math.round(seconds * 1000));
  }

  private static AttemptRecord attempt(
      int n, double from, Double to, AttemptOutcome outcome, Integer exit, String cause) {
    return new AttemptRecord(
        n, at(from), to == null ? null : at(to), outcome, exit, cause, "logs/s." + n + ".log");
  }

  /** A 100 s run: a step of 25 s, a step failing once (15 s) then succeeding (50 s), a skip. */
  static RunRecord sample() {
    return new RunRecord(
        "20250301-030000-ab12",
        "recsys",
        "dev",
        RunStatus.SUCCEEDED,
        T0,
        at(100),
        null,
        List.of(
            new StepRecord(
                "extract",
                "Extract <Features> & \"more\"",
                List.of(),
                StepStatus.SUCCEEDED,
                List.of(
                    new AttemptRecord(
                        1, at(0), at(25), AttemptOutcome.SUCCEEDED, 0, null, "logs/extract.1.log")),
                null),
            new StepRecord(
                "score",
                "Score",
                List.of("extract"),
                StepStatus.SUCCEEDED,
                List.of(
                    attempt(
                        1,
                        25,
                        40.0,
                        AttemptOutcome.FAILED,
                        1,
                        "java.lang.IllegalStateException: x < y"),
                    attempt(2, 50, 100.0, AttemptOutcome.SUCCEEDED, 0, null)),
                null),
            new StepRecord(
                "publish",
                "Publish",
                List.of("score"),
                StepStatus.SKIPPED,
                List.of(),
                "left out by --only score")));
  }

  /** Each bar's attributes, in document order. */
  private static List<Map<String, String>> bars(String html) {
    List<Map<String, String>> bars = new ArrayList<>();
    Matcher bar = BAR.matcher(html);
    while (bar.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(bar.group());
      while (a.find()) {
        attributes.put(a.group(1), a.group(2));
      }
      bars.add(attributes);
    }
    return bars;
  }

  private static double number(Map<String, String> bar, String name) {
    return Double.parseDouble(bar.get(name));
  }

  @Test
  void oneBarPerAttemptPlacedAndSizedInProportionToItsTimes() {
    List<Map<String, String>> bars = bars(HtmlReport.render(sample()));

    assertThat(bars).hasSize(3);
    double perSecond = HtmlReport.CHART_WIDTH / 100;
    double left = HtmlReport.LABEL_WIDTH;
    assertThat(bars)
        .extracting(
            b -> b.get("data-step") + "#" + b.get("data-attempt") + ":" + b.get("data-outcome"))
        .containsExactly("extract#1:succeeded", "score#1:failed", "score#2:succeeded");
    assertThat(number(bars.get(0), "x")).isEqualTo(left);
    assertThat(number(bars.get(0), "width")).isEqualTo(25 * perSecond);
    assertThat(number(bars.get(1), "x")).isEqualTo(left + 25 * perSecond);
    assertThat(number(bars.get(1), "width")).isEqualTo(15 * perSecond);
    assertThat(number(bars.get(2), "x")).isEqualTo(left + 50 * perSecond);
    assertThat(number(bars.get(2), "width")).isEqualTo(50 * perSecond);
    // Rows one below the other, both attempts of a step on the same row.
    assertThat(number(bars.get(1), "y")).isEqualTo(number(bars.get(2), "y"));
    assertThat(number(bars.get(1), "y") - number(bars.get(0), "y"))
        .isEqualTo(HtmlReport.ROW_HEIGHT);
  }

  @Test
  void stepNamesAndCausesAreEscaped() {
    String html = HtmlReport.render(sample());

    assertThat(html)
        .contains("Extract &lt;Features&gt; &amp; &quot;more&quot;")
        .contains("java.lang.IllegalStateException: x &lt; y")
        .doesNotContain("<Features>")
        .doesNotContain("x < y");
  }

  @Test
  void barsAndTableLinkToEachAttemptsLog() {
    String html = HtmlReport.render(sample());

    assertThat(html)
        .contains("<a href=\"logs/extract.1.log\"><rect class=\"bar succeeded\"")
        .contains("<a href=\"logs/s.1.log\"><rect class=\"bar failed\"")
        .contains("<a href=\"logs/s.2.log\">logs/s.2.log</a>");
    assertThat(Html.href("logs/my step#1.log")).isEqualTo("logs/my%20step%231.log");
  }

  @Test
  void tableShowsDurationsExitCodesAndSkippedSteps() {
    String html = HtmlReport.render(sample());

    assertThat(html)
        .contains(
            "<td>1</td><td><time datetime=\"2025-03-01T03:00:25Z\" title=\"2025-03-01T03:00:25Z\">"
                + "03:00:25</time> <span class=\"since\">+25.0 s</span></td><td>15.0 s</td>"
                + "<td>1</td>")
        .contains(
            "03:00:50</time> <span class=\"since\">+50.0 s</span></td><td>50.0 s</td><td>0</td>")
        .contains("skipped: left out by --only score")
        .contains("took 1m 40s");
  }

  @Test
  void theTimeAxisHasRoundTicksAcrossTheRun() {
    String html = HtmlReport.render(sample());

    // 100 s: a tick every 15 s (every 10 s would be more than eight intervals).
    assertThat(html)
        .contains(">0 s</text>")
        .contains(">15 s</text>")
        .contains(">1m 30s</text>")
        .doesNotContain(">10 s</text>")
        .doesNotContain(">1m 45s</text>");
  }

  @Test
  void anAttemptStillRunningReachesTheLatestKnownTime() {
    RunRecord running =
        new RunRecord(
            "r",
            "p",
            "dev",
            RunStatus.RUNNING,
            T0,
            null,
            null,
            List.of(
                new StepRecord(
                    "a",
                    "a",
                    List.of(),
                    StepStatus.SUCCEEDED,
                    List.of(attempt(1, 0, 10.0, AttemptOutcome.SUCCEEDED, 0, null)),
                    null),
                new StepRecord(
                    "b",
                    "b",
                    List.of(),
                    StepStatus.RUNNING,
                    List.of(attempt(1, 5, null, null, null, null)),
                    null)));

    List<Map<String, String>> bars = bars(HtmlReport.render(running));

    assertThat(bars.get(1).get("data-outcome")).isEqualTo("running");
    assertThat(number(bars.get(0), "width")).isEqualTo(HtmlReport.CHART_WIDTH);
    assertThat(number(bars.get(1), "x") + number(bars.get(1), "width"))
        .isEqualTo(HtmlReport.LABEL_WIDTH + HtmlReport.CHART_WIDTH);
  }

  @Test
  void selfContainedAndTheSameBytesForTheSameRun() {
    String first = HtmlReport.render(sample());

    assertThat(HtmlReport.render(sample())).isEqualTo(first);
    assertThat(first)
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=")
        .doesNotContain("url(");
  }

  @Test
  void theWriterPutsTheReportInTheRunDirectory() throws IOException {
    Path file = ReportWriter.write(tmp, sample());

    assertThat(file).isEqualTo(tmp.resolve("report.html"));
    assertThat(Files.readString(file))
        .isEqualTo(HtmlReport.render(sample(), ReportSources.read(tmp, sample())));
    assertThat(tmp.resolve("report.html.partial")).doesNotExist();
  }

  @Test
  void aReportThatCannotBeWrittenLeavesNoPartialFile() throws IOException {
    // report.html is a directory that is not empty: the page is written beside it, the move fails.
    Files.createDirectories(tmp.resolve("report.html").resolve("kept"));

    assertThatThrownBy(() -> ReportWriter.write(tmp, sample())).isInstanceOf(IOException.class);

    assertThat(tmp.resolve("report.html.partial")).doesNotExist();
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(Durations.format(850)).isEqualTo("850 ms");
    assertThat(Durations.format(59_999)).isEqualTo("59.9 s");
    assertThat(Durations.format(125_000)).isEqualTo("2m 05s");
    assertThat(Durations.format(3_720_000)).isEqualTo("1h 02m");
    assertThat(Durations.format(-5)).isEqualTo("0 ms");
  }
}
