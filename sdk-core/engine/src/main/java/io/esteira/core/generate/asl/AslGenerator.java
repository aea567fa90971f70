package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the Amazon States Language state machine of a pipeline in one environment.
 *
 * <p>Each step is an {@code ecs:runTask.sync} Task state named by the step id ({@link
 * StepTaskState}); the dependency graph becomes sequences and nested Parallel states ({@link
 * StructurePlanner}), exactly for a series-parallel graph, with reported waits otherwise; failures
 * are published to the failure topic and fail the execution, success is published when anyone
 * listens ({@link OutcomeStates}); limits are checked last ({@link AslLimits}).
 *
 * <p>Image layout convention: a shell step runs {@code sh -c <command>}; a Java step runs {@code
 * java -cp /app/lib/* io.esteira.runtime.StepLauncher <project> <step id>}, so a Java pipeline's
 * image must hold the pipeline jar and its dependencies under {@code /app/lib/}.
 *
 * <p>The definition is valid Amazon States Language except for {@code ${Name}} placeholders (see
 * {@link io.esteira.core.generate.Placeholders}); the size check assumes the deployer sends it
 * compact (without indentation), with the placeholders filled in.
 */
public final class AslGenerator {

  private AslGenerator() {}

  /** The state machine definition, with errors when a Step Functions limit would be passed. */
  public static Generated generate(PipelineModel model) {
    Diagnostics diagnostics = new Diagnostics();
    if (model.steps().isEmpty()) {
      diagnostics.error(EngineMessage.ASL_NO_STEPS, null);
      return new Generated(Json.object(), diagnostics.all());
    }
    if (!AslLimits.checkStepIds(model, diagnostics)) {
      return new Generated(Json.object(), diagnostics.all());
    }
    StructurePlanner.Result planned = StructurePlanner.plan(model.graph());
    for (StructurePlanner.AddedWait wait : planned.addedWaits()) {
      diagnostics.warning(
          EngineMessage.ASL_ADDED_WAIT,
          null,
          wait.step(),
          wait.waitsFor(),
          wait.waitsFor(),
          wait.step());
    }
    MachineLayout.Result layout = MachineLayout.layOut(model, planned.plan());

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
    AslLimits.checkDefinitionSize(model, asl, diagnostics);
    AslLimits.checkHistory(model, layout, diagnostics);
    return new Generated(asl, diagnostics.all());
  }

  /**
   * What each step waits for in the state machine: its declared dependencies, plus the waits the
   * sequence and parallel shape adds to a graph that has no exact form of that shape (each also
   * reported as {@link Message#ASL_ADDED_WAIT}). The local runner follows these, so a step starts
   * no earlier on a laptop than in the cloud. Step ids in declaration order.
   */
  public static Map<String, List<String>> waits(PipelineModel model) {
    Map<String, List<String>> waits = new LinkedHashMap<>();
    for (StepModel step : model.steps()) {
      waits.put(step.id(), new ArrayList<>(step.dependsOn()));
    }
    if (!model.steps().isEmpty()) {
      for (StructurePlanner.AddedWait wait : StructurePlanner.plan(model.graph()).addedWaits()) {
        List<String> list = waits.get(wait.step());
        if (!list.contains(wait.waitsFor())) {
          list.add(wait.waitsFor());
        }
      }
    }
    waits.replaceAll((id, list) -> List.copyOf(list));
    return waits;
  }
}
