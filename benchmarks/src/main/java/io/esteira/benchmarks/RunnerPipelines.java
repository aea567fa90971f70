package io.esteira.benchmarks;

import io.esteira.core.model.Batch;
import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.RuntimeSettings;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.local.RunOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Models and options for the runner benchmarks. */
final class RunnerPipelines {

  private RunnerPipelines() {}

  /**
   * {@code steps} no-op Java steps of {@link NoOpDispatcher}'s project. {@code chain}: each waits
   * for the one before (every step pays the full start-to-next-start latency); {@code layers}:
   * layers of {@code width} steps, each layer waiting for the whole previous one (fan-out/fan-in).
   */
  static PipelineModel noOp(int steps, String shape, int width) {
    List<StepModel> list = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      List<String> deps = new ArrayList<>();
      if (shape.equals("chain") && i > 0) {
        deps.add("s" + (i - 1));
      } else if (shape.equals("layers") && i >= width) {
        int layerStart = (i / width - 1) * width;
        for (int j = layerStart; j < layerStart + width; j++) {
          deps.add("s" + j);
        }
      }
      list.add(
          step(
              "s" + i,
              new StepAction.JavaMethod("io.esteira.benchmarks.NoOp", "s" + i, true),
              deps));
    }
    return model(NoOpDispatcher.PROJECT, list);
  }

  /** {@code steps} independent command steps running {@code command}, 1 vCPU and 1 GiB each. */
  static PipelineModel commands(int steps, String command) {
    List<StepModel> list = new ArrayList<>(steps);
    for (int i = 0; i < steps; i++) {
      list.add(step("c" + i, new StepAction.Command(command), List.of()));
    }
    return model("bench_sleep", list);
  }

  private static StepModel step(String id, StepAction action, List<String> deps) {
    return new StepModel(
        id,
        id,
        action,
        new Resources(1.0, 1.0),
        3600,
        RetryPolicy.forStep(0),
        RetryPolicy.forInfrastructure(),
        deps);
  }

  static PipelineModel model(String project, List<StepModel> steps) {
    return new PipelineModel(
        project,
        "",
        "1.0.0",
        "dev",
        Map.of(),
        steps,
        new Schedule(false, "", "", "UTC", 3600, 0),
        RuntimeSettings.of(Map.of("ENV", "dev")),
        new Infra("ec2", "t3.xlarge", 0, 2, false),
        new Notifications(List.of(), List.of()),
        new MlflowSettings(project, List.of()),
        new Batch(true, Batch.STEP_FUNCTIONS));
  }

  static RunOptions options(Path directory, double cpu, RunOptions.JavaStepMode mode) {
    return RunOptions.defaults(directory)
        .withRunsRoot(directory.resolve("runs"))
        .withCapacity(new RunOptions.Capacity(cpu, cpu * 8))
        .withJavaSteps(mode)
        .withSharedWorkDir(true);
  }

  static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
