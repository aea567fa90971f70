package io.esteira.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the annotation processor adds to javac: the same module of {@code @Pipeline} sources
 * compiled in-process with {@code -proc:none} ({@code none}), with the processor on the processor
 * path as Maven runs it ({@code path}), and with a processor instance of already loaded classes
 * ({@code loaded}). One compilation per measured iteration, each into an emptied output directory
 * (emptied outside the measurement); {@link ProcessorOverhead} prints medians and ratios.
 *
 * <p>{@code steps200} is one pipeline of 200 steps; {@code pipelines50x20} is 50 pipelines of 20
 * steps in one module. See {@link PipelineSources}. JMH measures the cases one after another, each
 * in its own fork: on a machine whose load changes, {@link InterleavedCompileTimes} compares them
 * more fairly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 15)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ProcessorBenchmark {

  @Param({"steps200", "pipelines50x20"})
  public String shape;

  @Param({"none", "path", "loaded"})
  public String processing;

  private Path dir;
  private ModuleCompilation module;
  private ModuleCompilation.Processing mode;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Map<String, String> sources =
        switch (shape) {
          case "steps200" -> PipelineSources.module(1, 200);
          case "pipelines50x20" -> PipelineSources.module(50, 20);
          default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    mode = ModuleCompilation.Processing.valueOf(processing.toUpperCase(Locale.ROOT));
    dir = Files.createTempDirectory("esteira-bench-" + shape + "-");
    module = new ModuleCompilation(dir, sources, PipelineSources.CONFIG_YAML);
    describe(module.compileAndCount(mode));
  }

  @Setup(Level.Iteration)
  public void clean() {
    module.clean();
  }

  @Benchmark
  public boolean compile() {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    if (!module.compile(mode, diagnostics)) {
      throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
    }
    return true;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Prints what one compilation gives, and refuses to measure a failing one: a figure is only worth
   * something for a compilation that succeeded and, with the processor, wrote the artifacts.
   */
  private void describe(ModuleCompilation.Result result) {
    System.out.printf(
        "%n[%s, %s] %d class files, %d artifact files, %d warnings, %d errors%n",
        shape,
        processing,
        result.classes(),
        result.artifacts(),
        result.warnings(),
        result.errors().size());
    result.errors().stream().limit(5).forEach(e -> System.out.println("  " + e));
    if (!result.errors().isEmpty()) {
      throw new IllegalStateException("the benchmark sources do not compile; see above");
    }
    if (mode != ModuleCompilation.Processing.NONE && result.artifacts() == 0) {
      throw new IllegalStateException("the processor ran but wrote no artifact");
    }
  }
}
