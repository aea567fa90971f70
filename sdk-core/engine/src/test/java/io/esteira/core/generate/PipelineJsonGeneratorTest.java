package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.core.model.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineJsonGeneratorTest {

  @Test
  void writesTheWholeResolvedModelInAFixedKeyOrder() {
    PipelineModel model =
        TestModels.builder("tiny")
            .description("One step")
            .version("2.1.0")
            .environment("dev")
            .step(TestModels.command("hello", "Say Hello", "echo hi", 0.5, 1, 1))
            .schedule(new Schedule(false, "0 3 * * *", "cron(0 3 * * ? *)", "UTC", 600, 1))
            .envVar("LOG_LEVEL", "info")
            .secret("DB_PASSWORD", "arn:aws:ssm:${Region}:${AccountId}:parameter/tiny/db")
            .infra(new Infra("ec2", "t3.large", 0, 1, false))
            .notifications(new Notifications(List.of(), List.of("oncall@example.com")))
            .model("tiny-model", RequirementKind.ALIAS, "champion")
            .build();

    String json = Json.write(PipelineJsonGenerator.generate(List.of(model)));

    assertThat(json)
        .isEqualTo(
            """
            {
              "formatVersion": 2,
              "project": "tiny",
              "description": "One step",
              "version": "2.1.0",
              "environments": {
                "dev": {
                  "version": "2.1.0",
                  "owners": {
                    "business_owner": "produto@rentcars.com",
                    "tech_owner": "ml-team@rentcars.com"
                  },
                  "steps": [
                    {
                      "id": "hello",
                      "name": "Say Hello",
                      "action": {
                        "kind": "command",
                        "command": "echo hi"
                      },
                      "resources": {
                        "cpu": 0.5,
                        "memoryGb": 1.0
                      },
                      "timeoutSeconds": 3600,
                      "retry": {
                        "maxAttempts": 1,
                        "intervalSeconds": 30,
                        "backoffRate": 2.0,
                        "maxDelaySeconds": 600,
                        "jitter": true
                      },
                      "infraRetry": {
                        "maxAttempts": 3,
                        "intervalSeconds": 60,
                        "backoffRate": 2.0,
                        "maxDelaySeconds": 600,
                        "jitter": true
                      },
                      "dependsOn": []
                    }
                  ],
                  "schedule": {
                    "enabled": false,
                    "source": "0 3 * * *",
                    "expression": "cron(0 3 * * ? *)",
                    "timezone": "UTC",
                    "timeoutSeconds": 600,
                    "retries": 1
                  },
                  "runtime": {
                    "pythonVersion": "3.11",
                    "requirementsFile": "requirements.txt",
                    "envVars": {
                      "ENV": "dev",
                      "LOG_LEVEL": "info"
                    },
                    "secrets": {
                      "DB_PASSWORD": "arn:aws:ssm:${Region}:${AccountId}:parameter/tiny/db"
                    }
                  },
                  "infra": {
                    "provider": "ec2",
                    "ec2Type": "t3.large",
                    "minQuantity": 0,
                    "maxQuantity": 1,
                    "spot": false
                  },
                  "notifications": {
                    "onSuccess": [],
                    "onFailure": [
                      "oncall@example.com"
                    ]
                  },
                  "mlflow": {
                    "experiment": "tiny",
                    "models": [
                      {
                        "model": "tiny-model",
                        "kind": "alias",
                        "value": "champion"
                      }
                    ]
                  },
                  "batch": {
                    "enabled": true,
                    "orchestrator": "step_functions"
                  }
                }
              }
            }
            """);
  }

  @Test
  void holdsEveryEnvironmentInTheOrderGivenWithItsOwnSettings() {
    JsonNode json =
        PipelineJsonGenerator.generate(List.of(TestModels.seed("dev"), TestModels.seed("prd")));

    assertThat(json.get("environments").fieldNames()).toIterable().containsExactly("dev", "prd");
    assertThat(json.at("/environments/dev/schedule/enabled").asBoolean()).isFalse();
    assertThat(json.at("/environments/prd/schedule/enabled").asBoolean()).isTrue();
    assertThat(json.at("/environments/prd/runtime/envVars/ENV").asText()).isEqualTo("prd");
    assertThat(json.at("/environments/prd/steps/1/dependsOn/0").asText())
        .isEqualTo("extract_features");
    assertThat(json.at("/environments/prd/steps/1/resources/memoryGb").asDouble()).isEqualTo(8.0);
  }

  @Test
  void describesAJavaStepByClassAndMethod() {
    StepModel step =
        new StepModel(
            "train",
            "Train",
            new StepAction.JavaMethod("com.acme.Churn", "train", true),
            new Resources(2, 4),
            900,
            RetryPolicy.forStep(0),
            RetryPolicy.forInfrastructure(),
            List.of());
    JsonNode json =
        PipelineJsonGenerator.generate(List.of(TestModels.builder("churn").step(step).build()));

    JsonNode action = json.at("/environments/dev/steps/0/action");
    assertThat(Json.writeCompact(action))
        .isEqualTo(
            "{\"kind\":\"java\",\"className\":\"com.acme.Churn\",\"methodName\":\"train\","
                + "\"takesContext\":true}");
  }

  @Test
  void keepsDeclarationOrderOfStepsAndDependencies() {
    TestModels.Builder builder = TestModels.builder("fan");
    builder.step(TestModels.step("z_first"));
    builder.step(TestModels.step("a_second").dependsOn("z_first"));
    builder.step(TestModels.step("m_third").dependsOn("z_first"));
    builder.step(TestModels.step("b_join").dependsOn("m_third", "a_second"));
    JsonNode json = PipelineJsonGenerator.generate(List.of(builder.build()));

    List<String> ids = new ArrayList<>();
    json.at("/environments/dev/steps").forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).containsExactly("z_first", "a_second", "m_third", "b_join");
    assertThat(Json.writeCompact(json.at("/environments/dev/steps/3/dependsOn")))
        .isEqualTo("[\"m_third\",\"a_second\"]");
  }

  @Test
  void sameModelsGiveTheSameBytes() {
    List<PipelineModel> models = List.of(TestModels.seed("dev"), TestModels.seed("prd"));
    assertThat(Json.write(PipelineJsonGenerator.generate(models)))
        .isEqualTo(Json.write(PipelineJsonGenerator.generate(models)));
  }

  @Test
  void refusesModelsOfTwoProjectsOrARepeatedEnvironment() {
    PipelineModel a = TestModels.builder("a").build();
    PipelineModel b = TestModels.builder("b").build();
    assertThatThrownBy(() -> PipelineJsonGenerator.generate(List.of(a, b)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PipelineJsonGenerator.generate(List.of(a, a)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PipelineJsonGenerator.generate(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
