package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.Schedule;
import io.esteira.local.FakeLauncher.Script;
import io.esteira.local.FakeLauncher.Trace;
import io.esteira.local.RunRecord.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scenario through both views of the same model: the local runner's trace (on simulated time)
 * and the generated state machine's settings. Every number the runner obeyed is read back from the
 * ASL, not from the model, so a change to either side that the other does not follow fails here.
 */
class RunnerAslAgreementTest {

  @TempDir Path directory;

  // a, then b and c at once, then d, plus e beside the whole chain. b fails twice before it
  // succeeds; c's first attempt hangs until its timeout; e takes longer than the chain, so with
  // room for every step each pair the ASL runs in parallel branches really overlaps.
  private final PipelineModel model =
      builder("p")
          .schedule(new Schedule(false, "", "", "UTC", 900, 0))
          .step(step("a"))
          .step(step("b").dependsOn("a").retry(new RetryPolicy(2, 2, 3.0, 5, false)))
          .step(
              step("c")
                  .dependsOn("a")
                  .timeoutSeconds(60)
                  .retry(new RetryPolicy(1, 4, 2.0, 600, false)))
          .step(step("d").dependsOn("b", "c"))
          .step(step("e"))
          .build();

  @Test
  void theRunnersTraceObeysTheStateMachinesRetryTimeoutAndGraphSettings() {
    JsonNode asl = AslGenerator.generate(model).json();
    RunHarness h = new RunHarness(directory);
    h.launcher.script("b", Script.fail(1), Script.fail(1), Script.ok(1));
    h.launcher.script("c", Script.hang(), Script.ok(1));
    h.launcher.script("e", Script.ok(100));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    Map<String, List<Level>> paths = new LinkedHashMap<>();
    walk(asl.get("States"), asl.get("StartAt").asText(), List.of(), "top", tasks, paths);
    assertThat(tasks.keySet()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");

    // Retries: attempts and the delays between them, from the retrier of the step's own errors.
    for (String id : tasks.keySet()) {
      JsonNode retrier = stepRetrier(tasks.get(id));
      List<Trace> attempts = attempts(h, id);
      int maxAttempts = retrier == null ? 0 : retrier.path("MaxAttempts").asInt(3);
      assertThat(attempts.size()).as("attempts of %s", id).isLessThanOrEqualTo(maxAttempts + 1);
      for (int retry = 1; retry < attempts.size(); retry++) {
        assertThat(retrier.has("JitterStrategy")).isFalse();
        // ASL's defaults: BackoffRate 2.0, and no cap without MaxDelaySeconds.
        double expected =
            Math.min(
                retrier.get("IntervalSeconds").asDouble()
                    * Math.pow(retrier.path("BackoffRate").asDouble(2.0), retry - 1),
                retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE));
        double waited = attempts.get(retry).start() - attempts.get(retry - 1).end();
        assertThat(waited).as("delay before retry %d of %s", retry, id).isEqualTo(expected);
      }
    }
    assertThat(attempts(h, "b"))
        .hasSize(stepRetrier(tasks.get("b")).path("MaxAttempts").asInt(3) + 1);

    // Time-outs: the killed attempt lasted exactly the Task's TimeoutSeconds.
    Trace killed = attempts(h, "c").get(0);
    assertThat(killed.killed()).isTrue();
    assertThat(killed.end() - killed.start())
        .isEqualTo(tasks.get("c").get("TimeoutSeconds").asDouble());

    // Graph: steps the ASL orders never overlap in the runner; steps in parallel branches do.
    List<String> ids = new ArrayList<>(tasks.keySet());
    int parallelPairs = 0;
    for (String x : ids) {
      for (String y : ids) {
        if (x.equals(y)) {
          continue;
        }
        Relation relation = relation(paths.get(x), paths.get(y));
        double xStart = attempts(h, x).get(0).start();
        double xEnd = last(attempts(h, x)).end();
        double yStart = attempts(h, y).get(0).start();
        double yEnd = last(attempts(h, y)).end();
        if (relation == Relation.BEFORE) {
          assertThat(xEnd).as("%s ends before %s starts", x, y).isLessThanOrEqualTo(yStart);
        } else if (relation == Relation.PARALLEL) {
          parallelPairs++;
          assertThat(xStart < yEnd && yStart < xEnd).as("%s and %s overlap", x, y).isTrue();
        }
      }
    }
    assertThat(parallelPairs).as("the scenario has parallel branches").isPositive();
  }

  @Test
  void theRunTimesOutWhenTheStateMachinesTimeoutRunsOut() {
    JsonNode asl = AslGenerator.generate(model).json();
    RunHarness h = new RunHarness(directory);
    h.launcher.script("e", Script.hang());

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(FakeClock.secondsOf(record.endedAt()))
        .isEqualTo(asl.get("TimeoutSeconds").asDouble());
  }

  private static JsonNode stepRetrier(JsonNode task) {
    for (JsonNode retrier : task.get("Retry")) {
      for (JsonNode error : retrier.get("ErrorEquals")) {
        if (error.asText().equals("States.TaskFailed")) {
          return retrier;
        }
      }
    }
    return null;
  }

  private static List<Trace> attempts(RunHarness h, String id) {
    return h.launcher.trace().stream().filter(t -> t.step().equals(id)).toList();
  }

  private static Trace last(List<Trace> traces) {
    return traces.get(traces.size() - 1);
  }

  /** One level of a state's place: its index in a sequence, or its branch of a Parallel state. */
  private record Level(boolean parallel, String scope, int index) {}

  private enum Relation {
    BEFORE,
    AFTER,
    PARALLEL
  }

  private static Relation relation(List<Level> x, List<Level> y) {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      Level a = x.get(i);
      Level b = y.get(i);
      if (a.index() != b.index()) {
        if (a.parallel()) {
          return Relation.PARALLEL;
        }
        return a.index() < b.index() ? Relation.BEFORE : Relation.AFTER;
      }
    }
    throw new IllegalStateException("two steps at one place: " + x + " " + y);
  }

  /** Follows Next from {@code start}, recording each ECS task and its place. */
  private static void walk(
      JsonNode states,
      String start,
      List<Level> prefix,
      String scope,
      Map<String, JsonNode> tasks,
      Map<String, List<Level>> paths) {
    String name = start;
    int index = 0;
    while (name != null) {
      JsonNode state = states.get(name);
      List<Level> here = new ArrayList<>(prefix);
      here.add(new Level(false, scope, index));
      if (state.path("Resource").asText().startsWith("arn:aws:states:::ecs:runTask")) {
        tasks.put(name, state);
        paths.put(name, here);
      } else if (state.path("Type").asText().equals("Parallel")) {
        JsonNode branches = state.get("Branches");
        for (int b = 0; b < branches.size(); b++) {
          List<Level> branch = new ArrayList<>(here);
          branch.add(new Level(true, name, b));
          JsonNode node = branches.get(b);
          walk(
              node.get("States"),
              node.get("StartAt").asText(),
              branch,
              name + "/" + b,
              tasks,
              paths);
        }
      }
      name = state.has("Next") ? state.get("Next").asText() : null;
      index++;
    }
  }
}
