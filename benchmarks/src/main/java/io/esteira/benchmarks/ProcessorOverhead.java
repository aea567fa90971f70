package io.esteira.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link ProcessorBenchmark} and prints, per shape, the median compile time without and with
 * the processor and their ratio, against the target: the processor adds at most 15% to javac's
 * time. Arguments are JMH's (for example {@code -i 30}, or {@code -p shape=steps200}).
 */
public final class ProcessorOverhead {

  /** The most the processor may add: 15%. */
  static final double TARGET_RATIO = 1.15;

  private ProcessorOverhead() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(cli)
                    .include(ProcessorBenchmark.class.getName() + ".compile")
                    .build())
            .run();
    // shape -> processing -> median in ms
    Map<String, Map<String, Double>> medians = new TreeMap<>();
    for (RunResult result : results) {
      String shape = result.getParams().getParam("shape");
      String processing = result.getParams().getParam("processing");
      double median = result.getPrimaryResult().getStatistics().getPercentile(50.0);
      medians.computeIfAbsent(shape, s -> new TreeMap<>()).put(processing, median);
    }
    System.out.println();
    System.out.println("Median compile time (ms), and the ratio to javac alone:");
    System.out.printf(
        Locale.ROOT,
        "%-16s %12s %12s %8s %12s %8s%n",
        "shape",
        "none",
        "path",
        "ratio",
        "loaded",
        "ratio");
    int compared = 0;
    boolean met = true;
    boolean implausible = false;
    for (Map.Entry<String, Map<String, Double>> shape : medians.entrySet()) {
      Double none = shape.getValue().get("none");
      StringBuilder line =
          new StringBuilder(String.format(Locale.ROOT, "%-16s %12s", shape.getKey(), ms(none)));
      for (String processing : new String[] {"path", "loaded"}) {
        Double with = shape.getValue().get(processing);
        line.append(String.format(Locale.ROOT, " %12s", ms(with)));
        if (none != null && with != null) {
          double ratio = with / none;
          met &= ratio <= TARGET_RATIO;
          // Doing more work cannot take less time: the load of the machine changed between cases.
          implausible |= ratio < 0.95;
          compared++;
          line.append(String.format(Locale.ROOT, " %8.3f", ratio));
        } else {
          line.append(String.format(Locale.ROOT, " %8s", "-"));
        }
      }
      System.out.println(line);
    }
    System.out.printf(
        Locale.ROOT,
        "Target: ratio <= %.2f (the processor adds at most 15%%): %s%n",
        TARGET_RATIO,
        compared == 0 ? "not measured (run none and path or loaded)" : met ? "met" : "NOT met");
    if (implausible) {
      System.out.println(
          "A ratio below 1 means the machine's load changed between the cases, so no ratio of this"
              + " run can be trusted; measure with scripts/bench-processor.sh --interleaved.");
    }
  }

  private static String ms(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
