package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.cli.EsteiraCommand;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira run} on the built churn example: five Java steps in child JVMs, the two feature
 * steps side by side, each step reading what the ones before wrote in the run's work directory.
 */
class ChurnLocalRunIT {

  @TempDir Path tmp;

  @Test
  void theCommandLineRunsEveryStepInDependencyOrder() throws IOException {
    Path runs = tmp.resolve("runs");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine esteira = EsteiraCommand.commandLine();
    esteira.setOut(new PrintWriter(out));
    esteira.setErr(new PrintWriter(err));

    int exitCode =
        esteira.execute(
            "run", ".", "--runs-dir", runs.toString(), "--cpus", "4", "--memory-gb", "8");

    assertThat(exitCode).as(out + "\n" + err).isZero();
    Path dir;
    try (Stream<Path> dirs = Files.list(runs)) {
      List<Path> all = dirs.toList();
      assertThat(all).hasSize(1);
      dir = all.get(0);
    }
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.steps()).extracting(StepRecord::status).containsOnly(StepStatus.SUCCEEDED);
    StepRecord load = record.steps().get(0);
    StepRecord train =
        record.steps().stream().filter(s -> s.id().equals("train")).findFirst().orElseThrow();
    for (StepRecord step : record.steps()) {
      if (step.id().startsWith("features_")) {
        assertThat(step.attempts().get(0).startedAt())
            .isAfterOrEqualTo(load.attempts().get(0).endedAt());
        assertThat(train.attempts().get(0).startedAt())
            .isAfterOrEqualTo(step.attempts().get(0).endedAt());
      }
    }
    assertThat(dir.resolve("report.html")).exists();
  }
}
