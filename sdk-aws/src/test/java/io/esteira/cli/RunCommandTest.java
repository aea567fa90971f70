package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira run} refusing what it cannot run: each mistake is one message with its code and
 * fix, exit code 2 (1 for a pipeline with errors), no stack trace, and no run directory. None of
 * these starts a step; the runs themselves are in {@code RunCommandIT}.
 */
class RunCommandTest {

  /** A YAML-only pipeline of two shell steps, the second needing a secret. */
  static final String CONFIG =
      """
      project_name: demo
      version: "1.0.0"
      runtime:
        secrets:
          DEMO_TOKEN: "/demo/dev/token"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: hello
              command: "echo hello"
            - id: bye
              command: "echo bye"
      """;

  @TempDir Path tmp;

  private Map<String, String> environment = new HashMap<>(Map.of("DEMO_TOKEN", "t0ken"));

  Path project(String config) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(dir.resolve("config.yaml"), config);
    return dir;
  }

  private Cli.Run run(String... args) {
    environment.putIfAbsent("PATH", System.getenv("PATH"));
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.hostEnvironment = environment;
    command.live = false;
    String[] all = new String[args.length + 1];
    all[0] = "run";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(commandLine, all);
  }

  private void assertRefused(Cli.Run run, int exitCode, String code) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.err()).contains("error: [" + code + "]").doesNotContain("\tat ");
    assertThat(tmp.resolve("demo/.esteira")).doesNotExist();
  }

  @Test
  void anEnvironmentTheProjectDoesNotHaveListsTheOnesItHas() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--env", "stg");

    assertRefused(run, 2, "ESTEIRA-LOCAL-UNKNOWN-ENVIRONMENT");
    assertThat(run.err()).contains("environment 'stg'").contains("(it has dev, prd)");
  }

  @Test
  void anUnknownStepListsTheSteps() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--only", "helo");

    assertRefused(run, 2, "ESTEIRA-RUN-UNKNOWN-SELECTED-STEP");
    assertThat(run.err()).contains("'helo'").contains("hello, bye");
  }

  @Test
  void onlyAndFromTogetherAreRefused() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--only", "hello", "--from", "bye");

    assertRefused(run, 2, "ESTEIRA-RUN-SELECTION-CONFLICT");
  }

  @Test
  void aStoreThatIsNotAnS3BucketSaysWhatItTakes() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--store", "s3://my-bucket/some/prefix");

    assertRefused(run, 2, "ESTEIRA-RUN-STORE-NOT-S3");
    assertThat(run.err())
        .contains("--store s3://my-bucket/some/prefix: the store must be s3://BUCKET")
        .contains("leave --store out");
  }

  @Test
  void resumingARunWhoseStepsAllSucceededMakesNoRunAndExitsZero() throws IOException {
    Path dir = project(CONFIG);
    assertThat(run(dir.toString()).exitCode()).isZero();
    Path runs = dir.resolve(".esteira/runs");
    long before;
    try (var list = Files.list(runs)) {
      before = list.filter(Files::isDirectory).count();
    }

    Cli.Run resumed = run(dir.toString(), "--resume", "latest");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("nothing to resume").doesNotContain("would notify");
    try (var list = Files.list(runs)) {
      assertThat(list.filter(Files::isDirectory).count()).isEqualTo(before);
    }
  }

  @Test
  void noRetryDelayRetriesAFailingStepAtOnceAndRecordsIt() throws IOException {
    Path dir =
        project(
            """
            project_name: demo
            version: "1.0.0"
            batch:
              enabled: true
              pipeline:
                steps:
                  - id: fails
                    command: "exit 3"
                    retries: 2
            """);

    Cli.Run run = run(dir.toString(), "--no-retry-delay");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.ERRORS);
    Path runJson;
    try (var runs = Files.list(dir.resolve(".esteira/runs"))) {
      runJson = runs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("run.json");
    }
    String record = Files.readString(runJson);
    assertThat(record).contains("retried at once (no retry delay)");
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(record)
                .path("steps")
                .get(0)
                .path("attempts")
                .size())
        .isEqualTo(3);
  }

  @Test
  void aCloudShapedRunCannotBeResumed() throws IOException {
    Path dir = project(CONFIG);
    assertThat(run(dir.toString()).exitCode()).isZero();

    Cli.Run run = run(dir.toString(), "--store", "s3://my-bucket", "--resume", "latest");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "[ESTEIRA-RUN-STORE-S3-CONFLICT] --store s3://... cannot be combined with --resume")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownRunToResumeSaysWhereItLooked() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--resume", "20990101-000000-beef");

    assertRefused(run, 2, "ESTEIRA-RUN-UNKNOWN-RUN");
    assertThat(run.err()).contains("20990101-000000-beef").contains(".esteira/runs");
  }

  @Test
  void resumingTheLatestRunWhenThereIsNoneSaysToRunOnceFirst() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--resume", "latest");

    assertRefused(run, 2, "ESTEIRA-RUN-NO-RUNS");
    assertThat(run.err())
        .contains("--resume latest: there is no run under ")
        .contains("run the pipeline once without --resume");
  }

  @Test
  void aMissingSecretStopsTheRunBeforeAnyStep() throws IOException {
    environment.remove("DEMO_TOKEN");

    Cli.Run run = run(project(CONFIG).toString());

    assertRefused(run, 2, "ESTEIRA-RUN-MISSING-SECRET");
    assertThat(run.err()).contains("export DEMO_TOKEN=");
    assertThat(run.out()).doesNotContain("started");
  }

  @Test
  void anUnbuiltJavaProjectSaysWhichCommandBuildsIt() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("demo/src/main/java"));
    Files.writeString(tmp.resolve("demo/pom.xml"), "<project/>");

    Cli.Run run = run(dir.getParent().getParent().getParent().toString());

    assertRefused(run, 2, "ESTEIRA-LOCAL-NOT-BUILT");
    assertThat(run.err()).contains("mvn -B -q package");
  }

  @Test
  void aDirectoryWithoutAPipelineIsUsage() {
    Cli.Run run = run(tmp.toString());

    assertRefused(run, 2, "ESTEIRA-LOCAL-NO-PROJECT");
  }

  @Test
  void aPipelineWithErrorsPrintsThemAndExitsWithOne() throws IOException {
    Path dir = project(CONFIG.replace("command: \"echo bye\"", "comand: \"echo bye\""));

    Cli.Run run = run(dir.toString());

    assertRefused(run, 1, "ESTEIRA-CONFIG-UNKNOWN-KEY");
    assertThat(run.err()).contains("config.yaml:");
  }

  @Test
  void capacityMustBePositive() throws IOException {
    Cli.Run run = run(project(CONFIG).toString(), "--cpus", "0", "--memory-gb", "-1");

    assertRefused(run, 2, "ESTEIRA-LOCAL-BAD-CAPACITY");
    assertThat(run.err()).contains("--cpus must be").contains("--memory-gb must be");
  }

  @Test
  void aProgramMissingFromPathIsNamedBeforeAnyStepRuns() throws IOException {
    Path dir = project(CONFIG.replace("echo bye", "no-such-program-4242 --now"));

    Cli.Run run = run(dir.toString());

    assertRefused(run, 2, "ESTEIRA-LOCAL-COMMAND-NOT-FOUND");
    assertThat(run.err()).contains("step 'bye' runs 'no-such-program-4242'");
  }

  @Test
  void pythonMissingWherePython3IsThereSaysSo() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path python3 = Files.writeString(bin.resolve("python3"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(python3, PosixFilePermissions.fromString("rwxr-xr-x"));
    environment.put("PATH", bin.toString());
    Path dir = project(CONFIG.replace("echo bye", "python steps/bye.py"));

    Cli.Run run = run(dir.toString());

    assertRefused(run, 2, "ESTEIRA-LOCAL-COMMAND-NOT-FOUND");
    assertThat(run.err()).contains("runs 'python'").contains("python3 only");
  }

  @Test
  void theHelpListsTheOptionsAndTheCancelledExitCode() {
    Cli.Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("--env", "--only", "--from", "--resume", "--cpus", "--memory-gb")
        .contains("--in-process", "--runs-dir", "--store=s3://BUCKET")
        .contains("130")
        .contains("Default: dev");
  }
}
