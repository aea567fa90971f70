package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.StepResolver.Draft;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Origin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the data steps hand each other: the names of outputs, and that each input names an output
 * of a step upstream of its reader. A step's inputs and outputs may come from {@code @Step(inputs,
 * outputs)} or from config.yaml; the checks are the same, and each problem is reported where the
 * value was written (a line of config.yaml, or the item of the annotation's array), so the
 * annotation processor and {@code esteira validate} say the same thing.
 *
 * <p>Runs once the dependencies are resolved: "upstream" is the transitive closure of {@code
 * depends_on} after the ordering rule, which is what the state machine and the local runner follow.
 */
final class StepData {

  private final Map<String, Draft> byId = new LinkedHashMap<>();
  private final boolean explicit;
  private final Diagnostics out;
  private final EnvironmentLayer layer;

  private StepData(List<Draft> drafts, EnvironmentLayer layer, Diagnostics out) {
    this.layer = layer;
    this.out = out;
    for (Draft d : drafts) {
      byId.putIfAbsent(d.id, d);
    }
    this.explicit = drafts.stream().anyMatch(d -> d.declaresDependencies);
  }

  /**
   * Checks the steps' outputs and inputs against one environment's graph; an input that is not
   * upstream because of what that environment's section wrote (the input, or a depends_on of the
   * reader or of a step upstream of it) names the environment of {@code layer}.
   */
  static void check(List<Draft> drafts, EnvironmentLayer layer, Diagnostics out) {
    StepData data = new StepData(drafts, layer, out);
    for (Draft d : drafts) {
      data.outputs(d);
    }
    for (Draft d : drafts) {
      data.inputs(d);
    }
  }

  /** {@code extract_features/features.csv} as a model input; the text must have passed checks. */
  static StepInput parse(String text) {
    int slash = text.indexOf('/');
    return new StepInput(text.substring(0, slash), text.substring(slash + 1));
  }

  private void outputs(Draft d) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < d.outputs.size(); i++) {
      String name = d.outputs.get(i);
      Origin at = d.outputsAt.get(i);
      var problem = Formats.dataName(name);
      if (problem.isPresent()) {
        out.error(EngineMessage.STEP_DATA_NAME, at, "output", name, d.id, problem.get());
      } else if (!seen.add(name)) {
        out.error(EngineMessage.STEP_DATA_DUPLICATE, at, d.id, "output", name);
      }
    }
  }

  private void inputs(Draft d) {
    Set<String> upstream = upstreamOf(d);
    Map<String, String> landing = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < d.inputs.size(); i++) {
      String text = d.inputs.get(i);
      Origin at = d.inputsAt.get(i);
      int slash = text.indexOf('/');
      if (slash <= 0 || slash == text.length() - 1) {
        out.error(EngineMessage.STEP_INPUT_FORMAT, at, text, d.id);
        continue;
      }
      String step = text.substring(0, slash);
      String name = text.substring(slash + 1);
      var problem = Formats.dataName(name);
      if (problem.isPresent()) {
        out.error(
            EngineMessage.STEP_DATA_NAME,
            at,
            "input",
            text,
            d.id,
            "names an output that " + problem.get());
        continue;
      }
      if (!seen.add(text)) {
        out.error(EngineMessage.STEP_DATA_DUPLICATE, at, d.id, "input", text);
        continue;
      }
      if (!producer(d, text, step, name, upstream, at)) {
        continue;
      }
      String first = landing.putIfAbsent(name, text);
      if (first != null) {
        out.error(EngineMessage.STEP_INPUT_SAME_NAME, at, first, text, d.id, name);
      }
    }
  }

  /**
   * Checks the step an input names: known, not the reader, upstream, and declaring the name; false
   * when it reported a problem.
   */
  private boolean producer(
      Draft reader, String text, String step, String name, Set<String> upstream, Origin at) {
    if (step.equals(reader.id)) {
      out.error(EngineMessage.STEP_INPUT_OWN_OUTPUT, at, reader.id, text);
      return false;
    }
    Draft producer = byId.get(step);
    if (producer == null) {
      List<String> ids = List.copyOf(byId.keySet());
      String hint = DidYouMean.suffix(step, ids);
      out.error(
          EngineMessage.STEP_INPUT_UNKNOWN_STEP,
          at,
          text,
          reader.id,
          step,
          hint.isEmpty() ? "; the steps are " + String.join(", ", ids) : hint);
      return false;
    }
    if (!upstream.contains(step)) {
      // The edges that decide what is upstream of the reader: its own and its ancestors'.
      List<Origin> graph = new ArrayList<>(List.of(at));
      graph.addAll(reader.dependsOnAt);
      for (String id : upstream) {
        Draft ancestor = byId.get(id);
        if (ancestor != null) {
          graph.addAll(ancestor.dependsOnAt);
        }
      }
      out.error(
          EngineMessage.STEP_INPUT_NOT_UPSTREAM,
          at,
          text,
          reader.id,
          layer.in(graph.toArray(Origin[]::new)),
          step,
          reader.id,
          reader.id,
          reader.id,
          waitRemedy(reader, step, at));
      return false;
    }
    boolean command = producer.action instanceof StepAction.Command;
    if (producer.outputs.contains(name) || (producer.outputs.isEmpty() && !command)) {
      return true; // a Java step that declares no outputs may store any with ctx.output(name)
    }
    String what =
        producer.outputs.isEmpty()
            ? "is a command step that declares no outputs, and a command step stores only the"
                + " files its outputs list names"
            : "declares only "
                + (producer.outputs.size() == 1 ? "the output " : "the outputs ")
                + String.join(", ", producer.outputs);
    out.error(
        EngineMessage.STEP_INPUT_NOT_AN_OUTPUT,
        at,
        text,
        reader.id,
        name,
        step,
        step,
        what,
        "add '"
            + name
            + "' to the outputs of step '"
            + step
            + "', or fix the name"
            + DidYouMean.aside(name, producer.outputs));
    return false;
  }

  /** How to make {@code reader} wait for {@code step}, in the words of where the input is. */
  private String waitRemedy(Draft reader, String step, Origin at) {
    if (at instanceof Origin.StepAttribute) {
      return "add \""
          + step
          + "\" to @Step(after) of its method"
          + (explicit ? "" : ", or declare its method after the method of '" + step + "'");
    }
    return "add '"
        + step
        + "' to its depends_on (depends_on: ["
        + step
        + "])"
        + (explicit ? "" : ", or move it below '" + step + "' in batch.pipeline.steps");
  }

  /** Every step {@code d} waits for, directly or through others. */
  private Set<String> upstreamOf(Draft d) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(d.dependsOn);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      Draft dep = byId.get(id);
      if (seen.add(id) && dep != null) {
        todo.addAll(dep.dependsOn);
      }
    }
    seen.remove(d.id); // a cycle, reported already
    return seen;
  }
}
