package io.esteira.benchmarks;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunListener;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The local runner's own cost, a whole run per invocation (run directory, a log file per attempt,
 * {@code run.json} rewritten on every change, the listener calls):
 *
 * <ul>
 *   <li>{@link #noOpSteps}: 200 no-op Java steps in-process, reported per step (target: under 5 ms
 *       per step). {@code chain} makes every step wait for the one before; {@code layers} runs them
 *       in layers of 10.
 *   <li>{@link #sleepingSteps}: 8 independent {@code sh -c 'sleep 1'} steps with capacity for 8,
 *       the whole run's wall time (target: under 1.5 s).
 * </ul>
 *
 * The runner's heap for 1,000 steps is measured by {@link RunnerHeap}, in its own small JVM.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RunnerBenchmark {

  static final int NO_OP_STEPS = 200;

  @Param({"chain", "layers"})
  public String shape;

  private Path directory;
  private PipelineModel noOp;
  private PipelineModel sleeping;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("esteira-runner-bench-");
    noOp = RunnerPipelines.noOp(NO_OP_STEPS, shape, 10);
    sleeping = RunnerPipelines.commands(8, "sleep 1");
  }

  @TearDown(Level.Iteration)
  public void clean() {
    RunnerPipelines.delete(directory.resolve("runs"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    RunnerPipelines.delete(directory);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(NO_OP_STEPS)
  public RunRecord noOpSteps() {
    RunRecord record =
        new LocalRunner(
                noOp, RunnerPipelines.options(directory, 1000, RunOptions.JavaStepMode.IN_PROCESS))
            .run(RunListener.NONE);
    return check(record);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public RunRecord sleepingSteps() {
    RunRecord record =
        new LocalRunner(
                sleeping, RunnerPipelines.options(directory, 8, RunOptions.JavaStepMode.CHILD_JVM))
            .run(RunListener.NONE);
    return check(record);
  }

  private static RunRecord check(RunRecord record) {
    if (record.status() != RunRecord.RunStatus.SUCCEEDED) {
      throw new IllegalStateException("the benchmark's run did not succeed: " + record.status());
    }
    return record;
  }
}
