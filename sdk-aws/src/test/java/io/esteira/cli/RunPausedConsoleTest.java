package io.esteira.cli;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner with a console that does not read: it still keeps a step's deadline and ends the
 * run, and the console gets every line, in order, once it reads again.
 */
class RunPausedConsoleTest {

  @TempDir Path project;

  @Test
  void aStepTimesOutOnTimeWhileTheConsoleIsPausedAndTheLinesComeInOrderOnceItReads()
      throws Exception {
    PipelineModel model =
        builder("p")
            .step(
                command(
                        "slow",
                        null,
                        "for i in $(seq 1 3000); do echo \"line $i\"; done; sleep 60",
                        1,
                        1,
                        0)
                    .timeoutSeconds(1))
            .build();
    RunOptions options = RunOptions.defaults(project).withCapacity(new RunOptions.Capacity(8, 64));
    ConsoleWriterTest.PausedConsole paused = new ConsoleWriterTest.PausedConsole();
    RunProgress progress =
        new RunProgress(
            new PrintWriter(paused),
            new PrintWriter(new StringWriter()),
            project,
            false,
            true,
            null);

    CompletableFuture<RunRecord> run =
        CompletableFuture.supplyAsync(() -> new LocalRunner(model, options).run(progress));

    // The run ends, the step killed at its deadline, while the console still takes nothing.
    RunRecord record = run.get(30, TimeUnit.SECONDS);
    assertThat(paused.reached.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(paused.text()).isEmpty();
    AttemptRecord attempt = record.steps().get(0).attempts().get(0);
    assertThat(attempt.outcome()).isEqualTo(AttemptOutcome.TIMED_OUT);
    assertThat(Duration.between(attempt.startedAt(), attempt.endedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1))
        .isLessThan(Duration.ofSeconds(5));
    CompletableFuture<Void> closed = CompletableFuture.runAsync(progress::close);
    Thread.sleep(200);
    assertThat(closed).as("close waits for the console").isNotDone();

    paused.released.countDown();
    closed.get(30, TimeUnit.SECONDS);

    List<String> lines = paused.text().lines().toList();
    int started = indexOf(lines, "started   slow");
    int first = indexOf(lines, "slow | line 1");
    int timedOut = indexOf(lines, "timed out slow");
    assertThat(started).isNotNegative().isLessThan(first);
    assertThat(first).isLessThan(timedOut);
    // The step's lines all come before the line saying how its attempt ended.
    assertThat(lines.subList(timedOut, lines.size())).noneMatch(l -> l.startsWith("slow | "));
    assertThat(lines).contains("slow | line 3000");
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }
}
