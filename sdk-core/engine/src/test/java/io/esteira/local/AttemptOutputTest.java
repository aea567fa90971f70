package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What in-process steps print goes to their own attempt's log, as a child JVM's output does; the
 * runner's own printing (a listener, as the command line's progress) stays on the console.
 */
class AttemptOutputTest {

  @TempDir Path project;

  private final PrintStream realOut = System.out;
  private final PrintStream realErr = System.err;
  private final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
  private PrintStream console;

  @BeforeEach
  void captureTheConsole() {
    console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
    System.setOut(console);
    System.setErr(console);
  }

  @AfterEach
  void restoreTheConsole() {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  private String console() {
    return consoleBytes.toString(StandardCharsets.UTF_8);
  }

  private LocalRunner runner(PipelineModel model) {
    return new LocalRunner(
        model,
        RunOptions.defaults(project)
            .withRunsRoot(project.resolve("runs"))
            .withCapacity(new RunOptions.Capacity(8, 64))
            .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
            .withHostEnvironment(Map.of())
            .withSharedWorkDir(true));
  }

  /** Prints lines of its own on both streams, from its thread and from a thread it starts. */
  private static StepBody printer(String id, CyclicBarrier together) {
    return context -> {
      together.await(10, TimeUnit.SECONDS);
      for (int i = 0; i < 200; i++) {
        System.out.println(id + " out " + i);
        System.err.printf("%s err %d%n", id, i);
      }
      Thread child = new Thread(() -> System.out.println(id + " child"));
      child.start();
      child.join();
    };
  }

  private static List<String> expected(String id) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lines.add(id + " out " + i);
      lines.add(id + " err " + i);
    }
    lines.add(id + " child");
    return lines;
  }

  @Test
  void twoParallelStepsEachPrintIntoTheirOwnLogAndTheRunnersLinesStayOnTheConsole()
      throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    PipelineModel model = builder("p").step(step("a")).step(step("b")).build();
    RunListener progress =
        new RunListener() {
          @Override
          public void attemptFinished(String stepId, AttemptRecord attempt) {
            System.out.println("progress: " + stepId + " " + attempt.outcome());
          }
        };

    RunRecord record =
        runner(model)
            .stub("a", printer("a", together))
            .stub("b", printer("b", together))
            .run(progress);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path logs = project.resolve("runs").resolve(record.runId()).resolve("logs");
    assertThat(Files.readAllLines(logs.resolve("a.1.log")))
        .containsExactlyElementsOf(expected("a"));
    assertThat(Files.readAllLines(logs.resolve("b.1.log")))
        .containsExactlyElementsOf(expected("b"));
    assertThat(console().lines())
        .containsExactlyInAnyOrder("progress: a SUCCEEDED", "progress: b SUCCEEDED");
    assertThat(System.out).isSameAs(console);
    assertThat(System.err).isSameAs(console);
  }

  @Test
  void aThreadAStepLeftRunningPrintsToTheConsoleOnceItsAttemptEnded() throws Exception {
    Thread[] left = new Thread[1];
    PipelineModel model = builder("p").step(step("a")).build();
    CyclicBarrier ended = new CyclicBarrier(2);

    RunRecord record =
        runner(model)
            .stub(
                "a",
                context -> {
                  left[0] =
                      new Thread(
                          () -> {
                            try {
                              ended.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                              throw new IllegalStateException(e);
                            }
                            System.out.println("after the attempt");
                          });
                  left[0].start();
                  System.out.println("during the attempt");
                })
            .run(RunListener.NONE);
    ended.await(10, TimeUnit.SECONDS);
    left[0].join();

    Path log = project.resolve("runs").resolve(record.runId()).resolve("logs/a.1.log");
    assertThat(Files.readAllLines(log)).containsExactly("during the attempt");
    assertThat(console().lines()).containsExactly("after the attempt");
  }

  @Test
  void overlappingRunsShareTheRoutingAndTheLastOneRestoresTheStreams() {
    AttemptOutput.Installed first = AttemptOutput.install();
    AttemptOutput.Installed second = AttemptOutput.install();
    PrintStream routed = System.out;
    assertThat(routed).isNotSameAs(console);

    first.close();
    first.close();
    assertThat(System.out).isSameAs(routed);
    second.close();

    assertThat(System.out).isSameAs(console);
    assertThat(System.err).isSameAs(console);
  }
}
