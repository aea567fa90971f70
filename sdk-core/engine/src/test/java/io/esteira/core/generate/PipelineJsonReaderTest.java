package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.core.model.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineJsonReaderTest {

  private static PipelineModel rich(String environment) {
    return TestModels.builder("tiny")
        .description("Two steps")
        .version("2.1.0")
        .environment(environment)
        .step(TestModels.command("hello", "Say Hello", "echo hi", 0.5, 1, 1).outputs("hi.txt"))
        .step(
            TestModels.step("train")
                .action(new StepAction.JavaMethod("com.example.Tiny", "train", true))
                .dependsOn("hello")
                .inputs("hello/hi.txt")
                .outputs("model/weights.bin", "metrics.json"))
        .schedule(new Schedule(true, "0 3 * * *", "cron(0 3 * * ? *)", "Europe/Lisbon", 600, 1))
        .envVar("LOG_LEVEL", "info")
        .secret("DB_PASSWORD", "arn:aws:ssm:${Region}:${AccountId}:parameter/tiny/db")
        .infra(new Infra("ec2", "t3.large", 0, 2, true))
        .notifications(
            new Notifications(List.of("team@example.com"), List.of("oncall@example.com")))
        .model("tiny-model", RequirementKind.ALIAS, "champion")
        .model("other-model", RequirementKind.STAGE, "Production")
        .build();
  }

  @Test
  void readsBackExactlyTheModelsTheGeneratorWrote() {
    List<PipelineModel> models = List.of(rich("dev"), rich("prd"), TestModels.seed("dev"));
    String json = Json.write(PipelineJsonGenerator.generate(models.subList(0, 2)));

    PipelineDocument document = PipelineJsonReader.read(json, "pipeline.json");

    assertThat(document.project()).isEqualTo("tiny");
    assertThat(document.description()).isEqualTo("Two steps");
    assertThat(document.version()).isEqualTo("2.1.0");
    assertThat(document.environments()).containsExactly("dev", "prd");
    assertThat(document.model("dev")).isEqualTo(models.get(0));
    assertThat(document.model("prd")).isEqualTo(models.get(1));
  }

  @Test
  void readsTheOriginExampleBack() {
    PipelineModel seed = TestModels.seed("prd");
    String json = Json.write(PipelineJsonGenerator.generate(List.of(seed)));

    assertThat(PipelineJsonReader.read(json, "pipeline.json").model("prd")).isEqualTo(seed);
  }

  @Test
  void anEnvironmentTheFileDoesNotHoldIsNamedWithTheOnesItHas() {
    String json = Json.write(PipelineJsonGenerator.generate(List.of(rich("dev"))));

    assertThatThrownBy(() -> PipelineJsonReader.read(json, "pipeline.json").model("prd"))
        .isInstanceOf(PipelineJsonException.class)
        .hasMessageContaining("no environment 'prd'")
        .hasMessageContaining("it has dev");
  }

  @Test
  void writesInputsAndOutputsOnlyWhereAStepHasThem() {
    ObjectNode root = PipelineJsonGenerator.generate(List.of(rich("dev")));

    assertThat(root.get("formatVersion").intValue()).isEqualTo(2);
    assertThat(root.at("/environments/dev/steps/0").has("inputs")).isFalse();
    assertThat(root.at("/environments/dev/steps/0").fieldNames())
        .toIterable()
        .endsWith("dependsOn", "outputs");
    assertThat(root.at("/environments/dev/steps/0/outputs/0").asText()).isEqualTo("hi.txt");
    assertThat(root.at("/environments/dev/steps/1/inputs/0").asText()).isEqualTo("hello/hi.txt");
    assertThat(root.at("/environments/dev/steps/1/outputs/0").asText())
        .isEqualTo("model/weights.bin");
  }

  @Test
  void readsAVersionOneFileAsSteppingNoDataOver() {
    PipelineModel seed = TestModels.seed("prd");
    ObjectNode root = PipelineJsonGenerator.generate(List.of(seed));
    root.put("formatVersion", 1);

    PipelineModel read = PipelineJsonReader.read(Json.write(root), "pipeline.json").model("prd");

    assertThat(read).isEqualTo(seed);
    assertThat(read.steps()).noneMatch(StepModel::handsDataOver);
  }

  @Test
  void refusesAnInputThatIsNotStepSlashName() {
    ObjectNode root = PipelineJsonGenerator.generate(List.of(rich("dev")));
    ((ObjectNode) root.at("/environments/dev/steps/1")).putArray("inputs").add("hi.txt");

    assertThatThrownBy(() -> PipelineJsonReader.read(Json.write(root), "pipeline.json"))
        .hasMessageContaining(
            "environments.dev.steps[1].inputs has 'hi.txt', which is not <step>/<name>");
  }

  @Test
  void refusesAnotherFormatVersion() {
    ObjectNode root = PipelineJsonGenerator.generate(List.of(rich("dev")));
    root.put("formatVersion", 99);

    assertThatThrownBy(() -> PipelineJsonReader.read(Json.write(root), "x/pipeline.json"))
        .isInstanceOf(PipelineJsonException.class)
        .hasMessageContaining(
            "x/pipeline.json has format version 99 but this Esteira reads versions 1 to 2")
        .hasMessageContaining("rebuild");
  }

  @Test
  void namesTheKeyThatIsMissingOrMistyped() {
    ObjectNode root = PipelineJsonGenerator.generate(List.of(rich("dev")));
    ObjectNode step = (ObjectNode) root.at("/environments/dev/steps/1");
    step.remove("timeoutSeconds");
    assertThatThrownBy(() -> PipelineJsonReader.read(Json.write(root), "pipeline.json"))
        .hasMessageContaining("environments.dev.steps[1].timeoutSeconds is missing");

    step.put("timeoutSeconds", "soon");
    assertThatThrownBy(() -> PipelineJsonReader.read(Json.write(root), "pipeline.json"))
        .hasMessageContaining("environments.dev.steps[1].timeoutSeconds is not an integer");

    step.put("timeoutSeconds", 60);
    ((ObjectNode) step.get("action")).put("kind", "python");
    assertThatThrownBy(() -> PipelineJsonReader.read(Json.write(root), "pipeline.json"))
        .hasMessageContaining("environments.dev.steps[1].action.kind is 'python'");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> PipelineJsonReader.read("{ not json", "broken/pipeline.json"))
        .isInstanceOf(PipelineJsonException.class)
        .hasMessageStartingWith("broken/pipeline.json is not valid JSON");
  }
}
