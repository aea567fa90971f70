package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import io.esteira.core.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Plan} as the {@code States} of a state machine: a sequence becomes states linked
 * by {@code Next}, a parallel plan a {@code Parallel} state numbered in the order it is written.
 * The top level starts with the {@code "Pipeline settings"} Pass state, which assigns the variables
 * every step reads ({@link StepTaskState#sharedParameters}) and passes its input on unchanged.
 * Within each {@code States} object the running states come first in execution order, then the
 * failure states ({@code "Step failed"} and, when there is a parallel state, {@code "Branch
 * failed"} and {@code "Branch step failed"} at the top level; the branch's Fail state in a branch);
 * the top level ends with the notification and end states (see {@link OutcomeStates}).
 */
final class MachineLayout {

  /** A state name and the step it belongs to, if any; for the name checks. */
  record Name(String name, String stepId) {}

  /**
   * Where the states of one sequence send failures: a step's catcher to {@code stepTarget},
   * assigning the step id to {@code failedVariable} unless that is null (a branch with one step,
   * whose Fail state names it); a top-level parallel state's catcher to {@code parallelTarget}; and
   * whether any step did.
   */
  private static final class Scope {
    final String stepTarget;
    final String failedVariable;
    final String parallelTarget;
    final int depth;
    boolean used;

    Scope(String stepTarget, String failedVariable, String parallelTarget, int depth) {
      this.stepTarget = stepTarget;
      this.failedVariable = failedVariable;
      this.parallelTarget = parallelTarget;
      this.depth = depth;
    }
  }

  private final PipelineModel model;
  private final Map<String, StepModel> steps = new LinkedHashMap<>();
  private final List<Name> names = new ArrayList<>();
  private int parallels;
  private int maxDepth;

  private MachineLayout(PipelineModel model) {
    this.model = model;
    model.steps().forEach(step -> steps.put(step.id(), step));
  }

  /** The laid-out machine: the top-level {@code States}, its first state and what it holds. */
  record Result(String startAt, ObjectNode states, List<Name> names, int parallels, int depth) {}

  static Result layOut(PipelineModel model, Plan plan) {
    MachineLayout layout = new MachineLayout(model);
    return layout.topLevel(plan);
  }

  private Result topLevel(Plan plan) {
    boolean notifyFailure = !model.notifications().onFailure().isEmpty();
    boolean notifySuccess = !model.notifications().onSuccess().isEmpty();
    String onFailure = notifyFailure ? StateNames.NOTIFY_FAILURE : StateNames.PIPELINE_FAILED;
    String onSuccess = notifySuccess ? StateNames.NOTIFY_SUCCESS : StateNames.PIPELINE_SUCCEEDED;

    ObjectNode states = Json.object();
    // Assigns the parameters every step reads; written first, as it runs first.
    ObjectNode settings = Json.object();
    settings.put("Type", "Pass");
    settings.set("Assign", StepTaskState.sharedParameters(model));
    put(states, StateNames.SETTINGS, null, settings);
    Scope scope =
        new Scope(
            StateNames.STEP_FAILED,
            OutcomeStates.failedStepVariable(0),
            StateNames.BRANCH_FAILED,
            0);
    settings.put("Next", sequence(plan.asSequence(), states, scope, onSuccess));
    if (scope.used) {
      put(states, StateNames.STEP_FAILED, null, OutcomeStates.stepFailed(onFailure));
    }
    if (parallels > 0) {
      put(
          states,
          StateNames.BRANCH_FAILED,
          null,
          OutcomeStates.branchFailed(StateNames.BRANCH_STEP_FAILED));
      put(states, StateNames.BRANCH_STEP_FAILED, null, OutcomeStates.branchStepFailed(onFailure));
    }
    if (notifySuccess) {
      put(
          states,
          StateNames.NOTIFY_SUCCESS,
          null,
          OutcomeStates.notifySuccess(model, StateNames.PIPELINE_SUCCEEDED));
    }
    put(states, StateNames.PIPELINE_SUCCEEDED, null, OutcomeStates.succeed());
    if (notifyFailure) {
      put(
          states,
          StateNames.NOTIFY_FAILURE,
          null,
          OutcomeStates.notifyFailure(
              model, StateNames.PIPELINE_FAILED, StateNames.NOTICE_NOT_SENT));
      put(
          states,
          StateNames.NOTICE_NOT_SENT,
          null,
          OutcomeStates.noticeNotSent(StateNames.PIPELINE_FAILED));
    }
    put(states, StateNames.PIPELINE_FAILED, null, OutcomeStates.failWithPayloadError());
    return new Result(StateNames.SETTINGS, states, names, parallels, maxDepth);
  }

  /**
   * Writes the items one after the other into {@code states}, the last going to {@code next} (or
   * ending its branch when {@code next} is null), and returns the name of the first.
   */
  private String sequence(List<Plan> items, ObjectNode states, Scope scope, String next) {
    List<String> itemNames = new ArrayList<>();
    List<ObjectNode> itemStates = new ArrayList<>();
    for (Plan item : items) {
      if (item instanceof Plan.Step step) {
        itemNames.add(step.id());
        itemStates.add(
            StepTaskState.build(
                model, steps.get(step.id()), scope.stepTarget, scope.failedVariable));
        scope.used = true;
      } else if (item instanceof Plan.Parallel parallel) {
        String name = StateNames.parallel(++parallels);
        itemNames.add(name);
        itemStates.add(parallelState(name, parallel, scope));
      } else {
        throw new IllegalStateException("a sequence holds steps and parallels only: " + item);
      }
    }
    for (int i = 0; i < itemStates.size(); i++) {
      String following = i + 1 < itemStates.size() ? itemNames.get(i + 1) : next;
      ObjectNode state = itemStates.get(i);
      if (following == null) {
        state.put("End", true);
      } else {
        state.put("Next", following);
      }
      Plan item = items.get(i);
      put(states, itemNames.get(i), item instanceof Plan.Step s ? s.id() : null, state);
    }
    return itemNames.get(0);
  }

  private ObjectNode parallelState(String name, Plan.Parallel parallel, Scope outer) {
    int depth = outer.depth + 1;
    maxDepth = Math.max(maxDepth, depth);
    ObjectNode state = Json.object();
    state.put("Type", "Parallel");
    ArrayNode branches = state.putArray("Branches");
    int number = 0;
    for (Plan branch : parallel.branches()) {
      String failed = StateNames.branchFailed(name, ++number);
      List<Plan> items = branch.asSequence();
      String onlyStep = onlyStep(items);
      String variable = onlyStep == null ? OutcomeStates.failedStepVariable(depth) : null;
      Scope scope = new Scope(failed, variable, null, depth);
      ObjectNode branchStates = Json.object();
      String start = sequence(items, branchStates, scope, null);
      if (scope.used) {
        put(branchStates, failed, null, OutcomeStates.branchFail(onlyStep, variable));
      }
      ObjectNode branchNode = branches.addObject();
      branchNode.put("StartAt", start);
      branchNode.set("States", branchStates);
    }
    // The branches' outputs are copies of the input; keep the input instead of an array of them.
    state.putNull("ResultPath");
    if (outer.depth == 0) {
      ObjectNode catcher = state.putArray("Catch").addObject();
      catcher.putArray("ErrorEquals").add("States.ALL");
      catcher.put("Next", outer.parallelTarget);
    }
    return state;
  }

  /** The id of the one step a branch's sequence holds directly, or null when it holds more. */
  private static String onlyStep(List<Plan> items) {
    String only = null;
    for (Plan item : items) {
      if (item instanceof Plan.Step step) {
        if (only != null) {
          return null;
        }
        only = step.id();
      }
    }
    return only;
  }

  private void put(ObjectNode states, String name, String stepId, ObjectNode state) {
    names.add(new Name(name, stepId));
    states.set(name, state);
  }
}
