package io.esteira.benchmarks;

import io.esteira.core.model.PipelineModel;
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
 * The local store's cost per step: a whole run of {@value #STEPS} chained steps per invocation,
 * each writing a 1 MiB output ({@link StorePipelines}), reported per step. The store's overhead is
 * {@code mode=declared} minus {@code mode=isolated} (target: under 10 ms per step for a 1 MB
 * output); {@code shared} is the runner before step data. {@link StoreTraffic} counts the bytes.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StoreBenchmark {

  static final int STEPS = 50;

  @Param({"shared", "isolated", "declared"})
  public String mode;

  private Path directory;
  private PipelineModel chain;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("esteira-store-bench-");
    chain = StorePipelines.chain(STEPS, mode);
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
  @OperationsPerInvocation(STEPS)
  public RunRecord chainOfOneMegabyteOutputs() {
    return StorePipelines.run(directory, chain, mode);
  }
}
