package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code sh} steps that leave processes running: in the background, and in a session of their
 * own under {@code setsid}. None may outlive its step, and a run whose runner was killed with
 * SIGKILL is marked, and its orphans killed, by the {@code --resume} that runs it again.
 */
class LeftoverProcessesIT {

  private static final boolean SETSID = ProcessLauncher.SETSID != null;

  @TempDir Path project;

  @Test
  void aProcessAStepPutsInTheBackgroundDiesWhenTheStepEnds() throws Exception {
    String setsid =
        SETSID ? ProcessLauncher.SETSID + " sh -c 'echo $$ > own.pid; exec sleep 997' &" : "true;";
    PipelineModel model =
        builder("p")
            .step(
                command("x", null, "sleep 997 & echo $! > bg.pid; " + setsid + " sleep 1", 1, 1, 0))
            .build();

    RunRecord record = new LocalRunner(model, RunOptions.defaults(project)).run(RunListener.NONE);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(alive("bg.pid")).as("the backgrounded sleep").isEmpty();
    if (SETSID) {
      assertThat(alive("own.pid")).as("the sleep in a session of its own").isEmpty();
    }
    assertThat(runDirectory().resolve(RunnerLock.FILE))
        .as("runner.pid after the run")
        .doesNotExist();
  }

  @Test
  void resumeRefusesALiveRunnerThenMarksAKilledOneAndKillsWhatItLeft() throws Exception {
    Process runner =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledRunnerMain.class.getName(),
                project.toString())
            .redirectErrorStream(true)
            .redirectOutput(project.resolve("runner.out").toFile())
            .start();
    try {
      for (String file : List.of("x.pid", "own.pid")) {
        Path path = project.resolve(file);
        for (int i = 0; i < 600 && !(Files.exists(path) && Files.size(path) > 0); i++) {
          Thread.sleep(50);
        }
      }
      assertThat(alive("x.pid")).isPresent();
      String runId = runDirectory().getFileName().toString();

      RunSetupException refused =
          catchThrowableOfType(() -> resume(runId), RunSetupException.class);
      assertThat(refused.problems())
          .extracting(Diagnostic::message)
          .containsExactly(EngineMessage.RUN_RESUMED_STILL_RUNNING);
      assertThat(refused.getMessage())
          .contains("run " + runId + " is still running: its runner, process " + runner.pid());

      runner.destroyForcibly();
      assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(alive("x.pid")).as("the orphan, before --resume").isPresent();
      Files.writeString(project.resolve("resumed"), "");

      RunRecord again = resume(runId);

      assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(alive("x.pid")).as("the orphan, after --resume").isEmpty();
      assertThat(alive("own.pid")).as("the setsid orphan, after --resume").isEmpty();
      RunRecord marked = RunJson.read(project.resolve(".esteira/runs/" + runId + "/run.json"));
      assertThat(marked.status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(marked.endedAt()).isNotNull();
      assertThat(marked.steps().get(0).status()).isEqualTo(StepStatus.CANCELLED);
      assertThat(marked.steps().get(0).note())
          .startsWith("the runner stopped while this step ran")
          .contains("killed");
    } finally {
      runner.destroyForcibly();
      alive("x.pid").ifPresent(ProcessHandle::destroyForcibly);
      alive("own.pid").ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private RunRecord resume(String runId) {
    return new LocalRunner(
            KilledRunnerMain.model(project),
            RunOptions.defaults(project).withResumeRunId(Optional.of(runId)))
        .run(RunListener.NONE);
  }

  private Path runDirectory() {
    Path runs = project.resolve(".esteira" + File.separator + "runs");
    List<String> ids = RunDirectories.runIds(runs);
    return runs.resolve(ids.get(0));
  }

  private Optional<ProcessHandle> alive(String file) throws Exception {
    Path path = project.resolve(file);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(path).strip());
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    // A killed orphan is reaped by init at once; allow it a moment.
    for (int i = 0; i < 40 && handle.map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(50);
      handle = ProcessHandle.of(pid);
    }
    return handle.filter(ProcessHandle::isAlive);
  }
}
