package io.esteira.benchmarks;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import io.esteira.local.LocalRunner;
import io.esteira.local.RunListener;
import io.esteira.local.RunOptions;
import io.esteira.local.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The pipeline of the store benchmarks: a chain of command steps, each replaced by an in-process
 * stub that writes a 1 MiB {@code out.bin} in its work directory, so what is measured is the
 * runner's part and not a process start. Three modes:
 *
 * <ul>
 *   <li>{@code shared}: one work directory for every step, nothing declared (the runner before step
 *       data, {@code --shared-work-dir});
 *   <li>{@code isolated}: a fresh work directory per attempt, nothing declared;
 *   <li>{@code declared}: a fresh work directory per attempt, each step declaring {@code out.bin}
 *       as its output and the previous step's {@code out.bin} as its input, so the runner copies 1
 *       MiB in before each step, 1 MiB out after it, and digests it for {@code run.json}.
 * </ul>
 *
 * The store's overhead per step is {@code declared} minus {@code isolated}.
 */
final class StorePipelines {

  /** The size of each step's output. */
  static final int OUTPUT_BYTES = 1 << 20;

  private static final byte[] OUTPUT = new byte[OUTPUT_BYTES];

  static {
    new Random(42).nextBytes(OUTPUT);
  }

  private StorePipelines() {}

  static PipelineModel chain(int steps, String mode) {
    boolean declared = mode.equals("declared");
    List<StepModel> list = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      String previous = "c" + (i - 1);
      list.add(
          new StepModel(
              "c" + i,
              "c" + i,
              new StepAction.Command("true"),
              new Resources(1.0, 1.0),
              3600,
              RetryPolicy.forStep(0),
              RetryPolicy.forInfrastructure(),
              i == 0 ? List.of() : List.of(previous),
              declared && i > 0 ? List.of(new StepInput(previous, "out.bin")) : List.of(),
              declared ? List.of("out.bin") : List.of()));
    }
    return RunnerPipelines.model("bench_store", list);
  }

  /** Runs the chain once under {@code directory}; throws unless it succeeded. */
  static RunRecord run(Path directory, PipelineModel model, String mode) {
    RunOptions options =
        RunnerPipelines.options(directory, 1000, RunOptions.JavaStepMode.IN_PROCESS)
            .withHostEnvironment(Map.of())
            .withSharedWorkDir(mode.equals("shared"));
    LocalRunner runner = new LocalRunner(model, options);
    for (StepModel step : model.steps()) {
      runner.stub(step.id(), context -> Files.write(context.workDir().resolve("out.bin"), OUTPUT));
    }
    RunRecord record = runner.run(RunListener.NONE);
    if (record.status() != RunRecord.RunStatus.SUCCEEDED) {
      throw new IllegalStateException("the benchmark's run did not succeed: " + record);
    }
    return record;
  }
}
