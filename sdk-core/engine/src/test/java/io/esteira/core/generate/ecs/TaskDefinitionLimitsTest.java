package io.esteira.core.generate.ecs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ECS's 64 KiB limit on a task definition, checked when the artifacts are generated. */
class TaskDefinitionLimitsTest {

  private static PipelineModel withVariables(int bigBytes, int mediumBytes) {
    return TestModels.builder("churn")
        .environment("prd")
        .step(TestModels.command("load", "Load", "python load.py", 0.5, 1, 0))
        .envVar("LOG_LEVEL", "info")
        .envVar("BIG", "b".repeat(bigBytes))
        .envVar("MEDIUM", "m".repeat(mediumBytes))
        .secret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:churn-db")
        .build();
  }

  @Test
  void theSizeIsTheCompactBodyWithPlaceholdersAtTheirLongest() {
    ObjectNode body = TaskDefinitionGenerator.generate(withVariables(10, 10));

    long compact = Json.writeCompact(body).getBytes(UTF_8).length;
    // Two role ARNs at 2,048, the image at 512, two MLflow URLs at 2,048, the logs' region at 20.
    long growth =
        (2_048 - "${ExecutionRoleArn}".length())
            + (2_048 - "${TaskRoleArn}".length())
            + (512 - "${ImageUri}".length())
            + (2_048 - "${MlflowTrackingUri}".length())
            + (2_048 - "${MlflowS3EndpointUrl}".length())
            + (20 - "${Region}".length());
    assertThat(TaskDefinitionLimits.bytes(body)).isEqualTo(compact + growth);
  }

  @Test
  void aBodyUnderTheLimitPasses() {
    PipelineModel model = withVariables(50_000, 1_000);

    assertThat(TaskDefinitionLimits.check(model, TaskDefinitionGenerator.generate(model)))
        .isEmpty();
  }

  @Test
  void largeVariablesOverTheLimitAreAnErrorNamingTheLargest() {
    PipelineModel model = withVariables(60_000, 5_000);

    List<Diagnostic> found =
        TaskDefinitionLimits.check(model, TaskDefinitionGenerator.generate(model));

    assertThat(found)
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.ECS_TASK_DEFINITION_TOO_LARGE);
    assertThat(found.get(0).text())
        .startsWith("the task definition of environment 'prd' would be about 7")
        .contains("over ECS's limit of 65,536 bytes (64 KiB)")
        .contains(
            "its largest variables are runtime.env_vars.BIG (60,003 bytes),"
                + " runtime.env_vars.MEDIUM (5,006 bytes), runtime.secrets.DB_PASSWORD (");
  }
}
