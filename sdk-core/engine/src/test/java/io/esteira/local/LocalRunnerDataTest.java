package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static io.esteira.local.DataSteps.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step data with real {@code sh -c} processes: each attempt in a fresh work directory, declared
 * inputs and outputs copied through the run's store ({@code artifacts/}), run.json's record of them
 * checked against {@code sha256sum}, the hint for a file handed over without being declared,
 * resume, {@code --from}/{@code --only} on an earlier run's outputs, {@code latest}, and the shared
 * work directory of {@code --shared-work-dir}.
 */
class LocalRunnerDataTest {

  @TempDir Path project;

  private final Map<String, String> host = new HashMap<>(System.getenv());

  private RunOptions options() {
    return RunOptions.defaults(project)
        .withCapacity(new RunOptions.Capacity(8, 64))
        .withHostEnvironment(host);
  }

  private RunRecord run(PipelineModel model, RunOptions options) {
    return new LocalRunner(model, options).run(RunListener.NONE);
  }

  private Path runDirectory(RunRecord record) {
    return project.resolve(".esteira/runs").resolve(record.runId());
  }

  private static StepRecord stepOf(RunRecord record, String id) {
    return record.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static AttemptRecord last(StepRecord step) {
    return step.attempts().get(step.attempts().size() - 1);
  }

  /** extract writes features.csv, score reads it into scores.csv, report reads scores.csv. */
  private static PipelineModel declared(String scoreCommand) {
    return builder("p")
        .step(
            data(
                command(
                    "extract",
                    null,
                    "mkdir -p \"$ESTEIRA_WORK_DIR/stats\" && printf 'id,x\\n1,2\\n' >"
                        + " \"$ESTEIRA_WORK_DIR/features.csv\" && echo 1 >"
                        + " \"$ESTEIRA_WORK_DIR/stats/rows.txt\" && echo run >> extract.count",
                    1,
                    1,
                    0),
                List.of("features.csv", "stats/rows.txt")))
        .step(
            data(
                command("score", null, scoreCommand, 1, 1, 0).dependsOn("extract"),
                List.of("scores.csv"),
                "extract/features.csv",
                "extract/stats/rows.txt"))
        .step(
            data(
                command(
                        "report",
                        null,
                        "wc -l < \"$ESTEIRA_WORK_DIR/scores.csv\" > report.txt",
                        1,
                        1,
                        0)
                    .dependsOn("score"),
                List.of(),
                "score/scores.csv"))
        .build();
  }

  private static final String SCORE =
      "ls -A \"$ESTEIRA_WORK_DIR\" | sort | tr '\\n' ' ' > score.saw;"
          + " sed 's/$/,s/' \"$ESTEIRA_WORK_DIR/features.csv\" > \"$ESTEIRA_WORK_DIR/scores.csv\"";

  @Test
  void aStepReadingAFileItWasNotHandedFailsWithTheHintToDeclareIt() {
    PipelineModel model =
        builder("p")
            .step(
                command(
                    "extract_features",
                    null,
                    "echo 'id,x' > \"$ESTEIRA_WORK_DIR/features.csv\"",
                    1,
                    1,
                    0))
            .step(
                command(
                        "score_model",
                        null,
                        "cat \"$ESTEIRA_WORK_DIR/features.csv\" > /dev/null",
                        1,
                        1,
                        0)
                    .dependsOn("extract_features"))
            .build();

    RunRecord record = run(model, options());

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    AttemptRecord failed = last(stepOf(record, "score_model"));
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.cause())
        .startsWith("cat: ")
        .contains("features.csv: No such file or directory; ")
        .endsWith(
            "step score_model failed; it started in an empty work directory. extract_features"
                + " wrote features.csv but did not declare it as an output: declare `outputs:"
                + " [features.csv]` on extract_features and `inputs:"
                + " [extract_features/features.csv]` on score_model (docs/step-data.md)");
    Path run = runDirectory(record);
    assertThat(run.resolve("work/extract_features/1/features.csv")).exists();
    assertThat(run.resolve("work/score_model/1")).isEmptyDirectory();
  }

  @Test
  void declaredDataFlowsThroughTheStoreIntoFreshDirectoriesAndRunJsonRecordsIt() throws Exception {
    RunRecord record = run(declared(SCORE), options());

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path run = runDirectory(record);
    // score started with exactly its inputs, landed at their names.
    assertThat(Files.readString(project.resolve("score.saw"))).isEqualTo("features.csv stats ");
    assertThat(run.resolve("work/score/1/stats/rows.txt")).hasContent("1");
    assertThat(Files.readString(run.resolve("artifacts/score/scores.csv")))
        .isEqualTo("id,x,s\n1,2,s\n");
    assertThat(project.resolve("report.txt")).hasContent("2");
    assertThat(run.resolve("work/report/1")).exists();

    List<StoredOutput> extract = stepOf(record, "extract").outputs();
    assertThat(extract)
        .extracting(StoredOutput::name, StoredOutput::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("features.csv", "artifacts/extract/features.csv"),
            org.assertj.core.groups.Tuple.tuple(
                "stats/rows.txt", "artifacts/extract/stats/rows.txt"));
    for (StoredOutput output : extract) {
      Path file = run.resolve(output.path());
      assertThat(output.size()).isEqualTo(Files.size(file));
      assertThat(output.sha256()).isEqualTo(sha256sum(file));
    }
    assertThat(stepOf(record, "report").outputs()).isEmpty();
    assertThat(RunJson.read(run.resolve(RunJson.FILE))).isEqualTo(record);
    try (var files = Files.walk(run.resolve("artifacts"))) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.contains(".esteira-tmp"));
    }
  }

  @Test
  void everyStepSeesTheStoreItsDataAndItsUpstream() throws Exception {
    String dump =
        "for v in ESTEIRA_WORK_DIR ESTEIRA_STORE ESTEIRA_INPUTS ESTEIRA_OUTPUTS ESTEIRA_UPSTREAM;"
            + " do eval \"echo $v=\\$$v\"; done > \"$ESTEIRA_STEP.env\"; touch"
            + " \"$ESTEIRA_WORK_DIR/scores.csv\"";
    RunRecord record = run(declared(dump), options());

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path run = runDirectory(record).toAbsolutePath();
    List<String> lines = Files.readAllLines(project.resolve("score.env"));
    assertThat(lines)
        .containsExactly(
            "ESTEIRA_WORK_DIR=" + run.resolve("work/score/1"),
            "ESTEIRA_STORE=" + run.resolve("artifacts").toUri(),
            "ESTEIRA_INPUTS=extract/features.csv extract/stats/rows.txt",
            "ESTEIRA_OUTPUTS=scores.csv",
            "ESTEIRA_UPSTREAM=extract");
    String store = lines.get(1).substring("ESTEIRA_STORE=".length());
    assertThat(store).startsWith("file:/").endsWith("/");
    assertThat(Path.of(URI.create(store)).resolve("extract/features.csv")).exists();
  }

  @Test
  void aDeclaredOutputMissingFailsTheAttemptWhichIsRetriedInAFreshDirectory() throws Exception {
    // Writes scores.csv only when the marker a first attempt leaves in the project exists.
    String flaky =
        "ls -A \"$ESTEIRA_WORK_DIR\" | wc -l > attempt$ESTEIRA_ATTEMPT.files;"
            + " if [ -f tried ]; then echo ok > \"$ESTEIRA_WORK_DIR/scores.csv\"; else touch tried;"
            + " fi";
    PipelineModel model =
        builder("p")
            .step(
                data(
                    command("score", null, flaky, 1, 1, 0)
                        .retry(new RetryPolicy(1, 1, 2.0, 10, false)),
                    List.of("scores.csv")))
            .build();

    RunRecord record = run(model, options());

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<AttemptRecord> attempts = stepOf(record, "score").attempts();
    assertThat(attempts)
        .extracting(AttemptRecord::outcome)
        .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.SUCCEEDED);
    Path run = runDirectory(record).toAbsolutePath();
    assertThat(attempts.get(0).exitCode()).isZero();
    assertThat(attempts.get(0).cause())
        .isEqualTo(
            "declared output scores.csv is missing: step score exited with 0 but left no file"
                + " scores.csv in its work directory "
                + run.resolve("work/score/1")
                + "; write it to $ESTEIRA_WORK_DIR/scores.csv, or remove it from the step's"
                + " outputs");
    assertThat(project.resolve("attempt2.files")).hasContent("0");
    assertThat(run.resolve("artifacts/score/scores.csv")).hasContent("ok");
  }

  @Test
  void anInputNoStepStoredFailsTheAttemptBeforeTheCommandRuns() throws Exception {
    PipelineModel model =
        builder("p")
            .step(command("extract", null, "touch \"$ESTEIRA_WORK_DIR/features.csv\"", 1, 1, 0))
            .step(
                data(
                    command("score", null, "touch score.ran", 1, 1, 0).dependsOn("extract"),
                    List.of(),
                    "extract/features.csv"))
            .build();

    RunRecord record = run(model, options());

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    AttemptRecord failed = last(stepOf(record, "score"));
    assertThat(failed.exitCode()).isNull();
    assertThat(failed.cause())
        .startsWith("input extract/features.csv of step score is not in the run's store (")
        .contains(
            "): step extract stored nothing; declare `outputs: [features.csv]` on extract; step"
                + " score failed; it started in an empty work directory. extract wrote"
                + " features.csv but did not declare it as an output");
    assertThat(project.resolve("score.ran")).doesNotExist();
  }

  /** A first run whose score step fails until {@code fixed} exists in the project. */
  private RunRecord firstRunFailingAtScore() {
    RunRecord first =
        run(declared("test -f fixed || exit 4; " + SCORE), options().withSharedWorkDir(false));
    assertThat(first.status()).isEqualTo(RunStatus.FAILED);
    assertThat(stepOf(first, "extract").status()).isEqualTo(StepStatus.SUCCEEDED);
    return first;
  }

  @Test
  void resumeTakesTheReusedStepsOutputsIntoTheNewRunsStore() throws Exception {
    RunRecord first = firstRunFailingAtScore();
    Files.writeString(project.resolve("fixed"), "");

    RunRecord second =
        run(
            declared("test -f fixed || exit 4; " + SCORE),
            options().withResumeRunId(Optional.of(first.runId())));

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(second.steps())
        .extracting(StepRecord::status)
        .containsExactly(StepStatus.REUSED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED);
    assertThat(Files.readAllLines(project.resolve("extract.count"))).hasSize(1);
    Path reused = runDirectory(second).resolve("artifacts/extract/features.csv");
    assertThat(
            Files.isSameFile(reused, runDirectory(first).resolve("artifacts/extract/features.csv")))
        .as("hard-linked, not copied")
        .isTrue();
    assertThat(stepOf(second, "extract").outputs()).isEqualTo(stepOf(first, "extract").outputs());
    assertThat(runDirectory(second).resolve("artifacts/score/scores.csv")).exists();
  }

  @Test
  void fromAndOnlyWithResumeRunOnTheEarlierRunsOutputsAndLatestIsTheNewestRun() throws Exception {
    RunRecord first = firstRunFailingAtScore();
    Files.writeString(project.resolve("fixed"), "");

    RunRecord only =
        run(
            declared("test -f fixed || exit 4; " + SCORE),
            options().withOnly(Optional.of("score")).withResumeRunId(Optional.of(first.runId())));

    assertThat(only.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(only.resumedFrom()).isEqualTo(first.runId());
    assertThat(only.steps())
        .extracting(StepRecord::status)
        .containsExactly(StepStatus.REUSED, StepStatus.SUCCEEDED, StepStatus.SKIPPED);
    assertThat(stepOf(only, "extract").note())
        .isEqualTo("left out by --only score; outputs from run " + first.runId());
    assertThat(runDirectory(only).resolve("artifacts/score/scores.csv")).exists();
    assertThat(project.resolve("report.txt")).doesNotExist();

    // latest is the --only run, whose score succeeded: --from report runs report on its scores.
    RunRecord from =
        run(
            declared(SCORE),
            options()
                .withFrom(Optional.of("report"))
                .withResumeRunId(Optional.of(RunOptions.LATEST)));

    assertThat(from.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(from.resumedFrom()).isEqualTo(only.runId());
    assertThat(from.steps())
        .extracting(StepRecord::status)
        .containsExactly(StepStatus.REUSED, StepStatus.REUSED, StepStatus.SUCCEEDED);
    assertThat(project.resolve("report.txt")).hasContent("2");
    assertThat(Files.readAllLines(project.resolve("extract.count"))).hasSize(1);
    assertThat(runDirectory(from).resolve("artifacts/extract/features.csv")).exists();
  }

  @Test
  void onlyOrFromLeavingAnInputsProducerOutSaysToPassResume() {
    RunSetupException only =
        catchThrowableOfType(
            () -> run(declared(SCORE), options().withOnly(Optional.of("score"))),
            RunSetupException.class);
    RunSetupException from =
        catchThrowableOfType(
            () -> run(declared(SCORE), options().withFrom(Optional.of("report"))),
            RunSetupException.class);

    assertThat(only.problems())
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.RUN_INPUT_LEFT_OUT, EngineMessage.RUN_INPUT_LEFT_OUT);
    assertThat(only.getMessage())
        .contains(
            "step 'score' reads extract/features.csv, but --only score leaves step 'extract' out,"
                + " so this run would not store it; pass --resume <run id|latest> to take"
                + " extract's outputs from an earlier run, or run extract too");
    assertThat(from.getMessage())
        .contains("step 'report' reads score/scores.csv, but --from report");
    assertThat(project.resolve(".esteira")).doesNotExist();
  }

  @Test
  void resumingRunsWhereTheProducerFailedOrNoRunAtAllIsRefusedBeforeAnythingRuns()
      throws IOException {
    RunSetupException none =
        catchThrowableOfType(
            () -> run(declared(SCORE), options().withResumeRunId(Optional.of("latest"))),
            RunSetupException.class);
    assertThat(none.problems())
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.RUN_NO_RUNS);
    assertThat(none.getMessage())
        .contains("--resume latest: there is no run under " + project.resolve(".esteira/runs"));

    RunRecord first = firstRunFailingAtScore();
    RunSetupException failed =
        catchThrowableOfType(
            () ->
                run(
                    declared(SCORE),
                    options()
                        .withFrom(Optional.of("report"))
                        .withResumeRunId(Optional.of(first.runId()))),
            RunSetupException.class);
    assertThat(failed.getMessage())
        .contains(
            "step 'report' reads score/scores.csv, but step 'score' did not succeed in run "
                + first.runId());
  }

  @Test
  void aSharedWorkDirectoryKeepsTheOldBehaviourResumeIncluded() throws Exception {
    PipelineModel model =
        builder("p")
            .step(command("a", null, "echo data > \"$ESTEIRA_WORK_DIR/a.txt\"", 1, 1, 0))
            .step(
                command(
                        "b",
                        null,
                        "test -f fixed || exit 4; cat \"$ESTEIRA_WORK_DIR/a.txt\" > b.txt",
                        1,
                        1,
                        0)
                    .dependsOn("a"))
            .build();
    RunOptions shared = options().withSharedWorkDir(true);

    RunRecord first = run(model, shared);
    Files.writeString(project.resolve("fixed"), "");
    RunRecord second = run(model, shared.withResumeRunId(Optional.of(first.runId())));

    assertThat(first.status()).isEqualTo(RunStatus.FAILED);
    assertThat(last(stepOf(first, "b")).cause()).isEqualTo("exit code 4");
    assertThat(runDirectory(first).resolve("work/a.txt")).hasContent("data");
    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(project.resolve("b.txt")).hasContent("data");
    assertThat(runDirectory(second).resolve("work")).doesNotExist();
  }

  @Test
  void aJavaStepInAChildJvmSeesItsDataVariablesAndWhatItStoredIsRecorded() throws Exception {
    PipelineModel model =
        builder("fixture")
            .step(command("prepare", null, "echo x > \"$ESTEIRA_WORK_DIR/rows.csv\"", 1, 1, 0))
            .step(
                data(
                    step("stores")
                        .action(
                            new StepAction.JavaMethod("io.esteira.local.Fixture", "stores", true))
                        .dependsOn("prepare"),
                    List.of("model.bin")))
            .step(
                command("after", null, "cat \"$ESTEIRA_WORK_DIR/scratch.txt\"", 1, 1, 0)
                    .dependsOn("stores"))
            .build();
    List<Path> classpath = FixtureClasspath.create(project.resolve("services"));

    RunRecord record = run(model, options().withClasspath(classpath));

    Path run = runDirectory(record).toAbsolutePath();
    Path stored = run.resolve("artifacts/stores/model.bin");
    assertThat(Files.readAllLines(stored))
        .containsExactly(
            "ESTEIRA_WORK_DIR=" + run.resolve("work/stores/1"),
            "ESTEIRA_STORE=" + run.resolve("artifacts").toUri(),
            "ESTEIRA_INPUTS=",
            "ESTEIRA_OUTPUTS=model.bin",
            "ESTEIRA_UPSTREAM=prepare");
    assertThat(stepOf(record, "stores").outputs())
        .containsExactly(
            new StoredOutput(
                "model.bin", Files.size(stored), sha256sum(stored), "artifacts/stores/model.bin"));
    // after reads scratch.txt, which stores left undeclared: the hint names that step first, in
    // a Java step's words, then prepare's undeclared rows.csv; never the stored model.bin.
    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(last(stepOf(record, "after")).cause())
        .endsWith(
            "step after failed; it started in an empty work directory. stores wrote scratch.txt"
                + " but did not declare it as an output: declare `@Step(outputs ="
                + " \"scratch.txt\")` (or write it through ctx.output(\"scratch.txt\")) on stores"
                + " and `inputs: [stores/scratch.txt]` on after. prepare wrote rows.csv but did not"
                + " declare it as an output: declare `outputs: [rows.csv]` on prepare and `inputs:"
                + " [prepare/rows.csv]` on after (docs/step-data.md)");
  }

  /** The digest as coreutils' sha256sum computes it, independently of the runner's code. */
  private static String sha256sum(Path file) throws Exception {
    Process process = new ProcessBuilder("sha256sum", file.toString()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    return out.substring(0, out.indexOf(' '));
  }
}
