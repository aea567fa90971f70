package io.esteira.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;

/**
 * The compile-time comparison of {@link ProcessorBenchmark} without JMH, for a busy machine: all
 * three ways of compiling run in one JVM, one after another in every round (starting with a
 * different one each round), so a change in the machine's load falls on all of them alike. JMH runs
 * each case in its own fork, one case after the other, where load that comes and goes can favour
 * one case. Prints the medians, the ratio of the medians, and the median of each round's ratio.
 *
 * <p>Arguments: {@code [rounds] [warm-up rounds]}, default 15 and 5.
 */
public final class InterleavedCompileTimes {

  private InterleavedCompileTimes() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(Locale.ROOT, "%d warm-up and %d measured rounds per shape%n", warmUp, rounds);
    measure("steps200", PipelineSources.module(1, 200), rounds, warmUp);
    measure("pipelines50x20", PipelineSources.module(50, 20), rounds, warmUp);
  }

  private static void measure(String shape, Map<String, String> sources, int rounds, int warmUp)
      throws IOException {
    Path dir = Files.createTempDirectory("esteira-bench-" + shape + "-");
    try {
      ModuleCompilation module = new ModuleCompilation(dir, sources, PipelineSources.CONFIG_YAML);
      ModuleCompilation.Processing[] modes = ModuleCompilation.Processing.values();
      for (ModuleCompilation.Processing mode : modes) {
        ModuleCompilation.Result result = module.compileAndCount(mode);
        if (!result.errors().isEmpty()) {
          throw new IllegalStateException(shape + " does not compile: " + result.errors());
        }
      }
      Map<ModuleCompilation.Processing, List<Double>> times =
          new EnumMap<>(ModuleCompilation.Processing.class);
      List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>());
      for (int round = 0; round < warmUp + rounds; round++) {
        Map<ModuleCompilation.Processing, Double> now =
            new EnumMap<>(ModuleCompilation.Processing.class);
        for (int k = 0; k < modes.length; k++) {
          ModuleCompilation.Processing mode = modes[(round + k) % modes.length];
          now.put(mode, timeOne(module, mode));
        }
        if (round >= warmUp) {
          now.forEach((mode, ms) -> times.computeIfAbsent(mode, m -> new ArrayList<>()).add(ms));
          double none = now.get(ModuleCompilation.Processing.NONE);
          ratios.get(0).add(now.get(ModuleCompilation.Processing.PATH) / none);
          ratios.get(1).add(now.get(ModuleCompilation.Processing.LOADED) / none);
        }
      }
      double none = median(times.get(ModuleCompilation.Processing.NONE));
      double path = median(times.get(ModuleCompilation.Processing.PATH));
      double loaded = median(times.get(ModuleCompilation.Processing.LOADED));
      System.out.printf(
          Locale.ROOT,
          "%-16s none %8.1f ms | path %8.1f ms, ratio %.3f (per round %.3f) | loaded %8.1f ms,"
              + " ratio %.3f (per round %.3f)%n",
          shape,
          none,
          path,
          path / none,
          median(ratios.get(0)),
          loaded,
          loaded / none,
          median(ratios.get(1)));
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static double timeOne(ModuleCompilation module, ModuleCompilation.Processing mode) {
    module.clean();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long start = System.nanoTime();
    boolean ok = module.compile(mode, diagnostics);
    double ms = (System.nanoTime() - start) / 1e6;
    if (!ok) {
      throw new IllegalStateException("compilation failed: " + diagnostics.getDiagnostics());
    }
    return ms;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
