package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepGraph;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which steps a run runs, from {@code only}, {@code from} and the run being resumed. A step left
 * out is {@link StepStatus#SKIPPED} or {@link StepStatus#REUSED} from the start, with a note, and
 * counts as done for the steps that wait for it: {@code --only score} runs {@code score} without
 * its upstream, as a developer re-running one step expects.
 *
 * <p>Resume: a step that succeeded (or was itself reused) in the resumed run is reused, unless a
 * step it depends on, directly or not, runs again; every other step runs. With {@code --only} or
 * {@code --from} as well, the selection says what runs, and of the steps left out those that
 * succeeded in the resumed run are reused (for {@code --only}, those upstream of the step), so the
 * steps that run read their outputs from it.
 */
final class RunSelection {

  /** A step's place in the run: whether it runs, and if not, its status and why. */
  record Choice(boolean runs, StepStatus status, String note) {
    static final Choice RUN = new Choice(true, StepStatus.PENDING, null);
  }

  private RunSelection() {}

  /**
   * The choice per step, in the model's order. The names in {@code only}/{@code from} must be steps
   * of the model (the runner checks that first).
   */
  static Map<String, Choice> choose(
      PipelineModel model,
      Optional<String> only,
      Optional<String> from,
      Optional<RunRecord> resumed) {
    StepGraph graph = model.graph();
    Map<String, Choice> choices = new LinkedHashMap<>();
    if (only.isPresent() || from.isPresent()) {
      String flag = only.isPresent() ? "--only " + only.get() : "--from " + from.get();
      Set<String> runs =
          only.isPresent() ? Set.of(only.get()) : downstream(graph, Set.of(from.get()));
      // With --resume, what the running steps may read comes from that run: --only takes the
      // step's upstream, --from everything it does not run again.
      Set<String> reusable =
          only.isPresent()
              ? Set.copyOf(Upstream.of(model).getOrDefault(only.get(), List.of()))
              : Set.copyOf(graph.nodes());
      for (String id : graph.nodes()) {
        if (runs.contains(id)) {
          choices.put(id, Choice.RUN);
        } else if (resumed.isPresent() && reusable.contains(id) && succeeded(resumed.get(), id)) {
          choices.put(
              id,
              new Choice(
                  false,
                  StepStatus.REUSED,
                  "left out by " + flag + "; outputs from run " + resumed.get().runId()));
        } else {
          choices.put(id, new Choice(false, StepStatus.SKIPPED, "left out by " + flag));
        }
      }
      return choices;
    }
    if (resumed.isPresent()) {
      RunRecord previous = resumed.get();
      Set<String> again = new LinkedHashSet<>();
      for (String id : graph.nodes()) {
        if (!succeeded(previous, id)) {
          again.add(id);
        }
      }
      Set<String> runs = downstream(graph, again);
      for (String id : graph.nodes()) {
        choices.put(
            id,
            runs.contains(id)
                ? Choice.RUN
                : new Choice(false, StepStatus.REUSED, "succeeded in run " + previous.runId()));
      }
      return choices;
    }
    graph.nodes().forEach(id -> choices.put(id, Choice.RUN));
    return choices;
  }

  private static boolean succeeded(RunRecord previous, String id) {
    return previous.steps().stream()
        .filter(s -> s.id().equals(id))
        .map(StepRecord::status)
        .anyMatch(s -> s == StepStatus.SUCCEEDED || s == StepStatus.REUSED);
  }

  /** The given steps and every step that depends on one of them, directly or not. */
  static Set<String> downstream(StepGraph graph, Set<String> starts) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(starts);
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        todo.addAll(graph.successors(id));
      }
    }
    return seen;
  }
}
