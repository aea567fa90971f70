package io.esteira.deploy.resources.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import org.junit.jupiter.api.Test;

/** Integration ARNs follow the caller's partition; the artifact is written for {@code aws}. */
class StateMachinePartitionTest {

  private static final String DEFINITION =
      """
      {"StartAt": "a", "States": {
        "a": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Next": "P"},
        "P": {"Type": "Parallel", "Branches": [
          {"StartAt": "b", "States": {
            "b": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true}}}],
          "Next": "n"},
        "n": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true}}}
      """;

  @Test
  void everyTaskInEveryBranchMovesToTheCallersPartition() throws Exception {
    JsonNode definition = Json.mapper().readTree(DEFINITION);

    StateMachineReconciler.inPartition(definition.path("States"), "aws-cn");

    assertThat(definition.at("/States/a/Resource").asText())
        .isEqualTo("arn:aws-cn:states:::ecs:runTask.sync");
    assertThat(definition.at("/States/P/Branches/0/States/b/Resource").asText())
        .isEqualTo("arn:aws-cn:states:::ecs:runTask.sync");
    assertThat(definition.at("/States/n/Resource").asText())
        .isEqualTo("arn:aws-cn:states:::sns:publish");
    assertThat(definition.toString()).doesNotContain("arn:aws:");
  }

  @Test
  void theAwsPartitionKeepsTheDefinitionAsGenerated() throws Exception {
    JsonNode definition = Json.mapper().readTree(DEFINITION);

    StateMachineReconciler.inPartition(definition.path("States"), "aws");

    assertThat(definition).isEqualTo(Json.mapper().readTree(DEFINITION));
  }
}
