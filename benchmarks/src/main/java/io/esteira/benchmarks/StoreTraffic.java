package io.esteira.benchmarks;

import io.esteira.core.model.PipelineModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bytes the local store moves per step: runs the {@link StorePipelines} chain once per mode and
 * prints, per step, what this process read and wrote through system calls ({@code rchar} and {@code
 * wchar} of {@code /proc/self/io}, Linux only), the step's own 1 MiB write included, and the wall
 * time. The difference between {@code declared} and {@code isolated} is the store's.
 */
public final class StoreTraffic {

  private StoreTraffic() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : StoreBenchmark.STEPS;
    Path io = Path.of("/proc/self/io");
    if (!Files.isReadable(io)) {
      System.out.println("no /proc/self/io on this system: bytes not counted");
      return;
    }
    for (String mode : List.of("shared", "isolated", "declared")) {
      PipelineModel chain = StorePipelines.chain(steps, mode);
      Path directory = Files.createTempDirectory("esteira-store-traffic-");
      StorePipelines.run(directory, chain, mode); // warm-up: classes loaded, JIT started
      RunnerPipelines.delete(directory.resolve("runs"));
      Map<String, Long> before = counters(io);
      long start = System.nanoTime();
      StorePipelines.run(directory, chain, mode);
      double millis = (System.nanoTime() - start) / 1e6;
      Map<String, Long> after = counters(io);
      System.out.printf(
          Locale.ROOT,
          "%-8s %d steps of a 1 MiB output: per step read %,d bytes, written %,d bytes, %.2f ms%n",
          mode,
          steps,
          (after.get("rchar") - before.get("rchar")) / steps,
          (after.get("wchar") - before.get("wchar")) / steps,
          millis / steps);
      RunnerPipelines.delete(directory);
    }
  }

  private static Map<String, Long> counters(Path io) throws IOException {
    Map<String, Long> values = new HashMap<>();
    for (String line : Files.readAllLines(io)) {
      int colon = line.indexOf(':');
      values.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
    }
    return values;
  }
}
