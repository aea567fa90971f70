package io.esteira.benchmarks;

import io.esteira.core.model.PipelineModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunListener;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The local runner's own heap for a large pipeline: runs {@code steps} no-op in-process steps (in
 * layers of 20, each layer waiting for the previous one) and prints the heap's peak use during the
 * run and what stays live after it. Run it in a JVM with a small {@code -Xmx} (the script uses 64
 * MB, the target): finishing at all shows the run fits; the peak says by how much.
 */
public final class RunnerHeap {

  private RunnerHeap() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path directory = Files.createTempDirectory("esteira-runner-heap-");
    PipelineModel model = RunnerPipelines.noOp(steps, "layers", 20);
    System.gc();
    long before = used();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    RunRecord record =
        new LocalRunner(
                model, RunnerPipelines.options(directory, 1000, RunOptions.JavaStepMode.IN_PROCESS))
            .run(RunListener.NONE);
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long after = used();
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(
        Locale.ROOT,
        "%d steps: %s in %,d ms; heap max %.1f MB, used before %.1f MB, peak during the run %.1f MB,"
            + " live after the run (record kept) %.1f MB%n",
        steps,
        record.status(),
        millis,
        mb(max),
        mb(before),
        mb(peak),
        mb(after));
    RunnerPipelines.delete(directory);
    if (record.status() != RunRecord.RunStatus.SUCCEEDED) {
      System.exit(1);
    }
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
