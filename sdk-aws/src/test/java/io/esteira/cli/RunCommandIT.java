package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira run} with real step processes: YAML-only projects whose steps are shell commands
 * (the origin project's Python steps included), run through the command line in this JVM and as
 * {@code java -jar target/esteira.jar}, checked through what a user reads: the exit code, the
 * messages, {@code run.json}, the logs and {@code report.html}. The built Java examples are run
 * through the command line by their own modules' tests ({@code examples/recsys}), which the reactor
 * builds after this one.
 */
class RunCommandIT {

  static final Path JAR = Path.of("target", "esteira.jar");
  static final Path ORIGIN_PROJECT =
      Path.of("..", "examples", "yaml-only", "src", "projects", "recsys");
  private static final Pattern BAR = Pattern.compile("<rect class=\"bar ");

  @TempDir Path tmp;

  private Path project(String config) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(dir.resolve("config.yaml"), config);
    return dir;
  }

  private static Cli.Run run(String... args) {
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.hostEnvironment = Map.of("PATH", System.getenv("PATH"), "DEMO_TOKEN", "t0ken");
    command.live = false;
    return Cli.run(commandLine, args);
  }

  /** The single run directory under {@code runs}. */
  static Path onlyRun(Path runs) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      List<Path> all = dirs.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  /** Bars in the report, which must be one per attempt of the record. */
  static void assertReportShowsEveryAttempt(Path runDirectory, RunRecord record)
      throws IOException {
    String html = Files.readString(runDirectory.resolve("report.html"));
    Matcher bars = BAR.matcher(html);
    int count = 0;
    while (bars.find()) {
      count++;
    }
    int attempts = record.steps().stream().mapToInt(s -> s.attempts().size()).sum();
    assertThat(count).isEqualTo(attempts).isPositive();
    for (StepRecord step : record.steps()) {
      step.attempts().forEach(a -> assertThat(html).contains("<a href=\"" + a.log() + "\">"));
    }
  }

  @Test
  void aSuccessfulRunWritesRunJsonLogsAndReport() throws IOException {
    Path runs = tmp.resolve("runs");

    Cli.Run run =
        run(
            "run",
            project(RunCommandTest.CONFIG.replace("echo bye", "echo bye from $ENV")).toString(),
            "--runs-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.steps()).extracting(StepRecord::status).containsOnly(StepStatus.SUCCEEDED);
    assertThat(Files.readString(dir.resolve("logs/bye.1.log"))).contains("bye from dev");
    assertReportShowsEveryAttempt(dir, record);
    assertThat(run.out())
        .contains("started   hello")
        .contains("succeeded bye in ")
        .containsPattern("(?m)^STEP +STATUS +ATTEMPTS +DURATION +LOG$")
        .containsPattern("(?m)^hello +succeeded +1 +\\S+ (ms|s) +\\S*logs/hello\\.1\\.log$")
        .contains("run " + record.runId() + " succeeded in ")
        .contains("report: " + dir.resolve("report.html"));
  }

  @Test
  void aFailingStepExitsWithOneNamingTheStepItsCauseAndItsLog() throws IOException {
    Path runs = tmp.resolve("runs");
    String config =
        RunCommandTest.CONFIG.replace(
            "command: \"echo bye\"",
            "command: \"echo 'ValueError: no rows' >&2; exit 3\"\n        retries: 0");

    Cli.Run run = run("run", project(config).toString(), "--runs-dir", runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    Path log = dir.resolve("logs/bye.1.log");
    assertThat(Files.readString(log)).contains("ValueError: no rows");
    assertThat(run.err())
        .contains("[ESTEIRA-LOCAL-STEP-FAILED] step 'bye' failed (exit 3): ValueError: no rows")
        .contains("its log is " + log)
        .contains("--resume " + record.runId())
        .doesNotContain("\tat ");
    assertReportShowsEveryAttempt(dir, record);
    assertThat(Files.readString(dir.resolve("report.html"))).contains("bar failed");
  }

  /** The origin's handover, undeclared: score reads the file extract left in its directory. */
  private static final String UNDECLARED =
      """
      project_name: demo
      version: "1.0.0"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: extract_features
              command: "echo 'id,x' > $ESTEIRA_WORK_DIR/features.csv"
            - id: score_model
              command: "cat $ESTEIRA_WORK_DIR/features.csv"
              retries: 0
      """;

  @Test
  void aStepReadingAnUndeclaredFileFailsAndTheMessageSaysHowToDeclareIt() throws IOException {
    Path runs = tmp.resolve("runs");

    Cli.Run run = run("run", project(UNDECLARED).toString(), "--runs-dir", runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("[ESTEIRA-LOCAL-STEP-FAILED] step 'score_model' failed (exit 1): cat: ")
        .contains(
            "step score_model failed; it started in an empty work directory. extract_features"
                + " wrote features.csv but did not declare it as an output: declare `outputs:"
                + " [features.csv]` on extract_features and `inputs:"
                + " [extract_features/features.csv]` on score_model (docs/step-data.md)")
        .doesNotContain("\tat ");
  }

  @Test
  void theSharedWorkDirectoryStillHandsUndeclaredFilesOver() throws IOException {
    Path runs = tmp.resolve("runs");

    Cli.Run run =
        run(
            "run",
            project(UNDECLARED).toString(),
            "--runs-dir",
            runs.toString(),
            "--shared-work-dir");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Path dir = onlyRun(runs);
    assertThat(dir.resolve("work/features.csv")).exists();
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log"))).isEqualTo("id,x\n");
  }

  /** Whether this machine has {@code python}, which the origin project's commands call. */
  static boolean hasPython() {
    return CommandCheck.onPath("python", System.getenv("PATH"));
  }

  @Test
  void theOriginProjectRunsAsWrittenWithItsPythonSteps() throws IOException {
    Path runs = tmp.resolve("runs");

    Cli.Run run = run("run", ORIGIN_PROJECT.toString(), "--runs-dir", runs.toString());

    if (!hasPython()) {
      // The origin's commands say python; without it the run must stop at once and say so.
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("[ESTEIRA-LOCAL-COMMAND-NOT-FOUND] step 'extract_features'");
      return;
    }
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Path dir = onlyRun(runs);
    // Each step in its own directory: features.csv reached score_model through the store.
    assertThat(dir.resolve("work/score_model/1/features.csv"))
        .hasSameBinaryContentAs(dir.resolve("artifacts/extract_features/features.csv"));
    assertThat(Files.readAllLines(dir.resolve("artifacts/score_model/scores.csv"))).hasSize(201);
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
        .contains("[score_model] ENV=dev: scored 200 customers");
    assertThat(ORIGIN_PROJECT.resolve("data")).doesNotExist();
  }

  /** Two steps of a minute each, side by side; the test stops the runner long before. */
  private static final String SLOW =
      """
      project_name: slow
      version: "1.0.0"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: left
              command: "sleep 60"
              depends_on: []
            - id: right
              command: "sh -c 'sleep 60; echo done'"
              depends_on: []
      """;

  @Test
  void sigintCancelsTheRunStopsEveryStepAndExitsWith130() throws Exception {
    Path dir = project(SLOW);
    Path runs = tmp.resolve("runs");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", JAR.toString(), "run", dir.toString()));
    command.addAll(List.of("--runs-dir", runs.toString(), "--cpus", "4", "--memory-gb", "16"));
    Path output = tmp.resolve("output.txt");
    Process esteira =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    List<ProcessHandle> steps = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      steps = esteira.descendants().toList();
      if (steps.stream().filter(p -> commandOf(p).contains("sleep")).count() >= 2) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(steps).as(Files.readString(output)).hasSizeGreaterThanOrEqualTo(2);

    new ProcessBuilder("kill", "-INT", Long.toString(esteira.pid())).start().waitFor();

    assertThat(esteira.waitFor(60, TimeUnit.SECONDS)).as("esteira stopped").isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(esteira.exitValue()).as(printed).isEqualTo(130);
    for (ProcessHandle step : steps) {
      step.onExit().get(10, TimeUnit.SECONDS);
      assertThat(step.isAlive()).as("step process %s", step.pid()).isFalse();
    }
    Path run = onlyRun(runs);
    RunRecord record = RunJson.read(run.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(record.steps())
        .allSatisfy(
            s ->
                assertThat(s.attempts())
                    .extracting(a -> a.outcome())
                    .containsExactly(AttemptOutcome.CANCELLED));
    assertThat(run.resolve("report.html")).exists();
    assertThat(printed)
        .contains("[ESTEIRA-LOCAL-CANCELLED] run " + record.runId() + " was cancelled")
        .contains("cancelled left");
  }

  private static String commandOf(ProcessHandle process) {
    return process.info().commandLine().orElse(process.info().command().orElse(""));
  }

  @Test
  void theJarRunsTheOriginProjectAndExitsWithZero() throws Exception {
    Path runs = tmp.resolve("runs");
    Process esteira =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "run",
                ORIGIN_PROJECT.toString(),
                "--runs-dir",
                runs.toString())
            .redirectErrorStream(true)
            .start();
    esteira.getOutputStream().close();
    String output = new String(esteira.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(esteira.waitFor(2, TimeUnit.MINUTES)).isTrue();
    if (!hasPython()) {
      assertThat(esteira.exitValue()).as(output).isEqualTo(2);
      assertThat(output).contains("ESTEIRA-LOCAL-COMMAND-NOT-FOUND").doesNotContain("\tat ");
      return;
    }
    assertThat(esteira.exitValue()).as(output).isZero();
    // Not a terminal: plain lines, no escape sequences, so CI logs read line by line.
    assertThat(output).doesNotContain("\033[").contains("succeeded score_model in ");
    Path dir = onlyRun(runs);
    assertReportShowsEveryAttempt(dir, RunJson.read(dir.resolve("run.json")));
  }
}
