package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.ecs.TransferScripts;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.TestModels;
import org.junit.jupiter.api.Test;

/**
 * The data variables in the state machine: the store root assigned once per execution, each step's
 * inputs, outputs and upstream steps, and the overrides of the transfer containers.
 */
class StepDataAslTest {

  /** extract -> score -> report, where score reads what extract wrote; report is a Java step. */
  static PipelineModel handsOver() {
    return TestModels.builder("recsys")
        .environment("prd")
        .step(
            TestModels.command("extract", "Extract", "python extract.py", 1, 2, 0)
                .outputs("features.csv", "stats/summary.json"))
        .step(
            TestModels.command("score", "Score", "python score.py", 1, 2, 0)
                .dependsOn("extract")
                .inputs("extract/features.csv")
                .outputs("scores.csv"))
        .step(
            TestModels.step("report")
                .action(new StepAction.JavaMethod("com.example.Recsys", "report", true))
                .dependsOn("score"))
        .build();
  }

  private static JsonNode overrides(Generated generated, String state) {
    return generated.json().at("/States/" + state + "/Parameters/Overrides/ContainerOverrides");
  }

  @Test
  void theStoreRootIsAssignedOnceAndEveryStepReadsIt() {
    Generated generated = AslGenerator.generate(handsOver());

    assertThat(generated.diagnostics()).isEmpty();
    assertThat(generated.json().at("/States/Pipeline settings/Assign/store.$").asText())
        .isEqualTo("States.Format('s3://${ArtifactsBucket}/recsys/prd/{}/', $$.Execution.Name)");
    AslValidatorSupport.assertValid("recsys with data", generated.json());
  }

  @Test
  void eachStepSeesItsInputsOutputsAndUpstreamSteps() {
    Generated generated = AslGenerator.generate(handsOver());

    assertThat(Json.writeCompact(overrides(generated, "report").get(0).get("Environment")))
        .isEqualTo(
            "[{\"Name\":\"ESTEIRA_STEP\",\"Value\":\"report\"},"
                + "{\"Name\":\"ESTEIRA_EXECUTION_ID\",\"Value.$\":\"$$.Execution.Id\"},"
                + "{\"Name\":\"ESTEIRA_ATTEMPT\",\"Value.$\":"
                + "\"States.Format('{}', States.MathAdd($$.State.RetryCount, 1))\"},"
                + "{\"Name\":\"ESTEIRA_STORE\",\"Value.$\":\"$store\"},"
                + "{\"Name\":\"ESTEIRA_INPUTS\",\"Value\":\"\"},"
                + "{\"Name\":\"ESTEIRA_OUTPUTS\",\"Value\":\"\"},"
                + "{\"Name\":\"ESTEIRA_UPSTREAM\",\"Value\":\"extract score\"}]");
    JsonNode score = overrides(generated, "score").get(0).get("Environment");
    assertThat(score.get(4).toString())
        .isEqualTo("{\"Name\":\"ESTEIRA_INPUTS\",\"Value\":\"extract/features.csv\"}");
    assertThat(overrides(generated, "extract").get(0).get("Environment").get(5).toString())
        .isEqualTo("{\"Name\":\"ESTEIRA_OUTPUTS\",\"Value\":\"features.csv stats/summary.json\"}");
  }

  @Test
  void commandStepsOverrideTheTransferContainersAndRecordTheirExitCode() {
    Generated generated = AslGenerator.generate(handsOver());

    JsonNode score = overrides(generated, "score");
    assertThat(score).hasSize(3);
    assertThat(score.get(0).get("Command").toString())
        .isEqualTo(
            Json.mapper()
                .valueToTree(
                    TransferScripts.recordingExitCode(
                        java.util.List.of("sh", "-c", "python score.py")))
                .toString());
    assertThat(score.get(1).toString())
        .isEqualTo(
            "{\"Name\":\"esteira-inputs\",\"Environment\":["
                + "{\"Name\":\"ESTEIRA_INPUTS\",\"Value\":\"extract/features.csv\"},"
                + "{\"Name\":\"ESTEIRA_STORE\",\"Value.$\":\"$store\"}]}");
    assertThat(score.get(2).toString())
        .isEqualTo(
            "{\"Name\":\"esteira-outputs\",\"Environment\":["
                + "{\"Name\":\"ESTEIRA_STEP\",\"Value\":\"score\"},"
                + "{\"Name\":\"ESTEIRA_OUTPUTS\",\"Value\":\"scores.csv\"},"
                + "{\"Name\":\"ESTEIRA_STORE\",\"Value.$\":\"$store\"}]}");
    // extract reads nothing: no inputs override; the outputs container still learns the step.
    assertThat(overrides(generated, "extract")).hasSize(2);
    assertThat(overrides(generated, "extract").get(1).get("Name").asText())
        .isEqualTo("esteira-outputs");
    // The Java step stores its own data; it only records its exit code for the outputs container.
    JsonNode report = overrides(generated, "report");
    assertThat(report).hasSize(1);
    assertThat(report.get(0).get("Command").get(4).asText()).isEqualTo("java");
  }

  @Test
  void aPipelineOfCommandStepsWithoutDataHasNoneOfTheseVariables() {
    Generated generated = AslGenerator.generate(TestModels.seed("dev"));

    assertThat(generated.json().toString())
        .doesNotContain("ESTEIRA_STORE", "ESTEIRA_INPUTS", "esteira-outputs", "store.$");
  }

  @Test
  void theOverridesCountIncludesTheDataVariablesAtTheirLongest() {
    PipelineModel model = handsOver();
    String store = "s3://" + "b".repeat(63) + "/recsys/prd/" + "e".repeat(80) + "/";
    String written =
        Json.writeCompact(StepTaskState.overrides(model, model.step("score")))
            .replace("\"Value.$\":\"$store\"", "\"Value\":\"" + store + "\"")
            .replace(
                "\"Value.$\":\"$$.Execution.Id\"",
                "\"Value\":\"" + "a".repeat(AslLimits.maxExecutionArnLength(model)) + "\"")
            .replace(
                "\"Value.$\":\"States.Format('{}', States.MathAdd($$.State.RetryCount, 1))\"",
                "\"Value\":\"" + AslLimits.maxAttempts(model.step("score")) + "\"");

    assertThat(AslLimits.overridesCharacters(model, model.step("score")))
        .isEqualTo(written.length());
  }
}
