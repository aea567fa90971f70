package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch that fails (the process cannot be started at all) is an ordinary failure: some pass (a
 * fork refused for want of processes), so the step's retrier decides, and nothing says the class
 * path is at fault.
 */
class LaunchFailureTest {

  @TempDir Path project;

  private static final String EAGAIN =
      "Cannot run program \"sh\": error=11, Resource temporarily unavailable";

  private RunRecord run(PipelineModel model) {
    LocalRunner runner =
        new LocalRunner(
            model,
            RunOptions.defaults(project)
                .withCapacity(new RunOptions.Capacity(4, 8))
                .withHostEnvironment(Map.of())
                .withNoRetryDelay(true));
    runner.launcher =
        (attempt, onEnd) -> {
          if (attempt.number() == 1) {
            throw new IOException(EAGAIN);
          }
          onEnd.accept(new AttemptLauncher.Ended(true, 0, null));
          return () -> {};
        };
    return runner.run(RunListener.NONE);
  }

  @Test
  void aFailedLaunchIsRetriedAsAnyFailureAndSaysWhatFailedToStart() throws Exception {
    PipelineModel model =
        builder("p").step(step("a").retry(new RetryPolicy(1, 1, 2.0, 5, false))).build();

    RunRecord record = run(model);

    StepRecord a = record.steps().get(0);
    assertThat(a.status()).isEqualTo(StepStatus.SUCCEEDED);
    AttemptRecord first = a.attempts().get(0);
    assertThat(first.outcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(first.setupError()).isFalse();
    assertThat(first.cause()).startsWith("could not start the step: " + EAGAIN);
    assertThat(a.note()).isNotEqualTo(Engine.SETUP_ERROR_NOTE);
    // The attempt's log says it too, rather than being empty.
    Path runDirectory = project.resolve(".esteira/runs").resolve(record.runId());
    assertThat(runDirectory.resolve(first.log())).content().contains(EAGAIN);
  }

  @Test
  void withoutARetrierTheFailedLaunchFailsTheStepAsItsOwnFailureWould() {
    RunRecord record = run(builder("p").step(step("a")).build());

    StepRecord a = record.steps().get(0);
    assertThat(a.status()).isEqualTo(StepStatus.FAILED);
    assertThat(a.attempts()).hasSize(1);
    assertThat(a.attempts().get(0).setupError()).isFalse();
    assertThat(a.note()).isNotEqualTo(Engine.SETUP_ERROR_NOTE);
  }
}
