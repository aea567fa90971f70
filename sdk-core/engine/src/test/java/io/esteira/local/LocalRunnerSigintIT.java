package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT to a runner process whose shutdown hook cancels the run (what Ctrl-C does to {@code
 * esteira run}): the runner exits, no step process survives it, and run.json says cancelled. Where
 * {@code setsid} exists the runner gets a process group of its own and the signal goes to the whole
 * group, as a terminal sends it; the steps, in sessions of their own, are still recorded as
 * cancelled by the runner rather than failed by the signal.
 */
class LocalRunnerSigintIT {

  @TempDir Path project;

  @Test
  void sigintToTheRunnerLeavesNoStepProcessAndACancelledRecord() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    boolean group = Files.isExecutable(Path.of("/usr/bin/setsid"));
    List<String> command = new ArrayList<>();
    if (group) {
      command.add("/usr/bin/setsid");
    }
    command.addAll(
        List.of(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            SigintMain.class.getName(),
            project.toString()));
    Process runner =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(project.resolve("runner.out").toFile())
            .start();
    List<String> files = List.of("x.pid", "y.pid", "x.sh.pid", "y.sh.pid");
    for (String file : files) {
      Path path = project.resolve(file);
      for (int i = 0; i < 600 && !(Files.exists(path) && Files.size(path) > 0); i++) {
        Thread.sleep(50);
      }
      assertThat(path).isNotEmptyFile();
    }
    List<ProcessHandle> steps = new ArrayList<>(runner.descendants().toList());
    for (String file : files) {
      ProcessHandle.of(Long.parseLong(Files.readString(project.resolve(file)).strip()))
          .ifPresent(steps::add);
    }
    assertThat(steps).hasSizeGreaterThanOrEqualTo(4).allMatch(ProcessHandle::isAlive);

    String target = group ? "-" + runner.pid() : Long.toString(runner.pid());
    new ProcessBuilder("kill", "-INT", "--", target).start().waitFor();

    assertThat(runner.waitFor(60, TimeUnit.SECONDS)).as("the runner exits").isTrue();
    for (ProcessHandle step : steps) {
      assertThat(step.isAlive()).as("process %d", step.pid()).isFalse();
    }
    Path runs = project.resolve(".esteira" + File.separator + "runs");
    List<String> ids = RunDirectories.runIds(runs);
    assertThat(ids).hasSize(1);
    RunRecord record = RunJson.read(runs.resolve(ids.get(0)).resolve(RunJson.FILE));
    assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsOnly(StepStatus.CANCELLED);
  }
}
