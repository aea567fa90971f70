package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira runs} lists a project's local runs newest first from their {@code run.json}, and
 * {@code latest} names the newest run wherever a run id is taken ({@code esteira report}); the
 * summary of a run whose step could not start says it was a setup error, not retried.
 */
class RunsCommandTest {

  static final String CONFIG =
      """
      project_name: demo
      version: "1.0.0"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: hello
              command: "echo hello"
      """;

  @TempDir Path tmp;

  private Path project() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(dir.resolve("config.yaml"), CONFIG);
    return dir;
  }

  private static Cli.Run runs(String... args) {
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunsCommand command = commandLine.getSubcommands().get("runs").getCommand();
    command.zone = ZoneId.of("America/Sao_Paulo");
    String[] all = new String[args.length + 1];
    all[0] = "runs";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(commandLine, all);
  }

  private static AttemptRecord attempt(
      int number, String start, String end, boolean setupError, Integer exit) {
    return new AttemptRecord(
        number,
        Instant.parse(start),
        Instant.parse(end),
        exit == null || exit == 0 ? AttemptOutcome.SUCCEEDED : AttemptOutcome.FAILED,
        exit,
        exit == null || exit == 0 ? null : "cause",
        "logs/x." + number + ".log",
        setupError);
  }

  /** Writes a run directory with this record, as the runner leaves it. */
  private static void stored(Path runsRoot, RunRecord record) throws Exception {
    Path directory = Files.createDirectories(runsRoot.resolve(record.runId()));
    RunJson.writeTo(record, directory.resolve(RunJson.FILE));
  }

  private static RunRecord record(
      String id, RunStatus status, String start, String end, StepRecord... steps) {
    return new RunRecord(
        id,
        "demo",
        "dev",
        status,
        Instant.parse(start),
        end == null ? null : Instant.parse(end),
        null,
        List.of(steps),
        null,
        "c0de",
        "c0f1",
        List.of());
  }

  private void threeRuns(Path runsRoot) throws Exception {
    stored(
        runsRoot,
        record(
            "20261126-120000-aaaa",
            RunStatus.SUCCEEDED,
            "2026-11-26T12:00:00Z",
            "2026-11-26T12:00:01.500Z",
            new StepRecord(
                "hello",
                "hello",
                List.of(),
                StepStatus.SUCCEEDED,
                List.of(attempt(1, "2026-11-26T12:00:00Z", "2026-11-26T12:00:01Z", false, 0)),
                null)));
    stored(
        runsRoot,
        record(
            "20261126-130000-bbbb",
            RunStatus.FAILED,
            "2026-11-26T13:00:00Z",
            "2026-11-26T13:02:05Z",
            new StepRecord(
                "extract",
                "extract",
                List.of(),
                StepStatus.FAILED,
                List.of(
                    attempt(1, "2026-11-26T13:00:00Z", "2026-11-26T13:00:01Z", false, 1),
                    attempt(2, "2026-11-26T13:01:00Z", "2026-11-26T13:02:05Z", false, 1)),
                null)));
    stored(
        runsRoot,
        record(
            "20261126-140000-cccc",
            RunStatus.FAILED,
            "2026-11-26T14:00:00Z",
            "2026-11-26T14:00:00.400Z",
            new StepRecord(
                "train",
                "train",
                List.of(),
                StepStatus.FAILED,
                List.of(attempt(1, "2026-11-26T14:00:00Z", "2026-11-26T14:00:00.400Z", true, 2)),
                null)));
  }

  @Test
  void runsAreListedNewestFirstWithStatusStartDurationEnvironmentAndFailedStep() throws Exception {
    Path dir = project();
    threeRuns(dir.resolve(".esteira/runs"));

    Cli.Run run = runs(dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            RUN                   STATUS     STARTED              DURATION  ENV  FAILED STEP
            20261126-140000-cccc  failed     2026-11-26 11:00:00  400 ms    dev  train (setup error)
            20261126-130000-bbbb  failed     2026-11-26 10:00:00  2m 05s    dev  extract (2 attempts)
            20261126-120000-aaaa  succeeded  2026-11-26 09:00:00  1.5 s     dev
            """);
  }

  @Test
  void limitShowsTheNewestAndSaysHowManyAreLeftOut() throws Exception {
    Path dir = project();
    threeRuns(dir.resolve(".esteira/runs"));

    Cli.Run run = runs(dir.toString(), "--limit", "1");

    assertThat(run.out().lines().toList())
        .hasSize(3)
        .element(1)
        .asString()
        .startsWith("20261126-140000-cccc");
    assertThat(run.out()).endsWith("2 older runs not shown; --limit 0 lists all\n");
    assertThat(runs(dir.toString(), "--limit", "-1").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void jsonListsTheSameRunsForMachines() throws Exception {
    Path dir = project();
    Path root = dir.resolve(".esteira/runs");
    threeRuns(root);

    Cli.Run run = runs(dir.toString(), "--format", "json", "--limit", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode document = Json.mapper().readTree(run.out());
    assertThat(document.get("total").asInt()).isEqualTo(3);
    assertThat(document.get("runs")).hasSize(2);
    JsonNode newest = document.get("runs").get(0);
    assertThat(newest.get("runId").asText()).isEqualTo("20261126-140000-cccc");
    assertThat(newest.get("status").asText()).isEqualTo("FAILED");
    assertThat(newest.get("durationMillis").asLong()).isEqualTo(400);
    assertThat(newest.get("failedStep").asText()).isEqualTo("train");
    assertThat(newest.get("setupError").asBoolean()).isTrue();
    assertThat(newest.get("codeHash").asText()).isEqualTo("c0de");
    assertThat(newest.get("directory").asText())
        .isEqualTo(root.resolve("20261126-140000-cccc").toString());
  }

  @Test
  void noRunsYetIsSaidAndIsNoError() throws Exception {
    Cli.Run run = runs(project().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("no runs under ").endsWith("demo/.esteira/runs\n");
  }

  @Test
  void reportLatestWritesTheNewestLocalRunsReportAgain() throws Exception {
    Path dir = project();
    Path root = dir.resolve(".esteira/runs");
    threeRuns(root);

    Cli.Run run = Cli.run("report", "latest", "--dir", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path report = root.resolve("20261126-140000-cccc").resolve(ReportWriter.FILE_NAME);
    assertThat(report).exists();
    assertThat(Files.readString(report)).contains("20261126-140000-cccc");
    assertThat(run.out()).contains("(run 20261126-140000-cccc, demo dev, FAILED)");
  }

  @Test
  void reportOfALocalRunIdWritesItUnderOut() throws Exception {
    Path dir = project();
    Path root = dir.resolve(".esteira/runs");
    threeRuns(root);
    Files.createDirectories(root.resolve("20261126-120000-aaaa/logs"));
    Files.writeString(root.resolve("20261126-120000-aaaa/logs/hello.1.log"), "hello\n");
    Path out = tmp.resolve("out");

    Cli.Run run =
        Cli.run(
            "report",
            "20261126-120000-aaaa",
            "--runs-dir",
            root.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve(ReportWriter.FILE_NAME)).exists();
    assertThat(RunJson.read(out.resolve(RunJson.FILE)).runId()).isEqualTo("20261126-120000-aaaa");
    assertThat(out.resolve("logs/hello.1.log")).hasContent("hello");
  }

  @Test
  void anUnknownRunIdListsTheNewestOnes() throws Exception {
    Path dir = project();
    threeRuns(dir.resolve(".esteira/runs"));

    Cli.Run run = Cli.run("report", "20261126-150000-dddd", "--dir", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("error: [ESTEIRA-LOCAL-UNKNOWN-RUN]")
        .contains("no run 20261126-150000-dddd")
        .contains("20261126-140000-cccc")
        .doesNotContain("\tat ");
  }

  @Test
  void aRealRunIsListedAndItsReportWrittenAgain() throws Exception {
    Path dir = project();
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.live = false;
    Cli.Run ran = Cli.run(commandLine, "run", dir.toString());
    assertThat(ran.exitCode()).as(ran.err()).isZero();

    Cli.Run listed = runs(dir.toString());

    assertThat(listed.out().lines().toList()).hasSize(2);
    assertThat(listed.out().lines().toList().get(1)).contains("succeeded").contains(" dev");
    String id = listed.out().lines().toList().get(1).split(" ")[0];
    assertThat(ran.out()).contains("run " + id + " succeeded");
  }

  @Test
  void theSummaryOfASetupErrorSaysItWasNotRetriedAndWhatToFix() {
    RunRecord record =
        record(
            "20261126-140000-cccc",
            RunStatus.FAILED,
            "2026-11-26T14:00:00Z",
            "2026-11-26T14:00:00.400Z",
            new StepRecord(
                "train",
                "train",
                List.of(),
                StepStatus.FAILED,
                List.of(attempt(1, "2026-11-26T14:00:00Z", "2026-11-26T14:00:00.400Z", true, 2)),
                null));

    RunSummary summary = new RunSummary(record, tmp, tmp, 0);

    assertThat(summary.problems())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.render())
                    .startsWith("error: [ESTEIRA-LOCAL-STEP-SETUP-FAILED] step 'train'")
                    .contains("(exit 2): cause;")
                    .contains("it was not retried")
                    .contains("Fix what the cause names")
                    .contains("rebuild the project with mvn package")
                    // Addressed to the project's user, not to those who build Esteira.
                    .doesNotContain("install the SDK")
                    .contains("--resume 20261126-140000-cccc"));
  }

  @Test
  void aRunningRunWhoseRunnerIsGoneIsListedInterrupted() throws Exception {
    Path dir = project();
    Path runsRoot = dir.resolve(".esteira/runs");
    StepRecord running =
        new StepRecord("hello", "hello", List.of(), StepStatus.RUNNING, List.of(), null);
    stored(
        runsRoot,
        record("20261126-120000-aaaa", RunStatus.RUNNING, "2026-11-26T12:00:00Z", null, running));
    stored(
        runsRoot,
        record("20261126-130000-bbbb", RunStatus.RUNNING, "2026-11-26T13:00:00Z", null, running));
    // The newer run's runner is this JVM, alive; the older one's left no runner.pid (killed).
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        runsRoot.resolve("20261126-130000-bbbb/runner.pid"),
        self.pid() + " " + self.info().startInstant().orElseThrow().toEpochMilli() + "\n");

    Cli.Run run = runs(dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(1)).startsWith("20261126-130000-bbbb  running ");
    assertThat(lines.get(2)).startsWith("20261126-120000-aaaa  interrupted ");
    assertThat(run.out())
        .contains("interrupted: the runner of 20261126-120000-aaaa stopped before the run ended")
        .contains("esteira run --resume <run id>");
    Cli.Run json = runs(dir.toString(), "--format", "json");
    assertThat(json.out())
        .contains("\"status\": \"INTERRUPTED\"")
        .contains("\"runnerGone\": true")
        .contains("\"status\": \"RUNNING\"");
    // Listing marks nothing: run.json still says running until --resume marks it.
    assertThat(runsRoot.resolve("20261126-120000-aaaa/run.json")).content().contains("RUNNING");
  }
}
