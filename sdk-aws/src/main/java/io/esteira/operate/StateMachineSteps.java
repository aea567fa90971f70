package io.esteira.operate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The steps of a deployed pipeline, read from its state machine's definition: every Task state that
 * runs an ECS task ({@code arn:<partition>:states:::ecs:runTask...}), in the order the definition
 * lists them, the branches of a parallel state in place. The generator writes states in the order
 * they run, so this is the pipeline's order; the notifications' Task states are not steps.
 */
public final class StateMachineSteps {

  private StateMachineSteps() {}

  /** The step ids of {@code definition}, or none when it is not a state machine's JSON. */
  public static List<String> of(String definition) {
    List<String> steps = new ArrayList<>();
    try {
      collect(Json.mapper().readTree(definition), steps);
    } catch (JsonProcessingException e) {
      return List.of();
    }
    return steps;
  }

  private static void collect(JsonNode machine, List<String> steps) {
    JsonNode states = machine == null ? null : machine.get("States");
    if (states == null || !states.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> state = it.next();
      JsonNode body = state.getValue();
      String type = body.path("Type").asText();
      if ("Task".equals(type) && body.path("Resource").asText().contains(":states:::ecs:runTask")) {
        steps.add(state.getKey());
      } else if ("Parallel".equals(type)) {
        body.path("Branches").forEach(branch -> collect(branch, steps));
      } else if ("Map".equals(type)) {
        collect(
            body.has("ItemProcessor") ? body.get("ItemProcessor") : body.get("Iterator"), steps);
      }
    }
  }
}
