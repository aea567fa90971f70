package io.esteira.examples.churn;

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
 * What {@code mvn package} generated from {@link ChurnPipeline} and {@code config.yaml}, read from
 * the class path: a graph with two independent steps, which the state machine runs in parallel.
 */
class ChurnArtifactsTest {

  private final ClasspathArtifacts artifacts = new ClasspathArtifacts("churn");

  @Test
  void everyArtifactOfDevAndPrdIsGenerated() {
    for (String file : ClasspathArtifacts.FILES) {
      assertThat(artifacts.text(file)).as(file).isNotBlank().endsWith("\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void theModelTrainRegistersIsTheOneADeployChecks(String env) {
    JsonNode mlflow = artifacts.json("pipeline.json").path("environments").path(env).path("mlflow");

    assertThat(mlflow.path("experiment").asText()).isEqualTo("churn");
    assertThat(mlflow.path("models")).hasSize(1);
    JsonNode gate = mlflow.path("models").get(0);
    assertThat(gate.path("model").asText()).isEqualTo(ChurnPipeline.MODEL_NAME);
    // The origin's rule: Staging before a dev deploy, Production before a prd one.
    assertThat(gate.path("value").asText()).isEqualTo(env.equals("dev") ? "Staging" : "Production");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void pipelineJsonHasTheStepsOfTheClassWithTheirDependencies(String env) {
    JsonNode environment = artifacts.json("pipeline.json").path("environments").path(env);
    JsonNode steps = environment.path("steps");

    assertThat(steps)
        .extracting(s -> s.path("id").asText())
        .containsExactly("load_customers", "features_usage", "features_billing", "train", "report");
    assertThat(dependsOn(steps, "load_customers")).isEmpty();
    assertThat(dependsOn(steps, "features_usage")).containsExactly("load_customers");
    assertThat(dependsOn(steps, "features_billing")).containsExactly("load_customers");
    assertThat(dependsOn(steps, "train")).containsExactly("features_usage", "features_billing");
    assertThat(dependsOn(steps, "report")).containsExactly("train");
    assertThat(step(steps, "load_customers").path("resources").path("cpu").asDouble())
        .isEqualTo(0.5);
    assertThat(step(steps, "train").path("resources").path("cpu").asDouble()).isEqualTo(2.0);
    assertThat(step(steps, "train").path("action").path("className").asText())
        .isEqualTo(ChurnPipeline.class.getName());
    assertThat(environment.path("infra").path("ec2Type").asText()).isEqualTo("m5.xlarge");
    assertThat(environment.path("schedule").path("timezone").asText())
        .isEqualTo("America/Sao_Paulo");
    assertThat(environment.path("schedule").path("expression").asText())
        .isEqualTo("cron(0 6 ? * MON *)");
  }

  @Test
  void prdsSectionOverridesTheMemoryTheAnnotationGivesTrain() {
    JsonNode environments = artifacts.json("pipeline.json").path("environments");

    assertThat(memoryOfTrain(environments.path("dev"))).isEqualTo(8.0);
    assertThat(memoryOfTrain(environments.path("prd"))).isEqualTo(12.0);
    JsonNode prd = artifacts.json("state-machine.prd.asl.json");
    JsonNode overrides = prd.path("States").path("train").path("Parameters").path("Overrides");
    assertThat(overrides.path("Memory").asText()).isEqualTo("12288");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prd"})
  void theTwoFeatureStepsRunInTwoBranchesOfOneParallelState(String env) {
    JsonNode states = artifacts.json("state-machine." + env + ".asl.json").path("States");

    List<String> parallels = new ArrayList<>();
    states
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals("Parallel")) {
                parallels.add(e.getKey());
              }
            });
    assertThat(parallels).hasSize(1);
    JsonNode parallel = states.path(parallels.get(0));
    JsonNode branches = parallel.path("Branches");
    assertThat(branches).hasSize(2);
    assertThat(branches)
        .extracting(b -> b.path("StartAt").asText())
        .containsExactlyInAnyOrder("features_usage", "features_billing");
    for (JsonNode branch : branches) {
      String step = branch.path("StartAt").asText();
      JsonNode task = branch.path("States").path(step);
      assertThat(task.path("Type").asText()).isEqualTo("Task");
      assertThat(task.path("Resource").asText()).isEqualTo("arn:aws:states:::ecs:runTask.sync");
      // Each branch holds one step: neither feature step waits for the other.
      assertThat(task.path("End").asBoolean()).as(step + " ends its branch").isTrue();
    }
    // load_customers leads into the Parallel state, and train follows it.
    assertThat(states.path("load_customers").path("Next").asText()).isEqualTo(parallels.get(0));
    assertThat(parallel.path("Next").asText()).isEqualTo("train");
    assertThat(states.path("train").path("Next").asText()).isEqualTo("report");
    assertThat(states.has("features_usage"))
        .as("feature steps live in the branches only")
        .isFalse();
  }

  @Test
  void stateMachinesOfDevAndPrdPassAslValidator() {
    Map<String, JsonNode> machines = new LinkedHashMap<>();
    for (String env : List.of("dev", "prd")) {
      String file = "state-machine." + env + ".asl.json";
      machines.put("churn " + file, artifacts.json(file));
    }
    AslValidatorSupport.assertValid(machines);
  }

  @Test
  void mermaidGraphForksAfterLoadingAndJoinsAtTrain() {
    assertThat(artifacts.text("pipeline.mmd"))
        .contains("step_load_customers --> step_features_usage\n")
        .contains("step_load_customers --> step_features_billing\n")
        .contains("step_features_usage --> step_train\n")
        .contains("step_features_billing --> step_train\n")
        .contains("step_train --> step_report\n");
  }

  private static double memoryOfTrain(JsonNode environment) {
    return step(environment.path("steps"), "train").path("resources").path("memoryGb").asDouble();
  }

  private static JsonNode step(JsonNode steps, String id) {
    for (JsonNode step : steps) {
      if (step.path("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + steps);
  }

  private static List<String> dependsOn(JsonNode steps, String id) {
    List<String> ids = new ArrayList<>();
    step(steps, id).path("dependsOn").forEach(node -> ids.add(node.asText()));
    return ids;
  }
}
