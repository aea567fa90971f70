package io.esteira.deploy.resources.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.asl.AslGenerator;
import org.junit.jupiter.api.Test;

/** The failure rule's pattern and message; what moto's EventBridge makes of them: the IT. */
class ExecutionNoticesTest {

  private static final String MACHINE =
      "arn:aws:states:us-east-1:123456789012:stateMachine:recsys-workflow";

  @Test
  void thePatternTakesTimeoutsAbortsAndFailuresTheStateMachineDidNotReport() {
    JsonNode pattern = ExecutionNotices.failurePattern(MACHINE);

    assertThat(pattern.path("source").toString()).isEqualTo("[\"aws.states\"]");
    assertThat(pattern.path("detail-type").toString())
        .isEqualTo("[\"Step Functions Execution Status Change\"]");
    assertThat(pattern.at("/detail/stateMachineArn").toString()).isEqualTo("[\"" + MACHINE + "\"]");
    JsonNode or = pattern.at("/detail/$or");
    assertThat(or).hasSize(3);
    assertThat(or.get(0).toString()).isEqualTo("{\"status\":[\"TIMED_OUT\",\"ABORTED\"]}");
    // The state machine's own failure causes begin with the generator's prefix.
    assertThat(or.get(1).toString())
        .isEqualTo(
            "{\"status\":[\"FAILED\"],\"cause\":[{\"anything-but\":{\"prefix\":\""
                + AslGenerator.STEP_FAILURE_CAUSE_PREFIX
                + "\"}}]}");
    assertThat(or.get(2).toString())
        .isEqualTo("{\"status\":[\"FAILED\"],\"cause\":[{\"exists\":false}]}");
    assertThat(pattern.toString()).doesNotContain("SUCCEEDED").doesNotContain("RUNNING");
  }

  @Test
  void theMessageIsAJsonStringNamingProjectEnvironmentExecutionStatusAndConsoleLink()
      throws Exception {
    String template = ExecutionNotices.failureTemplate("recsys", "prd", "aws", "sa-east-1");

    String text = Json.mapper().readTree(template).asText();
    assertThat(text)
        .startsWith("Esteira pipeline recsys in environment prd: execution <name> ended <status>")
        .endsWith(
            "Console: https://sa-east-1.console.aws.amazon.com/states/home?region=sa-east-1"
                + "#/v2/executions/details/<execution>");
    assertThat(ExecutionNotices.inputPaths())
        .containsOnlyKeys("execution", "name", "status")
        .containsEntry("execution", "$.detail.executionArn");
    // EventBridge allows at most 8,192 characters of template.
    assertThat(template.length()).isLessThan(8192);
  }

  @Test
  void theConsoleLinkIsThePartitions() {
    assertThat(ExecutionNotices.consoleLink("aws-cn", "cn-north-1", "arn:x"))
        .isEqualTo(
            "https://cn-north-1.console.amazonaws.cn/states/home?region=cn-north-1"
                + "#/v2/executions/details/arn:x");
    assertThat(ExecutionNotices.consoleLink("aws-us-gov", "us-gov-west-1", "arn:x"))
        .startsWith("https://console.amazonaws-us-gov.com/states/home?region=us-gov-west-1#");
  }
}
