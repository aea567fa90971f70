package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.asl.AslValidatorSupport;
import io.esteira.core.testing.ClasspathArtifacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code mvn package} generated from {@link RecsysPipeline} and {@code config.yaml}, read from
 * the class path as the step launcher and the deployer read it: the origin document's recsys
 * project.
 */
class RecsysArtifactsTest {

  private final ClasspathArtifacts artifacts = new ClasspathArtifacts("recsys");

  @Test
  void everyArtifactOfDevAndPrdIsGenerated() {
    for (String file : ClasspathArtifacts.FILES) {
      assertThat(artifacts.text(file)).as(file).isNotBlank().endsWith("\n");
    }
  }

  @Test
  void pipelineJsonHasTheOriginsProjectValues() {
    JsonNode pipeline = artifacts.json("pipeline.json");

    assertThat(pipeline.path("formatVersion").asInt()).isEqualTo(2);
    assertThat(pipeline.path("project").asText()).isEqualTo("recsys");
    assertThat(pipeline.path("version").asText()).isEqualTo("1.0.0");
    assertThat(pipeline.path("description").asText())
        .isEqualTo("Sistema de recomendação de veículos");
    assertThat(names(pipeline.path("environments"))).containsExactly("dev", "prd");

    for (String env : List.of("dev", "prd")) {
      JsonNode environment = pipeline.path("environments").path(env);
      assertThat(environment.path("owners").path("tech_owner").asText())
          .isEqualTo("ml-team@rentcars.com");
      assertThat(environment.path("owners").path("business_owner").asText())
          .isEqualTo("produto@rentcars.com");
      JsonNode schedule = environment.path("schedule");
      assertThat(schedule.path("source").asText()).isEqualTo("0 3 * * *");
      assertThat(schedule.path("expression").asText()).isEqualTo("cron(0 3 * * ? *)");
      assertThat(schedule.path("timeoutSeconds").asInt()).isEqualTo(3600);
      assertThat(schedule.path("retries").asInt()).isEqualTo(2);
      // The origin's rule: the schedule runs in prd only.
      assertThat(schedule.path("enabled").asBoolean()).isEqualTo(env.equals("prd"));
      // ENV is always the environment, whatever config.yaml says.
      assertThat(environment.path("runtime").path("envVars").path("ENV").asText()).isEqualTo(env);
      JsonNode infra = environment.path("infra");
      assertThat(infra.path("provider").asText()).isEqualTo("ec2");
      assertThat(infra.path("ec2Type").asText()).isEqualTo("t3.xlarge");
      assertThat(infra.path("minQuantity").asInt()).isZero();
      assertThat(infra.path("maxQuantity").asInt()).isEqualTo(2);
      assertThat(infra.path("spot").asBoolean()).isTrue();
      JsonNode notifications = environment.path("notifications");
      assertThat(texts(notifications.path("onSuccess"))).containsExactly("ml-team@rentcars.com");
      assertThat(texts(notifications.path("onFailure")))
          .containsExactly("ml-team@rentcars.com", "oncall@rentcars.com");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void theModelScoreModelRegistersIsTheOneADeployChecks(String env) {
    JsonNode mlflow = artifacts.json("pipeline.json").path("environments").path(env).path("mlflow");

    assertThat(mlflow.path("experiment").asText()).isEqualTo("recsys");
    assertThat(mlflow.path("models")).hasSize(1);
    JsonNode gate = mlflow.path("models").get(0);
    assertThat(gate.path("model").asText()).isEqualTo(RecsysPipeline.MODEL_NAME);
    // The origin's rule: Staging before a dev deploy, Production before a prd one.
    assertThat(gate.path("value").asText()).isEqualTo(env.equals("dev") ? "Staging" : "Production");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void theTwoStepsRunInSequenceWithTheOriginsResources(String env) {
    JsonNode steps = artifacts.json("pipeline.json").path("environments").path(env).path("steps");

    assertThat(steps).hasSize(2);
    JsonNode extract = steps.get(0);
    JsonNode score = steps.get(1);
    assertThat(extract.path("id").asText()).isEqualTo("extract_features");
    assertThat(extract.path("name").asText()).isEqualTo("Extract Features");
    assertThat(extract.path("resources").path("cpu").asDouble()).isEqualTo(1.0);
    assertThat(extract.path("resources").path("memoryGb").asDouble()).isEqualTo(4.0);
    assertThat(texts(extract.path("dependsOn"))).isEmpty();
    assertThat(score.path("id").asText()).isEqualTo("score_model");
    assertThat(score.path("name").asText()).isEqualTo("Score Model");
    assertThat(score.path("resources").path("cpu").asDouble()).isEqualTo(2.0);
    assertThat(score.path("resources").path("memoryGb").asDouble()).isEqualTo(8.0);
    assertThat(texts(score.path("dependsOn"))).containsExactly("extract_features");
    for (JsonNode step : steps) {
      // The pipeline's hour less a minute, for a hung step's own timeout to be reported.
      assertThat(step.path("timeoutSeconds").asInt()).isEqualTo(3540);
      assertThat(step.path("retry").path("maxAttempts").asInt()).isEqualTo(2);
      JsonNode action = step.path("action");
      assertThat(action.path("kind").asText()).isEqualTo("java");
      assertThat(action.path("className").asText()).isEqualTo(RecsysPipeline.class.getName());
      assertThat(action.path("takesContext").asBoolean()).isTrue();
    }
    assertThat(extract.path("action").path("methodName").asText()).isEqualTo("extractFeatures");
    assertThat(score.path("action").path("methodName").asText()).isEqualTo("scoreModel");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void stateMachineRunsExtractThenScoreAsEcsTasks(String env) {
    JsonNode machine = artifacts.json("state-machine." + env + ".asl.json");

    JsonNode settings = machine.path("States").path(machine.path("StartAt").asText());
    assertThat(settings.path("Next").asText()).isEqualTo("extract_features");
    assertThat(settings.path("Assign").path("cluster").asText()).isEqualTo("ml-cluster-recsys");
    assertThat(machine.path("TimeoutSeconds").asInt()).isEqualTo(3600);
    JsonNode extract = machine.path("States").path("extract_features");
    assertThat(extract.path("Next").asText()).isEqualTo("score_model");
    for (String step : List.of("extract_features", "score_model")) {
      JsonNode state = machine.path("States").path(step);
      assertThat(state.path("Type").asText()).isEqualTo("Task");
      assertThat(state.path("Resource").asText()).isEqualTo("arn:aws:states:::ecs:runTask.sync");
      assertThat(state.path("Parameters").path("Cluster.$").asText()).isEqualTo("$cluster");
    }
    JsonNode scoreOverrides = machine.path("States").path("score_model").path("Parameters");
    assertThat(scoreOverrides.path("Overrides").path("Cpu").asText()).isEqualTo("2048");
    assertThat(scoreOverrides.path("Overrides").path("Memory").asText()).isEqualTo("8192");
  }

  @Test
  void stateMachinesOfDevAndPrdPassAslValidator() {
    Map<String, JsonNode> machines = new LinkedHashMap<>();
    for (String env : List.of("dev", "prd")) {
      String file = "state-machine." + env + ".asl.json";
      machines.put("recsys " + file, artifacts.json(file));
    }
    AslValidatorSupport.assertValid(machines);
  }

  @Test
  void scheduleStartsTheWorkflowAtThreeInTheMorningInPrdOnly() {
    JsonNode dev = artifacts.json("schedule.dev.json");
    JsonNode prd = artifacts.json("schedule.prd.json");

    assertThat(prd.path("Name").asText()).isEqualTo("sched-recsys");
    assertThat(prd.path("ScheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(prd.path("State").asText()).isEqualTo("ENABLED");
    assertThat(dev.path("State").asText()).isEqualTo("DISABLED");
  }

  @Test
  void mermaidGraphHasOneEdgeFromExtractToScore() {
    assertThat(artifacts.text("pipeline.mmd"))
        .startsWith("flowchart TD\n")
        .contains("step_extract_features --> step_score_model\n")
        .contains("Extract Features<br/>1 vCPU, 4 GiB")
        .contains("Score Model<br/>2 vCPU, 8 GiB");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
