package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.TestModels;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner with real processes: {@code sh -c} commands in the project directory and Java
 * steps in child JVMs running {@code StepLauncher}, checked through the recorded times, the process
 * table, the run directory and run.json.
 */
class LocalRunnerIT {

  @TempDir Path project;

  private final Map<String, String> host = new HashMap<>(System.getenv());

  private RunOptions options(Optional<String> resume, List<Path> classpath) {
    return RunOptions.defaults(project)
        .withRunsRoot(project.resolve(".esteira/runs"))
        .withResumeRunId(resume)
        .withCapacity(new RunOptions.Capacity(8, 64))
        .withClasspath(classpath)
        .withHostEnvironment(host)
        .withSharedWorkDir(true);
  }

  private RunRecord run(PipelineModel model) {
    return new LocalRunner(model, options(Optional.empty(), List.of())).run(RunListener.NONE);
  }

  private static StepRecord stepOf(RunRecord record, String id) {
    return record.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private Path runDirectory(RunRecord record) {
    return project.resolve(".esteira/runs").resolve(record.runId());
  }

  @Test
  void independentBranchesReallyRunAtTheSameTime() {
    PipelineModel model =
        builder("p")
            .step(step("a"))
            .step(command("b", null, "sleep 1", 1, 1, 0).dependsOn("a"))
            .step(command("c", null, "sleep 1", 1, 1, 0).dependsOn("a"))
            .step(step("d").dependsOn("b", "c"))
            .build();

    RunRecord record = run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    AttemptRecord a = stepOf(record, "a").attempts().get(0);
    AttemptRecord b = stepOf(record, "b").attempts().get(0);
    AttemptRecord c = stepOf(record, "c").attempts().get(0);
    AttemptRecord d = stepOf(record, "d").attempts().get(0);
    assertThat(b.startedAt()).isBefore(c.endedAt());
    assertThat(c.startedAt()).isBefore(b.endedAt());
    assertThat(b.startedAt()).isAfterOrEqualTo(a.endedAt());
    assertThat(d.startedAt()).isAfterOrEqualTo(b.endedAt()).isAfterOrEqualTo(c.endedAt());
  }

  @Test
  void aStepPastItsTimeoutIsKilledWithTheProcessesItStarted() throws Exception {
    PipelineModel model =
        builder("p")
            .step(
                command("slow", null, "sleep 60 & echo $! > child.pid; wait", 1, 1, 0)
                    .timeoutSeconds(1))
            .build();

    RunRecord record = run(model);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    StepRecord slow = stepOf(record, "slow");
    assertThat(slow.status()).isEqualTo(StepStatus.TIMED_OUT);
    AttemptRecord attempt = slow.attempts().get(0);
    assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
    assertThat(attempt.cause()).isEqualTo("timed out after 1 s (timeout_seconds)");
    assertThat(Duration.between(attempt.startedAt(), attempt.endedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    long child = Long.parseLong(Files.readString(project.resolve("child.pid")).strip());
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void aFlakyStepSucceedsOnItsSecondAttemptAfterTheBackoff() throws Exception {
    String flaky =
        "if [ -f marker ]; then echo second; else touch marker; echo 'first attempt fails' >&2;"
            + " exit 3; fi";
    PipelineModel model =
        builder("p")
            .step(
                command("flaky", null, flaky, 1, 1, 0).retry(new RetryPolicy(2, 1, 2.0, 10, false)))
            .build();

    RunRecord record = run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<AttemptRecord> attempts = stepOf(record, "flaky").attempts();
    assertThat(attempts)
        .extracting(AttemptRecord::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
    assertThat(attempts.get(0).exitCode()).isEqualTo(3);
    assertThat(attempts.get(0).cause()).isEqualTo("first attempt fails");
    assertThat(Duration.between(attempts.get(0).endedAt(), attempts.get(1).startedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(Files.readString(runDirectory(record).resolve("logs/flaky.1.log")))
        .isEqualTo("first attempt fails\n");
    assertThat(Files.readString(runDirectory(record).resolve("logs/flaky.2.log")))
        .isEqualTo("second\n");
  }

  @Test
  void javaStepsRunInChildJvmsWithTheCloudsVariables() throws Exception {
    host.put("API_TOKEN", "from-the-shell");
    StepAction hello = new StepAction.JavaMethod("io.esteira.local.Fixture", "hello", true);
    PipelineModel model =
        TestModels.builder("fixture")
            .environment("prd")
            .envVar("ENV", "dev")
            .secret("API_TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/token")
            .step(step("hello").action(hello))
            .step(
                step("flaky")
                    .action(new StepAction.JavaMethod("io.esteira.local.Fixture", "flaky", true))
                    .retry(new RetryPolicy(1, 1, 2.0, 10, false))
                    .dependsOn("hello"))
            .step(
                step("env")
                    .action(new StepAction.JavaMethod("io.esteira.local.Fixture", "env", true))
                    .dependsOn("hello"))
            .build();
    List<Path> classpath = FixtureClasspath.create(project.resolve("services"));

    RunRecord record =
        new LocalRunner(model, options(Optional.empty(), classpath)).run(RunListener.NONE);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path work = runDirectory(record).resolve("work");
    assertThat(Files.readString(work.resolve("hello.txt"))).isEqualTo(record.runId());
    assertThat(Files.readString(runDirectory(record).resolve("logs/hello.1.log")))
        .isEqualTo("INFO hello from hello attempt 1 in prd\n");
    AttemptRecord failed = stepOf(record, "flaky").attempts().get(0);
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.cause()).isEqualTo("java.lang.IllegalStateException: first attempt fails");
    assertThat(stepOf(record, "flaky").attempts().get(1).outcome())
        .isEqualTo(AttemptOutcome.SUCCEEDED);
    assertThat(Files.readAllLines(work.resolve("env.txt"), StandardCharsets.UTF_8))
        .containsExactly(
            "ENV=prd",
            "ESTEIRA_PROJECT=fixture",
            "ESTEIRA_STEP=env",
            "ESTEIRA_ATTEMPT=1",
            "MLFLOW_EXPERIMENT_NAME=fixture",
            "API_TOKEN=from-the-shell");
  }

  @Test
  void resumeReusesWhatSucceededAndRerunsTheRest() throws Exception {
    PipelineModel model =
        builder("p")
            .step(command("a", null, "echo run >> a.count", 1, 1, 0))
            .step(command("b", null, "test -f fixed || exit 4", 1, 1, 0).dependsOn("a"))
            .step(command("c", null, "echo run >> c.count", 1, 1, 0).dependsOn("b"))
            .build();
    RunRecord first = run(model);
    assertThat(first.status()).isEqualTo(RunStatus.FAILED);
    Files.writeString(project.resolve("fixed"), "");

    RunRecord second =
        new LocalRunner(model, options(Optional.of(first.runId()), List.of()))
            .run(RunListener.NONE);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(second.resumedFrom()).isEqualTo(first.runId());
    assertThat(second.steps())
        .extracting(StepRecord::status)
        .containsExactly(StepStatus.REUSED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED);
    assertThat(stepOf(second, "a").attempts()).isEmpty();
    assertThat(Files.readAllLines(project.resolve("a.count"))).hasSize(1);
    assertThat(Files.readAllLines(project.resolve("c.count"))).hasSize(1);
    assertThat(runDirectory(second).resolve("logs/a.1.log")).doesNotExist();
  }

  @Test
  void aMissingSecretStopsTheRunBeforeAnyStepStarts() {
    host.remove("ESTEIRA_IT_ABSENT_SECRET");
    PipelineModel model =
        builder("p")
            .secret("ESTEIRA_IT_ABSENT_SECRET", "arn:aws:ssm:us-east-1:123456789012:parameter/x")
            .step(command("a", null, "touch ran", 1, 1, 0))
            .build();

    assertThatThrownBy(() -> run(model))
        .isInstanceOf(RunSetupException.class)
        .hasMessageContaining("[ESTEIRA-RUN-MISSING-SECRET]");
    assertThat(project.resolve("ran")).doesNotExist();
    assertThat(project.resolve(".esteira")).doesNotExist();
  }

  @Test
  void cancelLeavesNoStepProcessBehind() throws Exception {
    String sleeper = "echo $$ > %1$s.sh.pid; sleep 60 & echo $! > %1$s.pid; wait";
    PipelineModel model =
        builder("fixture")
            .step(command("x", null, String.format(sleeper, "x"), 1, 1, 0))
            .step(command("y", null, String.format(sleeper, "y"), 1, 1, 0))
            .step(
                step("sleepy")
                    .action(new StepAction.JavaMethod("io.esteira.local.Fixture", "sleepy", true)))
            .step(step("after").dependsOn("x"))
            .build();
    List<Path> classpath = FixtureClasspath.create(project.resolve("services"));
    host.put("SLEEPY_STARTED", project.resolve("sleepy.started").toString());
    LocalRunner runner = new LocalRunner(model, options(Optional.empty(), classpath));
    CompletableFuture<RunRecord> running =
        CompletableFuture.supplyAsync(() -> runner.run(RunListener.NONE));
    for (String file : List.of("x.pid", "y.pid", "x.sh.pid", "y.sh.pid", "sleepy.started")) {
      awaitFile(project.resolve(file));
    }
    List<ProcessHandle> before = new ArrayList<>(ProcessHandle.current().descendants().toList());
    for (String file : List.of("x.pid", "y.pid")) {
      ProcessHandle.of(Long.parseLong(Files.readString(project.resolve(file)).strip()))
          .ifPresent(before::add);
    }
    assertThat(before)
        .as("two shells, two sleeps and a step JVM")
        .hasSizeGreaterThanOrEqualTo(5)
        .anyMatch(p -> p.info().command().orElse("").endsWith("java"));

    runner.cancel();

    for (ProcessHandle process : before) {
      assertThat(process.isAlive()).as("process %d", process.pid()).isFalse();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    RunRecord record = running.get();
    assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(record.steps())
        .extracting(StepRecord::status)
        .containsExactly(
            StepStatus.CANCELLED, StepStatus.CANCELLED, StepStatus.CANCELLED, StepStatus.SKIPPED);
    assertThat(RunJson.read(runDirectory(record).resolve("run.json")).status())
        .isEqualTo(RunStatus.CANCELLED);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    for (int i = 0; i < 600 && !Files.exists(file); i++) {
      Thread.sleep(50);
    }
    assertThat(file).exists();
  }
}
