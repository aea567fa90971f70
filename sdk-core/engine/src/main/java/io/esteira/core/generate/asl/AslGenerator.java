package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.plan.ExecutionPlan;
import io.esteira.diagnostics.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Generates the Amazon States Language state machine of a pipeline in one environment.
 *
 * <p>Each step is an {@code ecs:runTask.sync} Task state named by the step id ({@link
 * StepTaskState}); the pipeline's {@link ExecutionPlan} becomes sequences and nested Parallel
 * states, exactly for a series-parallel graph, with each wait the plan adds reported; failures are
 * published to the failure topic and fail the execution, success is published when anyone listens
 * ({@link OutcomeStates}); limits are checked last ({@link AslLimits}).
 *
 * <p>Image layout convention: a shell step runs {@code sh -c <command>}; a Java step runs {@code
 * java -cp /app/resources:/app/classes:/app/libs/* io.esteira.runtime.StepLauncher <project> <step
 * id>}, so a Java pipeline's image must hold, as Jib lays them out, the project's resources under
 * {@code /app/resources/}, its classes under {@code /app/classes/} and its dependency jars under
 * {@code /app/libs/}.
 *
 * <p>The definition is valid Amazon States Language except for {@code ${Name}} placeholders (see
 * {@link io.esteira.core.generate.Placeholders}); the size check assumes the deployer sends it
 * compact (without indentation), with the placeholders filled in.
 */
public final class AslGenerator {

  /**
   * How the cause of every failure the state machine reports itself begins ({@code Step <id>
   * failed: <the error as JSON>}), and no other cause does: the deployer's execution-level notice
   * leaves out failed executions whose cause begins so, since their failure notice was sent.
   */
  public static final String STEP_FAILURE_CAUSE_PREFIX = "Step ";

  /** Step Functions' limit on a state machine definition, in bytes (1 MiB). */
  public static final int MAX_DEFINITION_BYTES = AslLimits.MAX_DEFINITION_BYTES;

  /**
   * What a Java step's container runs, before {@code <project> <step id>}: the step launcher on the
   * class path of Jib's layout. The image builder (sdk-aws JavaImageBuilder) lays a Java pipeline's
   * image out to match, and makes this the image's default command.
   */
  public static final List<String> JAVA_STEP_LAUNCHER =
      List.of("java", "-cp", StepTaskState.CLASSPATH, StepTaskState.STEP_LAUNCHER);

  private AslGenerator() {}

  /** The state machine definition, with errors when a Step Functions limit would be passed. */
  public static Generated generate(PipelineModel model) {
    return generate(model, m -> ExecutionPlan.of(m.graph()));
  }

  /**
   * The same, with the plan from {@code planner}, which is asked only once the steps can be
   * planned: callers generating several environments of one pipeline plan a shared graph once.
   */
  public static Generated generate(
      PipelineModel model, Function<PipelineModel, ExecutionPlan> planner) {
    return generate(model, planner, Map.of());
  }

  /**
   * The same, with where each step's retries were set ({@code retriesFrom}, by step id, as a
   * message names it), so a history over the limit points to the line that drives it.
   */
  public static Generated generate(
      PipelineModel model,
      Function<PipelineModel, ExecutionPlan> planner,
      Map<String, String> retriesFrom) {
    Diagnostics diagnostics = new Diagnostics();
    if (model.steps().isEmpty()) {
      diagnostics.error(EngineMessage.ASL_NO_STEPS, null);
      return new Generated(Json.object(), diagnostics.all());
    }
    if (!AslLimits.checkStepIds(model, diagnostics)) {
      return new Generated(Json.object(), diagnostics.all());
    }
    ExecutionPlan planned = planner.apply(model);
    for (ExecutionPlan.AddedWait wait : planned.addedWaits()) {
      diagnostics.warning(
          EngineMessage.ASL_ADDED_WAIT,
          null,
          wait.step(),
          wait.waitsFor(),
          wait.waitsFor(),
          wait.step());
    }
    MachineLayout.Result layout = MachineLayout.layOut(model, planned.shape().orElseThrow());

    ObjectNode asl = Json.object();
    asl.put(
        "Comment",
        "Esteira pipeline "
            + model.project()
            + " version "
            + model.version()
            + ", environment "
            + model.environment());
    asl.put("StartAt", layout.startAt());
    asl.put("TimeoutSeconds", model.schedule().timeoutSeconds());
    asl.set("States", layout.states());

    AslLimits.checkNames(layout.names(), diagnostics);
    AslLimits.checkOverrides(model, diagnostics);
    long sentBytes = AslLimits.checkDefinitionSize(model, asl, diagnostics);
    AslLimits.checkHistory(model, layout, retriesFrom, diagnostics);
    return new Generated(asl, diagnostics.all(), sentBytes);
  }
}
