package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run is a snapshot: its Java steps run the class path as it was when the run started, whatever
 * the project's build does meanwhile; {@code run.json} records the code and config hashes, and what
 * changed since a resumed run; a step whose launch fails before its code runs is not retried. Real
 * child JVMs, with {@link SnapshotDispatcher} registered in a class output the test writes.
 */
class LocalRunnerSnapshotTest {

  private static final String SERVICE = "META-INF/services/io.esteira.runtime.StepDispatcher";

  @TempDir Path project;

  private Path classes;
  private final Map<String, String> host = new HashMap<>(System.getenv());
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void buildTheProject() throws Exception {
    classes = project.resolve("target/classes");
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(classes.resolve(SERVICE), SnapshotDispatcher.class.getName() + "\n");
    Files.writeString(classes.resolve("version.txt"), "v1\n");
  }

  /** The project's class output, then this JVM's class path (the SDK and the dispatcher). */
  private List<Path> classpath(Path first) {
    List<Path> path = new ArrayList<>();
    path.add(first);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        path.add(Path.of(entry));
      }
    }
    return path;
  }

  private RunOptions options(List<Path> classpath) {
    return RunOptions.defaults(project)
        .withCapacity(new RunOptions.Capacity(8, 64))
        .withHostEnvironment(host)
        .withClasspath(classpath)
        .withNoRetryDelay(true);
  }

  private RunRecord run(PipelineModel model, RunOptions options) {
    return new LocalRunner(model, options)
        .run(
            new RunListener() {
              @Override
              public void warning(String message) {
                warnings.add(message);
              }
            });
  }

  private Path runDirectory(RunRecord record) {
    return project.resolve(".esteira/runs").resolve(record.runId());
  }

  private String log(RunRecord record, String name) throws Exception {
    return Files.readString(runDirectory(record).resolve("logs").resolve(name)).strip();
  }

  private static StepRecord stepOf(RunRecord record, String id) {
    return record.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  private static StepAction java(String id) {
    return new StepAction.JavaMethod("io.esteira.local.Snapshot", id, true);
  }

  /** version, then a rebuild of the project, then version_again. */
  private static PipelineModel rebuiltMidRun(String rebuild) {
    return builder("snapshot")
        .step(step("version").action(java("version")))
        .step(command("rebuild", null, rebuild, 1, 1, 0).dependsOn("version"))
        .step(step("version_again").action(java("version_again")).dependsOn("rebuild"))
        .build();
  }

  @Test
  void aRebuildDuringTheRunDoesNotChangeWhatItsLaterStepsRun() throws Exception {
    // The build rewrites the class output and, half-way, has no service registration yet: without
    // the snapshot the last step would print v2, or fail with ESTEIRA-RUN-UNKNOWN-PROJECT.
    PipelineModel model =
        rebuiltMidRun("echo v2 > target/classes/version.txt && rm target/classes/" + SERVICE);

    RunRecord record = run(model, options(classpath(classes)));

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log(record, "version.1.log")).isEqualTo("v1");
    assertThat(log(record, "version_again.1.log")).isEqualTo("v1");
    assertThat(Files.readString(classes.resolve("version.txt"))).isEqualTo("v2\n");
    Path copy = runDirectory(record).resolve("classpath/1-classes");
    assertThat(Files.readString(copy.resolve("version.txt"))).isEqualTo("v1\n");
    assertThat(copy.resolve(SERVICE)).exists();
    assertThat(Files.readAllLines(runDirectory(record).resolve(ClasspathSnapshot.LIST)).get(0))
        .isEqualTo(copy.toAbsolutePath().normalize().toString());
  }

  @Test
  void runJsonRecordsTheCodeAndConfigHashesAndTheRunKeepsItsPipeline() throws Exception {
    PipelineModel model = rebuiltMidRun("true");

    RunRecord first = run(model, options(classpath(classes)));
    RunRecord same = run(model, options(classpath(classes)));
    Files.writeString(classes.resolve("version.txt"), "v2\n");
    RunRecord changed = run(model, options(classpath(classes)));

    assertThat(first.codeHash()).matches("[0-9a-f]{64}");
    assertThat(same.codeHash()).isEqualTo(first.codeHash());
    assertThat(changed.codeHash()).isNotEqualTo(first.codeHash());
    assertThat(log(changed, "version.1.log")).isEqualTo("v2");
    String pipeline = Files.readString(runDirectory(first).resolve(LocalRunner.PIPELINE_JSON));
    assertThat(first.configHash()).isEqualTo(ClasspathSnapshot.sha256(pipeline));
    assertThat(same.configHash()).isEqualTo(first.configHash());
    assertThat(pipeline).contains("\"version_again\"");
    RunRecord read = RunJson.read(runDirectory(changed).resolve(RunJson.FILE));
    assertThat(read.codeHash()).isEqualTo(changed.codeHash());
    assertThat(read.configHash()).isEqualTo(changed.configHash());

    RunRecord otherConfig =
        run(
            builder("snapshot").step(step("version").action(java("version"))).build(),
            options(classpath(classes)));
    assertThat(otherConfig.configHash()).isNotEqualTo(first.configHash());
  }

  @Test
  void aResumeRunsTheNewCodeAndRecordsAndSaysThatItChanged() throws Exception {
    PipelineModel model =
        builder("snapshot")
            .step(step("version").action(java("version")))
            .step(command("gate", null, "test -f fixed", 1, 1, 0).dependsOn("version"))
            .step(step("version_again").action(java("version_again")).dependsOn("gate"))
            .build();
    RunRecord failed = run(model, options(classpath(classes)));
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    Files.writeString(project.resolve("fixed"), "");
    Files.writeString(classes.resolve("version.txt"), "v2\n");

    RunRecord resumed =
        run(model, options(classpath(classes)).withResumeRunId(Optional.of("latest")));

    assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(stepOf(resumed, "version").status()).isEqualTo(StepStatus.REUSED);
    assertThat(log(resumed, "version_again.1.log")).isEqualTo("v2");
    assertThat(resumed.changedSinceResumed()).containsExactly(RunRecord.CODE);
    assertThat(RunJson.read(runDirectory(resumed).resolve(RunJson.FILE)).changedSinceResumed())
        .containsExactly(RunRecord.CODE);
    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("the code (" + failed.codeHash().substring(0, 12) + " -> ")
        .contains("changed since run " + failed.runId());
  }

  @Test
  void aClassPathWithoutTheProjectIsASetupErrorThatIsNotRetried() throws Exception {
    // The SDK is there, the project's dispatcher is not: the launcher exits 2 before any step code.
    Path empty = Files.createDirectories(project.resolve("elsewhere"));
    PipelineModel model =
        builder("snapshot")
            .step(
                step("version")
                    .action(java("version"))
                    .retry(new RetryPolicy(2, 1, 2.0, 10, false)))
            .build();

    RunRecord record = run(model, options(classpath(empty)));

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    StepRecord version = stepOf(record, "version");
    assertThat(version.status()).isEqualTo(StepStatus.FAILED);
    assertThat(version.attempts()).hasSize(1);
    AttemptRecord only = version.attempts().get(0);
    assertThat(only.setupError()).isTrue();
    assertThat(only.exitCode()).isEqualTo(2);
    assertThat(only.cause()).startsWith("error: [ESTEIRA-RUN-UNKNOWN-PROJECT]");
    assertThat(version.note()).isEqualTo(Engine.SETUP_ERROR_NOTE);
    RunRecord read = RunJson.read(runDirectory(record).resolve(RunJson.FILE));
    assertThat(stepOf(read, "version").attempts().get(0).setupError()).isTrue();
    assertThat(stepOf(read, "version").note()).isEqualTo(Engine.SETUP_ERROR_NOTE);
  }

  @Test
  void aClassPathWithoutTheSdkIsASetupErrorThatIsNotRetried() throws Exception {
    PipelineModel model =
        builder("snapshot")
            .step(
                step("version")
                    .action(java("version"))
                    .retry(new RetryPolicy(2, 1, 2.0, 10, false)))
            .build();

    RunRecord record = run(model, options(List.of(classes)));

    AttemptRecord only = stepOf(record, "version").attempts().get(0);
    assertThat(stepOf(record, "version").attempts()).hasSize(1);
    assertThat(only.setupError()).isTrue();
    assertThat(only.cause()).startsWith("Error: Could not find or load main class");
  }

  @Test
  void aStepThatFailsItselfIsStillRetried() throws Exception {
    // Exit 2 from a command and a failing Java step are the steps' own failures.
    PipelineModel model =
        builder("snapshot")
            .step(
                command(
                        "two",
                        null,
                        "echo 'error: [ESTEIRA-RUN-UNKNOWN-PROJECT] mine' >&2; exit 2",
                        1,
                        1,
                        0)
                    .retry(new RetryPolicy(1, 1, 2.0, 10, false)))
            .build();

    RunRecord record = run(model, options(List.of()));

    assertThat(stepOf(record, "two").attempts())
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.setupError()).isFalse());
    assertThat(stepOf(record, "two").note()).isNotEqualTo(Engine.SETUP_ERROR_NOTE);
  }
}
