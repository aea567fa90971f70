package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule that a step's default time limit leaves room inside the pipeline's: Step Functions runs
 * no catcher for an execution's own timeout, so a step allowed as long as the whole pipeline would
 * time the execution out before its own timeout could be caught and reported.
 */
class StepTimeoutRuleTest {

  private static String pipeline(int timeout, String trainExtra) {
    return """
        project_name: churn
        version: "0.1"
        schedule:
          timeout_seconds: %d
        batch:
          pipeline:
            steps:
              - id: build_features
                command: "python steps/build_features.py"
              - id: train
                command: "python steps/train.py"%s
        """
        .formatted(timeout, trainExtra);
  }

  private static Resolved resolve(String yaml) {
    return ConfigTesting.load(yaml).resolve("dev");
  }

  @ParameterizedTest
  @CsvSource({"3600, 3540", "7200, 7140", "121, 61", "120, 60", "100, 60", "60, 60"})
  void aStepWithoutATimeoutGetsThePipelinesLessAMinuteButAtLeastAMinute(
      int pipelineTimeout, int stepTimeout) {
    Resolved resolved = resolve(pipeline(pipelineTimeout, ""));

    assertThat(resolved.diagnostics()).isEmpty();
    PipelineModel model = resolved.model().orElseThrow();
    assertThat(model.steps()).extracting(StepModel::timeoutSeconds).containsOnly(stepTimeout);
    assertThat(Schedule.defaultStepTimeoutSeconds(pipelineTimeout)).isEqualTo(stepTimeout);
  }

  @Test
  void aJavaStepWithoutATimeoutGetsTheSameDefault() {
    Resolved resolved =
        ConfigTesting.load("schedule:\n  timeout_seconds: 900\n")
            .resolve(
                "dev",
                new CodeDefaults(
                    Optional.of("churn"),
                    Optional.empty(),
                    Optional.of("1.0"),
                    List.of(ConfigTesting.codeStep("train"))));

    assertThat(resolved.model().orElseThrow().step("train").timeoutSeconds()).isEqualTo(840);
  }

  @Test
  void theStateMachineTimesEveryDefaultStepOutBeforeTheExecution() {
    PipelineModel model = resolve(pipeline(3600, "")).model().orElseThrow();
    JsonNode asl = AslGenerator.generate(model).json();

    int execution = asl.path("TimeoutSeconds").asInt();
    assertThat(execution).isEqualTo(3600);
    assertThat(asl.path("States").path("train").path("TimeoutSeconds").asInt())
        .isEqualTo(execution - Schedule.STEP_TIMEOUT_MARGIN_SECONDS);
    assertThat(asl.path("States").path("build_features").path("TimeoutSeconds").asInt())
        .isEqualTo(execution - Schedule.STEP_TIMEOUT_MARGIN_SECONDS);
  }

  @Test
  void aWrittenTimeoutUpToTheDefaultIsQuiet() {
    Resolved resolved = resolve(pipeline(3600, "\n        timeout_seconds: 3540"));

    assertThat(resolved.diagnostics()).isEmpty();
    assertThat(resolved.model().orElseThrow().step("train").timeoutSeconds()).isEqualTo(3540);
  }

  @Test
  void aWrittenTimeoutThatLeavesNoRoomIsAWarningAtItsLineSayingWhatFits() {
    Resolved resolved = resolve(pipeline(3600, "\n        timeout_seconds: 3600"));

    assertThat(resolved.model()).isPresent();
    assertThat(resolved.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.isError()).isFalse();
              assertThat(d.code()).isEqualTo("ESTEIRA-CONFIG-STEP-TIMEOUT-NO-ROOM");
              assertThat(ConfigTesting.where(d)).isEqualTo(d.code() + " 12:26");
              assertThat(d.text())
                  .contains("step 'train' may run 3600 seconds")
                  .contains("the whole execution only 3600")
                  .contains("at most 3540 (the default)")
                  .contains("raise schedule.timeout_seconds");
            });
  }

  @Test
  void aWrittenTimeoutOverThePipelinesIsAnErrorAlone() {
    Resolved resolved = resolve(pipeline(3600, "\n        timeout_seconds: 4000"));

    assertThat(resolved.model()).isEmpty();
    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-CONFIG-OUT-OF-RANGE");
  }
}
