package io.esteira.core.generate.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.TestModels;
import org.junit.jupiter.api.Test;

class ScheduleGeneratorTest {

  @Test
  void writesTheOriginsProductionScheduleExactly() {
    assertThat(Json.write(ScheduleGenerator.generate(TestModels.seed("prd"))))
        .isEqualTo(
            """
            {
              "Name": "sched-recsys",
              "Description": "Esteira pipeline recsys (prd): Sistema de recomendação de veículos",
              "State": "ENABLED",
              "ScheduleExpression": "cron(0 3 * * ? *)",
              "ScheduleExpressionTimezone": "UTC",
              "FlexibleTimeWindow": {
                "Mode": "OFF"
              },
              "Target": {
                "Arn": "${StateMachineArn}",
                "RoleArn": "${SchedulerRoleArn}",
                "Input": "{\\"environment\\":\\"prd\\",\\"project\\":\\"recsys\\"}",
                "RetryPolicy": {
                  "MaximumEventAgeInSeconds": 3600,
                  "MaximumRetryAttempts": 5
                }
              }
            }
            """);
  }

  @Test
  void theDevScheduleExistsButIsDisabled() {
    JsonNode dev = ScheduleGenerator.generate(TestModels.seed("dev"));
    assertThat(dev.get("State").asText()).isEqualTo("DISABLED");
    assertThat(dev.get("Name").asText()).isEqualTo("sched-recsys");
    assertThat(dev.get("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
  }

  @Test
  void stateFollowsTheResolvedFlagNotTheEnvironmentName() {
    PipelineModel devEnabled =
        TestModels.builder("p")
            .environment("dev")
            .schedule(new Schedule(true, "rate(1 hour)", "rate(1 hour)", "UTC", 3600, 0))
            .build();
    PipelineModel prdDisabled =
        TestModels.builder("p")
            .environment("prd")
            .schedule(new Schedule(false, "0 3 * * *", "cron(0 3 * * ? *)", "UTC", 3600, 0))
            .build();
    assertThat(ScheduleGenerator.generate(devEnabled).get("State").asText()).isEqualTo("ENABLED");
    assertThat(ScheduleGenerator.generate(prdDisabled).get("State").asText()).isEqualTo("DISABLED");
  }

  @Test
  void passesExpressionAndTimeZoneThrough() {
    PipelineModel model =
        TestModels.builder("churn")
            .environment("prd")
            .schedule(
                new Schedule(
                    true, "0 6 * * 1-5", "cron(0 6 ? * MON-FRI *)", "America/Sao_Paulo", 7200, 1))
            .build();
    JsonNode request = ScheduleGenerator.generate(model);
    assertThat(request.get("ScheduleExpression").asText()).isEqualTo("cron(0 6 ? * MON-FRI *)");
    assertThat(request.get("ScheduleExpressionTimezone").asText()).isEqualTo("America/Sao_Paulo");
    assertThat(request.get("Description").asText()).isEqualTo("Esteira pipeline churn (prd)");
  }

  @Test
  void theInputIsAJsonStringNamingProjectAndEnvironment() throws Exception {
    JsonNode input =
        Json.mapper()
            .readTree(
                ScheduleGenerator.generate(TestModels.seed("dev")).at("/Target/Input").asText());
    assertThat(input.get("project").asText()).isEqualTo("recsys");
    assertThat(input.get("environment").asText()).isEqualTo("dev");
    assertThat(input.size()).isEqualTo(2);
  }

  @Test
  void refusesAModelWithoutAnExpression() {
    PipelineModel model = TestModels.builder("p").build(); // the builder's schedule has none
    assertThat(ScheduleGenerator.applies(model)).isFalse();
    assertThatThrownBy(() -> ScheduleGenerator.generate(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pipeline p has no schedule in dev (no schedule.cron)")
        .hasMessageContaining("ScheduleGenerator.applies(model)");
  }

  @Test
  void refusesAModelWhoseBatchPipelineIsDisabled() {
    PipelineModel model =
        TestModels.builder("p")
            .batchEnabled(false)
            .schedule(new Schedule(true, "0 3 * * *", "cron(0 3 * * ? *)", "UTC", 3600, 0))
            .build();
    assertThat(ScheduleGenerator.applies(model)).isFalse();
    assertThatThrownBy(() -> ScheduleGenerator.generate(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(batch disabled)");
    assertThat(ScheduleGenerator.applies(TestModels.seed("dev"))).isTrue();
  }

  @Test
  void cutsALongDescriptionToTheApiLimit() {
    PipelineModel model = TestModels.builder("p").description("é".repeat(600)).build();
    String description = ScheduleGenerator.description(model);
    assertThat(description.codePointCount(0, description.length())).isEqualTo(512);
    assertThat(description).startsWith("Esteira pipeline p (dev): éé").endsWith("é…");
  }
}
