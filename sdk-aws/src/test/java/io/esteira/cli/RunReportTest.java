package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report {@code esteira run} writes, with real shell steps: a failed run resumed, whose report
 * links the reused step to its log in the first run, and shows the step graph with its Mermaid text
 * and the metrics a step logged.
 */
class RunReportTest {

  @TempDir Path tmp;

  private Path project() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Path marker = tmp.resolve("second-time");
    // score fails the first time only; extract writes a metric line as MlflowTracking does
    // without a tracking server.
    Files.writeString(
        dir.resolve("config.yaml"),
        """
        project_name: demo
        version: "1.0.0"
        batch:
          enabled: true
          pipeline:
            steps:
              - id: extract
                command: "echo extracted; echo '{\\"run_id\\":\\"x\\",\\"type\\":\\"metric\\",\\"key\\":\\"rows\\",\\"value\\":600}' > $ESTEIRA_WORK_DIR/mlflow-tracking.jsonl"
              - id: score
                command: "test -f MARKER || { touch MARKER; echo 'no model yet' >&2; exit 1; }"
                depends_on: [extract]
                retries: 0
        """
            .replace("MARKER", marker.toString()));
    return dir;
  }

  private static Cli.Run run(String... args) {
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.hostEnvironment = Map.of("PATH", System.getenv("PATH"));
    command.live = false;
    return Cli.run(commandLine, args);
  }

  /**
   * The project's run directories in the order they started: by run.json's start time, since two
   * runs of the same second have ids that differ only in their random part.
   */
  private static List<Path> runs(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir.resolve(".esteira/runs"))) {
      return list.filter(run -> Files.isRegularFile(run.resolve(RunJson.FILE)))
          .sorted(Comparator.comparing(RunReportTest::startedAt))
          .toList();
    }
  }

  private static Instant startedAt(Path run) {
    try {
      return RunJson.read(run.resolve(RunJson.FILE)).startedAt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aResumedRunsReportLinksTheReusedStepToItsLogInTheFirstRun() throws IOException {
    Path dir = project();
    Cli.Run failed = run("run", dir.toString());
    assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
    Path first = runs(dir).get(0);

    Cli.Run resumed = run("run", dir.toString(), "--resume", "latest");

    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    Path second = runs(dir).stream().filter(p -> !p.equals(first)).findFirst().orElseThrow();
    RunRecord record = RunJson.read(second.resolve("run.json"));
    assertThat(record.resumedFrom()).isEqualTo(first.getFileName().toString());
    String html = Files.readString(second.resolve("report.html"));
    Matcher link = Pattern.compile("<a class=\"reused-log\" href=\"([^\"]+)\">").matcher(html);
    assertThat(link.find()).as(html).isTrue();
    assertThat(link.group(1)).isEqualTo("../" + first.getFileName() + "/logs/extract.1.log");
    Path linked = second.resolve(link.group(1)).normalize();
    assertThat(linked).isEqualTo(first.resolve("logs/extract.1.log"));
    assertThat(Files.readString(linked)).contains("extracted");
    // The reused step's metric, from the run it ran in.
    assertThat(html)
        .contains("<table class=\"metrics\" data-step=\"extract\">")
        .contains("<td>rows</td><td class=\"value\" title=\"600.0\">600</td>");
  }

  @Test
  void esteiraReportWritesTheSamePartsAgainAndNoLinkToOtherRunsIntoACopyElsewhere()
      throws IOException {
    Path dir = project();
    run("run", dir.toString());
    assertThat(run("run", dir.toString(), "--resume", "latest").exitCode()).isZero();
    Path second = runs(dir).get(1);
    String written = Files.readString(second.resolve("report.html"));
    Files.delete(second.resolve("report.html"));

    Cli.Run again = Cli.run("report", "latest", "--dir", dir.toString());

    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    String rewritten = Files.readString(second.resolve("report.html"));
    assertThat(rewritten)
        .contains("<a class=\"reused-log\" href=\"../" + runs(dir).get(0).getFileName())
        .contains("<td>rows</td><td class=\"value\" title=\"600.0\">600</td>");
    // Only the Mermaid text is missing: esteira report has run.json, not the pipeline.
    assertThat(rewritten.replaceAll("(?s)<details class=\"mermaid\">.*?</details>\n", ""))
        .isEqualTo(written.replaceAll("(?s)<details class=\"mermaid\">.*?</details>\n", ""));

    Path copy = tmp.resolve("copy");
    Cli.Run elsewhere =
        Cli.run("report", "latest", "--dir", dir.toString(), "--out", copy.toString());

    assertThat(elsewhere.exitCode()).as(elsewhere.out() + elsewhere.err()).isZero();
    assertThat(Files.readString(copy.resolve("report.html")))
        .doesNotContain("reused-log")
        .contains("<td>rows</td><td class=\"value\" title=\"600.0\">600</td>");
  }

  @Test
  void theReportShowsTheStepGraphWithItsMermaidTextAndLocalTimes() throws IOException {
    Path dir = project();
    run("run", dir.toString());

    String html = Files.readString(runs(dir).get(0).resolve("report.html"));

    assertThat(html)
        .contains("<g class=\"node\" data-step=\"extract\" data-layer=\"0\">")
        .contains("<g class=\"node\" data-step=\"score\" data-layer=\"1\">")
        .contains("<path class=\"edge\" data-from=\"extract\" data-to=\"score\"")
        .contains("<rect class=\"node-box failed\"")
        .contains("flowchart TD")
        .contains("step_extract --&gt; step_score")
        .containsPattern("started <time datetime=\"[0-9T:.Z-]+\" title=\"[0-9T:.Z-]+\">")
        .doesNotContain("<script");
  }
}
