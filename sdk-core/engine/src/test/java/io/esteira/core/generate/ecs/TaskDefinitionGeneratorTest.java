package io.esteira.core.generate.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskDefinitionGeneratorTest {

  /** Three steps whose largest CPU (train) and largest memory (score) differ. */
  private static PipelineModel churn() {
    return TestModels.builder("churn")
        .version("2.1.0")
        .environment("prd")
        .step(TestModels.command("load", "Load", "python load.py", 0.5, 1, 0))
        .step(TestModels.command("train", "Train", "python train.py", 4.0, 6, 1).dependsOn("load"))
        .step(
            TestModels.command("score", "Score", "python score.py", 2.0, 12, 0).dependsOn("train"))
        .envVar("LOG_LEVEL", "info")
        .envVar("ENV", "dev")
        .envVar("MLFLOW_EXPERIMENT_NAME", "not-this-one")
        .secret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:churn-db")
        .secret("API_TOKEN", "/churn/api-token")
        .build();
  }

  @Test
  void writesTheRequestExactly() {
    assertThat(Json.write(TaskDefinitionGenerator.generate(churn())))
        .isEqualTo(
            """
            {
              "family": "churn",
              "requiresCompatibilities": [
                "EC2"
              ],
              "networkMode": "awsvpc",
              "executionRoleArn": "${ExecutionRoleArn}",
              "taskRoleArn": "${TaskRoleArn}",
              "cpu": "4096",
              "memory": "12288",
              "containerDefinitions": [
                {
                  "name": "churn",
                  "image": "${ImageUri}",
                  "essential": true,
                  "cpu": 4096,
                  "memory": 12288,
                  "environment": [
                    {
                      "name": "ENV",
                      "value": "prd"
                    },
                    {
                      "name": "ESTEIRA_PROJECT",
                      "value": "churn"
                    },
                    {
                      "name": "ESTEIRA_WORK_DIR",
                      "value": "/esteira/work"
                    },
                    {
                      "name": "LOG_LEVEL",
                      "value": "info"
                    },
                    {
                      "name": "MLFLOW_EXPERIMENT_NAME",
                      "value": "churn"
                    },
                    {
                      "name": "MLFLOW_S3_ENDPOINT_URL",
                      "value": "${MlflowS3EndpointUrl}"
                    },
                    {
                      "name": "MLFLOW_TRACKING_URI",
                      "value": "${MlflowTrackingUri}"
                    }
                  ],
                  "secrets": [
                    {
                      "name": "API_TOKEN",
                      "valueFrom": "/churn/api-token"
                    },
                    {
                      "name": "DB_PASSWORD",
                      "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:churn-db"
                    }
                  ],
                  "mountPoints": [
                    {
                      "sourceVolume": "esteira-work",
                      "containerPath": "/esteira/work",
                      "readOnly": false
                    }
                  ],
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {
                      "awslogs-group": "/ecs/churn",
                      "awslogs-region": "${Region}",
                      "awslogs-stream-prefix": "prd"
                    }
                  }
                }
              ],
              "volumes": [
                {
                  "name": "esteira-work"
                }
              ],
              "tags": [
                {
                  "key": "environment",
                  "value": "prd"
                },
                {
                  "key": "managed-by",
                  "value": "esteira"
                },
                {
                  "key": "owner",
                  "value": "ml-team@rentcars.com"
                },
                {
                  "key": "project",
                  "value": "churn"
                },
                {
                  "key": "version",
                  "value": "2.1.0"
                }
              ]
            }
            """);
  }

  @Test
  void taskLevelSizesAreStringsAndContainerLevelSizesAreIntegers() {
    ObjectNode request = TaskDefinitionGenerator.generate(churn());
    assertThat(request.get("cpu").isTextual()).isTrue();
    assertThat(request.get("memory").isTextual()).isTrue();
    JsonNode container = request.get("containerDefinitions").get(0);
    assertThat(container.get("cpu").isInt()).isTrue();
    assertThat(container.get("memory").isInt()).isTrue();
  }

  @Test
  void sizesTheTaskForTheOriginsLargestStep() {
    ObjectNode request = TaskDefinitionGenerator.generate(TestModels.seed("dev"));
    // score_model: 2 vCPU, 8 GiB; extract_features: 1 vCPU, 4 GiB
    assertThat(request.get("cpu").asText()).isEqualTo("2048");
    assertThat(request.get("memory").asText()).isEqualTo("8192");
    assertThat(request.get("family").asText()).isEqualTo("recsys");
    JsonNode container = request.get("containerDefinitions").get(0);
    assertThat(container.get("name").asText()).isEqualTo("recsys");
    assertThat(container.at("/logConfiguration/options/awslogs-group").asText())
        .isEqualTo("/ecs/recsys");
    assertThat(container.at("/logConfiguration/options/awslogs-stream-prefix").asText())
        .isEqualTo("dev");
  }

  @Test
  void aPipelineWithoutStepsGetsTheDefaultSizes() {
    ObjectNode request = TaskDefinitionGenerator.generate(TestModels.builder("empty").build());
    assertThat(request.get("cpu").asText()).isEqualTo("1024");
    assertThat(request.get("memory").asText()).isEqualTo("2048");
  }

  @Test
  void envIsTheEnvironmentBeingDeployedAndMlflowVariablesAreAlwaysThere() {
    for (String env : List.of("dev", "prd")) {
      Map<String, String> variables = TaskDefinitionGenerator.environment(TestModels.seed(env));
      assertThat(variables)
          .containsExactly(
              Map.entry("ENV", env),
              Map.entry("ESTEIRA_PROJECT", "recsys"),
              Map.entry("ESTEIRA_WORK_DIR", "/esteira/work"),
              Map.entry("MLFLOW_EXPERIMENT_NAME", "recsys"),
              Map.entry("MLFLOW_S3_ENDPOINT_URL", "${MlflowS3EndpointUrl}"),
              Map.entry("MLFLOW_TRACKING_URI", "${MlflowTrackingUri}"));
    }
  }

  @Test
  void mlflowAndEsteiraVariablesReplaceUserVariablesOfTheSameName() {
    PipelineModel model =
        TestModels.builder("p")
            .envVar("MLFLOW_TRACKING_URI", "http://localhost:5000")
            .envVar("ESTEIRA_PROJECT", "other")
            .envVar("A_FIRST", "1")
            .build();
    assertThat(TaskDefinitionGenerator.environment(model))
        .containsEntry("MLFLOW_TRACKING_URI", "${MlflowTrackingUri}")
        .containsEntry("ESTEIRA_PROJECT", "p")
        .containsEntry("A_FIRST", "1")
        .hasSize(7);
  }

  @Test
  void writesAnEmptySecretListWhenThereAreNoSecrets() {
    JsonNode container =
        TaskDefinitionGenerator.generate(TestModels.seed("prd")).get("containerDefinitions").get(0);
    assertThat(container.get("secrets").isArray()).isTrue();
    assertThat(container.get("secrets")).isEmpty();
  }

  @Test
  void leavesOutTheOwnerTagWithoutATechOwner() {
    PipelineModel seed = TestModels.seed("prd");
    PipelineModel noTechOwner =
        new PipelineModel(
            seed.project(),
            seed.description(),
            seed.version(),
            seed.environment(),
            Map.of("business_owner", "produto@rentcars.com"),
            seed.steps(),
            seed.schedule(),
            seed.runtime(),
            seed.infra(),
            seed.notifications(),
            seed.mlflow(),
            seed.batch());
    assertThat(TaskDefinitionGenerator.tags(noTechOwner))
        .containsExactly(
            Map.entry("environment", "prd"),
            Map.entry("managed-by", "esteira"),
            Map.entry("project", "recsys"),
            Map.entry("version", "1.0.0"));
  }

  @Test
  void theOrderVariablesAndSecretsWereGivenInDoesNotChangeTheBytes() {
    PipelineModel one =
        TestModels.builder("p")
            .envVar("B", "2")
            .envVar("A", "1")
            .secret("Y", "y")
            .secret("X", "x")
            .build();
    PipelineModel other =
        TestModels.builder("p")
            .envVar("A", "1")
            .envVar("B", "2")
            .secret("X", "x")
            .secret("Y", "y")
            .build();
    assertThat(Json.write(TaskDefinitionGenerator.generate(one)))
        .isEqualTo(Json.write(TaskDefinitionGenerator.generate(other)));
  }
}
