package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.Schedule;
import io.esteira.local.FakeLauncher.Script;
import io.esteira.local.FakeLauncher.Trace;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run loop's decisions on simulated time (no process runs, no real waiting): order, capacity,
 * retries and their delays, time-outs, and how a failure, the pipeline timeout and a cancel end a
 * run.
 */
class LocalRunnerSchedulingTest {

  @TempDir Path directory;

  private RunHarness harness;

  private RunHarness harness() {
    if (harness == null) {
      harness = new RunHarness(directory);
    }
    return harness;
  }

  @Test
  void aChainRunsInDependencyOrderAndTellsTheSuccessRecipients() {
    PipelineModel model =
        builder("p")
            .step(step("a"))
            .step(step("b").dependsOn("a"))
            .step(step("c").dependsOn("b"))
            .build();

    RunRecord record = harness().run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(harness.launcher.trace())
        .extracting(Trace::step, Trace::start, Trace::end)
        .containsExactly(tuple("a", 0.0, 1.0), tuple("b", 1.0, 2.0), tuple("c", 2.0, 3.0));
    assertThat(harness.events).last().isEqualTo("notify SUCCEEDED [ml-team@rentcars.com]");
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsOnly(StepStatus.SUCCEEDED);
  }

  @Test
  void independentStepsShareTheCapacityAndTheRestWait() {
    PipelineModel independent =
        builder("p")
            .step(step("a"))
            .step(step("b"))
            .step(step("c"))
            .step(step("d").dependsOn("a"))
            .build();

    RunHarness h = harness();
    h.capacity = new RunOptions.Capacity(2, 100); // each step declares 1 vCPU, 2 GiB
    h.run(independent);

    assertThat(h.launcher.trace())
        .extracting(Trace::step, Trace::start)
        .containsExactlyInAnyOrder(
            tuple("a", 0.0), tuple("b", 0.0), tuple("c", 1.0), tuple("d", 1.0));
  }

  @Test
  void memoryLimitsTheStepsRunningAtOnceToo() {
    PipelineModel model = builder("p").step(step("a")).step(step("b")).step(step("c")).build();
    RunHarness h = harness();
    h.capacity = new RunOptions.Capacity(64, 5); // 2 GiB each: two fit, not three

    h.run(model);

    assertThat(h.launcher.trace()).extracting(Trace::start).containsExactly(0.0, 0.0, 1.0);
  }

  @Test
  void aStepLargerThanTheWholeCapacityRunsAlone() {
    PipelineModel model =
        builder("p")
            .step(step("small1"))
            .step(step("big").resources(16, 64))
            .step(step("small2"))
            .build();
    RunHarness h = harness();
    h.capacity = new RunOptions.Capacity(4, 16);
    h.launcher.script("big", Script.ok(5));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    Trace big = traceOf(h, "big", 1);
    for (Trace other : h.launcher.trace()) {
      if (!other.step().equals("big")) {
        boolean overlaps = other.start() < big.end() && big.start() < other.end();
        assertThat(overlaps).as("%s overlaps big", other.step()).isFalse();
      }
    }
  }

  @Test
  void retriesWaitTheRetriersDelaysUpToTheMaximum() {
    // 2 s, then 4 s, then 8 s capped at 5 s: IntervalSeconds 2, BackoffRate 2, MaxDelaySeconds 5.
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(3, 2, 2.0, 5, false))).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(record.steps().get(0).attempts()).hasSize(4);
    assertThat(h.launcher.trace()).extracting(Trace::start).containsExactly(0.0, 3.0, 8.0, 14.0);
    assertThat(h.delays)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
    assertThat(record.steps().get(0).attempts().get(3).cause())
        .isEqualTo("java.lang.IllegalStateException: scripted");
    assertThat(h.events)
        .last()
        .isEqualTo("notify FAILED [ml-team@rentcars.com, oncall@rentcars.com]");
  }

  @Test
  void noRetryDelayRetriesAtOnceAndSaysSoInTheRecord() {
    // With jitter and a long interval, the cloud would wait up to 60 s, then up to 120 s.
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(2, 60, 2.0, 600, true))).build();
    RunHarness h = harness();
    h.noRetryDelay = true;
    h.launcher.script("a", Script.fail(1));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(record.steps().get(0).attempts()).hasSize(3);
    assertThat(h.delays).containsExactly(Duration.ZERO, Duration.ZERO);
    // Each attempt starts when the one before ends (each takes 1 s of simulated time).
    assertThat(h.launcher.trace()).extracting(Trace::start).containsExactly(0.0, 1.0, 2.0);
    assertThat(record.steps().get(0).note()).isEqualTo(Engine.NO_RETRY_DELAY_NOTE);
  }

  @Test
  void withoutNoRetryDelayTheSameRetriesWaitTheBackoff() {
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(2, 60, 2.0, 600, false))).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1));

    RunRecord record = h.run(model);

    assertThat(record.steps().get(0).attempts()).hasSize(3);
    assertThat(h.delays).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120));
    assertThat(h.launcher.trace()).extracting(Trace::start).containsExactly(0.0, 61.0, 182.0);
    assertThat(record.steps().get(0).note()).isNull();
  }

  @Test
  void resumingARunWhoseStepsAllSucceededMakesNoRunAndNotifiesNobody() throws Exception {
    PipelineModel model = builder("p").step(step("a")).step(step("b").dependsOn("a")).build();
    RunRecord first = harness().run(model);
    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    RunHarness again = new RunHarness(directory);
    again.resume = Optional.of(first.runId());

    RunRecord resumed = again.run(model);

    assertThat(resumed).isEqualTo(first);
    assertThat(again.events).containsExactly("nothing to resume " + first.runId());
    assertThat(again.launcher.trace()).isEmpty();
    try (var runs = java.nio.file.Files.list(directory.resolve("runs"))) {
      assertThat(runs.map(r -> r.getFileName().toString())).containsExactly(first.runId());
    }
  }

  @Test
  void fullJitterDrawsEachDelayBetweenZeroAndTheComputedOne() {
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(6, 10, 2.0, 600, true))).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1));

    h.run(model);

    List<Trace> trace = h.launcher.trace();
    long[] computed = {10, 20, 40, 80, 160, 320};
    for (int i = 0; i < computed.length; i++) {
      double waited = trace.get(i + 1).start() - trace.get(i).end();
      assertThat(waited).isBetween(0.0, (double) computed[i]);
      assertThat(waited).isCloseTo(h.delays.get(i).toMillis() / 1000.0, within(1e-6));
    }
    assertThat(h.delays).as("jitter draws differ").doesNotHaveDuplicates();
  }

  @Test
  void anAttemptPastTheStepTimeoutIsKilledAndRetried() {
    PipelineModel model =
        builder("p")
            .step(step("a").timeoutSeconds(60).retry(new RetryPolicy(1, 2, 2.0, 600, false)))
            .build();
    RunHarness h = harness();
    h.launcher.script("a", Script.hang(), Script.ok(1));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.launcher.trace())
        .extracting(Trace::start, Trace::end, Trace::killed)
        .containsExactly(tuple(0.0, 60.0, true), tuple(62.0, 63.0, false));
    assertThat(record.steps().get(0).attempts())
        .extracting(RunRecord.AttemptRecord::outcome)
        .containsExactly(AttemptOutcome.TIMED_OUT, AttemptOutcome.SUCCEEDED);
  }

  @Test
  void aFailedStepStopsTheRunningOnesAndNothingNewStarts() {
    PipelineModel model =
        builder("p").step(step("a")).step(step("b")).step(step("c").dependsOn("a")).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1));
    h.launcher.script("b", Script.hang());

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::id, RunRecord.StepRecord::status)
        .containsExactly(
            tuple("a", StepStatus.FAILED),
            tuple("b", StepStatus.CANCELLED),
            tuple("c", StepStatus.SKIPPED));
    assertThat(traceOf(h, "b", 1).end()).isEqualTo(1.0);
    assertThat(record.steps().get(1).note()).isEqualTo("stopped: step a failed");
    assertThat(record.steps().get(2).note()).isEqualTo("not run: step a failed");
  }

  @Test
  void thePipelineTimeoutEndsTheRunAsTimedOutWithoutNotifying() {
    PipelineModel model =
        builder("p")
            .schedule(new Schedule(false, "", "", "UTC", 100, 0))
            .step(step("a").timeoutSeconds(3600))
            .step(step("b").dependsOn("a"))
            .build();
    RunHarness h = harness();
    h.launcher.script("a", Script.hang());

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(traceOf(h, "a", 1).end()).isEqualTo(100.0);
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsExactly(StepStatus.CANCELLED, StepStatus.SKIPPED);
    assertThat(h.events).noneMatch(e -> e.startsWith("notify"));
  }

  @Test
  void aRetryWaitingWhenAnotherStepFailsIsCancelled() {
    PipelineModel model =
        builder("p")
            .step(step("a").retry(new RetryPolicy(2, 30, 2.0, 600, false)))
            .step(step("b"))
            .build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1));
    h.launcher.script("b", Script.fail(5));

    RunRecord record = h.run(model);

    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(record.steps().get(0).status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(record.steps().get(0).attempts()).hasSize(1);
    assertThat(h.clock.seconds()).isEqualTo(5.0);
  }

  @Test
  void cancelStopsEverythingAndRecordsTheRunAsCancelled() {
    PipelineModel model = builder("p").step(step("a")).step(step("b").dependsOn("a")).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.hang());
    RunListener cancelling =
        new RunListener() {
          @Override
          public void attemptStarted(String stepId, int attempt, Path logFile) {
            h.runner.cancel();
          }
        };
    h.runner = new LocalRunner(model, h.options());
    h.runner.clock = h.clock;
    h.runner.launcher = h.launcher;

    RunRecord record = h.runner.run(cancelling);

    assertThat(record.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsExactly(StepStatus.CANCELLED, StepStatus.SKIPPED);
    assertThat(record.steps().get(0).attempts().get(0).outcome())
        .isEqualTo(AttemptOutcome.CANCELLED);
  }

  @Test
  void onlyAndFromRunTheirStepsWithoutTheUpstream() {
    PipelineModel model =
        builder("p")
            .step(step("a"))
            .step(step("b").dependsOn("a"))
            .step(step("c").dependsOn("b"))
            .step(step("d").dependsOn("a"))
            .build();
    RunHarness only = new RunHarness(directory.resolve("only"));
    only.only = Optional.of("b");
    RunHarness from = new RunHarness(directory.resolve("from"));
    from.from = Optional.of("b");

    RunRecord onlyRecord = only.run(model);
    RunRecord fromRecord = from.run(model);

    assertThat(only.launcher.trace()).extracting(Trace::step).containsExactly("b");
    assertThat(from.launcher.trace()).extracting(Trace::step).containsExactly("b", "c");
    assertThat(onlyRecord.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(fromRecord.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsExactly(
            StepStatus.SKIPPED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SKIPPED);
    assertThat(fromRecord.steps().get(0).note()).isEqualTo("left out by --from b");
  }

  @Test
  void runJsonHoldsTheReturnedRecordWithOneLogPerAttempt() throws Exception {
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(1, 1, 2.0, 600, false))).build();
    RunHarness h = harness();
    h.launcher.script("a", Script.fail(1), Script.ok(1));

    RunRecord record = h.run(model);

    Path runDirectory = directory.resolve("runs").resolve(record.runId());
    assertThat(RunJson.read(runDirectory.resolve("run.json"))).isEqualTo(record);
    assertThat(record.runId()).matches("20261126-030000-[0-9a-f]{4}");
    assertThat(record.steps().get(0).attempts())
        .extracting(RunRecord.AttemptRecord::log)
        .containsExactly("logs/a.1.log", "logs/a.2.log");
    assertThat(runDirectory.resolve("logs/a.1.log")).exists();
    assertThat(runDirectory.resolve("logs/a.2.log")).exists();
    assertThat(runDirectory.resolve("work")).isDirectory();
  }

  private static Trace traceOf(RunHarness h, String step, int attempt) {
    return h.launcher.trace().stream()
        .filter(t -> t.step().equals(step) && t.attempt() == attempt)
        .findFirst()
        .orElseThrow();
  }
}
