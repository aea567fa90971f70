package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.TestModels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test helpers can fail: the analysis sees broken flows, asl-validator broken machines. */
class AslTestSupportTest {

  /** a, then b and c in parallel, then d; c also has a LaunchType and a misplaced States.ALL. */
  private static final String HAND_WRITTEN =
      """
      {"StartAt": "a", "TimeoutSeconds": 60, "States": {
        "a": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
              "Parameters": {"CapacityProviderStrategy": []}, "TimeoutSeconds": 5,
              "ResultPath": null, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Stop"}],
              "Next": "P"},
        "P": {"Type": "Parallel", "ResultPath": null,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Stop"}], "Next": "d",
              "Branches": [
                {"StartAt": "b", "States": {"b": {"Type": "Task",
                  "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "Parameters": {"CapacityProviderStrategy": []}, "TimeoutSeconds": 5,
                  "ResultPath": null, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "bf"}],
                  "End": true}, "bf": {"Type": "Fail"}}},
                {"StartAt": "c", "States": {"c": {"Type": "Task",
                  "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "Parameters": {"CapacityProviderStrategy": [], "LaunchType": "EC2"},
                  "TimeoutSeconds": 5, "ResultPath": null,
                  "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "cf"}],
                  "End": true}, "cf": {"Type": "Fail"}}}]},
        "d": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
              "Parameters": {"CapacityProviderStrategy": []}, "TimeoutSeconds": 5,
              "ResultPath": null, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Stop"}],
              "End": true},
        "Stop": {"Type": "Fail"}}}
      """;

  @Test
  void analysisFollowsSequencesAndBranches() throws Exception {
    Map<String, java.util.Set<String>> before =
        AslAnalysis.guaranteedBefore(Json.mapper().readTree(HAND_WRITTEN));

    assertThat(before.get("a")).isEmpty();
    assertThat(before.get("b")).containsOnly("a");
    assertThat(before.get("c")).containsOnly("a");
    assertThat(before.get("d")).containsOnly("a", "b", "c");
  }

  @Test
  void analysisReportsBrokenRules() throws Exception {
    assertThat(AslAnalysis.problems(Json.mapper().readTree(HAND_WRITTEN)))
        .containsExactlyInAnyOrder(
            "'c' sets LaunchType", "'c': States.ALL not alone in the last retrier");
  }

  @Test
  void validatorRejectsABrokenMachineInABatch() throws Exception {
    JsonNode broken =
        Json.mapper()
            .readTree(
                "{\"StartAt\": \"a\", \"States\": {\"a\": {\"Type\": \"Pass\", \"Next\": \"b\"}}}");
    Map<String, JsonNode> batch = new LinkedHashMap<>();
    batch.put("good", AslGenerator.generate(TestModels.seed("dev")).json());
    batch.put("broken", broken);

    assertThatThrownBy(() -> AslValidatorSupport.assertValid(batch))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 of 2 valid")
        .hasMessageContaining("= broken");
  }
}
