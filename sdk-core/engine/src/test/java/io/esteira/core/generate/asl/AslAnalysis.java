package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a generated state machine the way Step Functions runs it, independently of how the
 * generator built it: follows {@code StartAt}, {@code Next}, {@code Catch} and Parallel branches.
 * Gives, for each step, the steps guaranteed to be done before it starts, and the list of broken
 * structural rules.
 */
final class AslAnalysis {

  private static final String SUCCESS_TOPIC =
      io.esteira.core.generate.Placeholders.SUCCESS_TOPIC_ARN;

  private static final String RUN_TASK = "arn:aws:states:::ecs:runTask.sync";
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9 _-]{1,80}");

  private final Map<String, Set<String>> before = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> allNames = new HashSet<>();
  // Variables assigned so far on the success path, by name.
  private final Map<String, JsonNode> variables = new HashMap<>();

  private AslAnalysis() {}

  /** Step id to the steps every run completes before that step starts. */
  static Map<String, Set<String>> guaranteedBefore(JsonNode asl) {
    return analyse(asl).before;
  }

  /** The structural rules the machine breaks; empty when it keeps all of them. */
  static List<String> problems(JsonNode asl) {
    return analyse(asl).problems;
  }

  private static AslAnalysis analyse(JsonNode asl) {
    AslAnalysis analysis = new AslAnalysis();
    if (!asl.path("TimeoutSeconds").isInt()) {
      analysis.problems.add("no TimeoutSeconds");
    }
    analysis.scope(asl, "top level", true);
    analysis.run(asl.path("States"), asl.path("StartAt").asText(), new HashSet<>());
    return analysis;
  }

  /** Checks one States object: names, links, reachability, retriers, catchers. */
  private void scope(JsonNode machine, String where, boolean topLevel) {
    JsonNode states = machine.path("States");
    String start = machine.path("StartAt").asText();
    if (!states.has(start)) {
      problems.add(where + ": StartAt '" + start + "' is not a state");
    }
    Set<String> reachable = new HashSet<>();
    List<String> queue = new ArrayList<>(List.of(start));
    while (!queue.isEmpty()) {
      String name = queue.remove(queue.size() - 1);
      if (!reachable.add(name) || !states.has(name)) {
        continue;
      }
      JsonNode state = states.get(name);
      if (state.has("Next")) {
        queue.add(state.get("Next").asText());
      }
      state.path("Catch").forEach(c -> queue.add(c.path("Next").asText()));
    }
    states
        .fieldNames()
        .forEachRemaining(
            name -> {
              JsonNode state = states.get(name);
              if (!SAFE_NAME.matcher(name).matches()) {
                problems.add("unsafe or too long state name '" + name + "'");
              }
              if (!allNames.add(name)) {
                problems.add("state name used twice: '" + name + "'");
              }
              if (!reachable.contains(name)) {
                problems.add(where + ": '" + name + "' is unreachable");
              }
              String type = state.path("Type").asText();
              boolean terminal = type.equals("Succeed") || type.equals("Fail");
              if (!terminal && state.has("Next") == state.path("End").asBoolean(false)) {
                problems.add("'" + name + "' needs exactly one of Next and End");
              }
              if (state.has("Next") && !states.has(state.get("Next").asText())) {
                problems.add("'" + name + "' goes to missing '" + state.get("Next").asText() + "'");
              }
              errorHandlers(name, state.path("Retry"), "retrier");
              errorHandlers(name, state.path("Catch"), "catcher");
              state
                  .path("Catch")
                  .forEach(
                      c -> {
                        // A lost success notification must not fail a pipeline that succeeded.
                        boolean successNotice =
                            state
                                .path("Parameters")
                                .path("TopicArn")
                                .asText()
                                .equals(SUCCESS_TOPIC);
                        if (!successNotice
                            && !endsInFail(states, c.path("Next").asText(), new HashSet<>())) {
                          problems.add("a failure of '" + name + "' can end other than in a Fail");
                        }
                        // What a catcher assigns is there for the state it goes to.
                        String target = states.path(c.path("Next").asText()).toString();
                        c.path("Assign")
                            .fieldNames()
                            .forEachRemaining(
                                variable -> {
                                  if (!Pattern.compile(
                                          Pattern.quote("$" + variable) + "(?![A-Za-z0-9_])")
                                      .matcher(target)
                                      .find()) {
                                    problems.add(
                                        "'" + name + "' assigns $" + variable + " nobody reads");
                                  }
                                });
                      });
              if (type.equals("Task") && RUN_TASK.equals(state.path("Resource").asText())) {
                stepTask(name, state);
              }
              if (type.equals("Parallel")) {
                if (topLevel != state.has("Catch")) {
                  problems.add("'" + name + "': only top-level parallel states catch");
                }
                state.path("Branches").forEach(b -> scope(b, "branch of " + name, false));
              }
            });
  }

  private void stepTask(String name, JsonNode state) {
    JsonNode parameters = state.path("Parameters");
    if (parameters.has("LaunchType") || parameters.has("LaunchType.$")) {
      problems.add("'" + name + "' sets LaunchType");
    }
    if (!state.path("TimeoutSeconds").isInt()) {
      problems.add("'" + name + "' has no TimeoutSeconds");
    }
    if (!state.path("ResultPath").isNull()) {
      problems.add("'" + name + "' keeps the ECS task description in its output");
    }
    if (state.path("Catch").size() != 1) {
      problems.add("'" + name + "' must have one catcher");
    }
  }

  /** States.ALL only alone, and only in the last retrier or catcher. */
  private void errorHandlers(String name, JsonNode handlers, String kind) {
    for (int i = 0; i < handlers.size(); i++) {
      JsonNode errors = handlers.get(i).path("ErrorEquals");
      boolean all = false;
      for (JsonNode error : errors) {
        all |= error.asText().equals("States.ALL");
      }
      if (all && (errors.size() != 1 || i != handlers.size() - 1)) {
        problems.add("'" + name + "': States.ALL not alone in the last " + kind);
      }
    }
  }

  private static boolean endsInFail(JsonNode states, String name, Set<String> seen) {
    JsonNode state = states.path(name);
    if (!seen.add(name) || state.isMissingNode()) {
      return false;
    }
    return switch (state.path("Type").asText()) {
      case "Fail" -> true;
      case "Succeed" -> false;
      default -> state.has("Next") && endsInFail(states, state.get("Next").asText(), seen);
    };
  }

  /**
   * Follows the success path from {@code name} with {@code done} completed before it; returns what
   * is done when the path ends (End, Succeed or Fail).
   */
  private Set<String> run(JsonNode states, String name, Set<String> done) {
    Set<String> visited = new HashSet<>();
    while (name != null) {
      if (!visited.add(name)) {
        problems.add("the success path loops at '" + name + "'");
        return done;
      }
      JsonNode state = states.path(name);
      switch (state.path("Type").asText()) {
        case "Task" -> {
          if (RUN_TASK.equals(state.path("Resource").asText())) {
            if (!parameter(state.path("Parameters"), "CapacityProviderStrategy").isArray()) {
              problems.add("'" + name + "' has no CapacityProviderStrategy");
            }
            if (before.put(name, Set.copyOf(done)) != null) {
              problems.add("step '" + name + "' runs twice");
            }
            done = new LinkedHashSet<>(done);
            done.add(name);
          }
        }
        case "Parallel" -> {
          Set<String> after = new LinkedHashSet<>(done);
          for (JsonNode branch : state.path("Branches")) {
            after.addAll(run(branch.path("States"), branch.path("StartAt").asText(), done));
          }
          done = after;
        }
        case "Pass" ->
            state
                .path("Assign")
                .fields()
                .forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
        case "Succeed", "Fail" -> {
          return done;
        }
        default -> problems.add("unexpected state type at '" + name + "'");
      }
      name = state.path("End").asBoolean(false) ? null : state.path("Next").asText(null);
    }
    return done;
  }

  /**
   * A parameter's value as the task receives it: the value itself, or the variable its {@code .$}
   * form reads, which must have been assigned before; missing otherwise.
   */
  private JsonNode parameter(JsonNode parameters, String key) {
    if (parameters.has(key)) {
      return parameters.get(key);
    }
    String path = parameters.path(key + ".$").asText("");
    if (!path.matches("\\$[A-Za-z_][A-Za-z0-9_]*")) {
      return MissingNode.getInstance();
    }
    JsonNode value = variables.get(path.substring(1));
    if (value == null) {
      problems.add("parameter " + key + " reads " + path + " before it is assigned");
      return MissingNode.getInstance();
    }
    return value;
  }

  /** The transitive closure of a step-to-dependencies map. */
  static Map<String, Set<String>> closure(Map<String, ? extends Iterable<String>> dependsOn) {
    Map<String, Set<String>> result = new HashMap<>();
    for (String step : dependsOn.keySet()) {
      Set<String> all = new HashSet<>();
      List<String> stack = new ArrayList<>();
      dependsOn.get(step).forEach(stack::add);
      while (!stack.isEmpty()) {
        String next = stack.remove(stack.size() - 1);
        if (all.add(next)) {
          dependsOn.get(next).forEach(stack::add);
        }
      }
      result.put(step, all);
    }
    return result;
  }
}
