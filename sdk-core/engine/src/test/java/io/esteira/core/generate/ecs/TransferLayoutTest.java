package io.esteira.core.generate.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The task definition of a pipeline whose command steps hand data over: three containers sharing
 * the work volume, checked field by field, and the whole request checked against ECS's own
 * RegisterTaskDefinition input shape by botocore (from the moto virtualenv that {@code
 * scripts/install-test-tools.sh} installs).
 */
class TransferLayoutTest {

  static PipelineModel handsOver() {
    return TestModels.builder("recsys")
        .environment("prd")
        .step(
            TestModels.command("extract", "Extract", "python extract.py", 1, 2, 0)
                .outputs("features.csv"))
        .step(
            TestModels.command("score", "Score", "python score.py", 2, 4, 0)
                .dependsOn("extract")
                .inputs("extract/features.csv"))
        .build();
  }

  private static final String WORK_MOUNT =
      "{\"sourceVolume\":\"esteira-work\",\"containerPath\":\"/esteira/work\",\"readOnly\":false}";
  private static final String STATUS_MOUNT =
      "{\"sourceVolume\":\"esteira-status\",\"containerPath\":\"/esteira/status\","
          + "\"readOnly\":false}";

  @Test
  void threeContainersShareTheWorkVolumeAndTheOutputsOneCarriesTheOutcome() {
    ObjectNode request = TaskDefinitionGenerator.generate(handsOver());
    JsonNode containers = request.get("containerDefinitions");

    assertThat(containers).hasSize(3);
    JsonNode step = containers.get(0);
    assertThat(step.get("name").asText()).isEqualTo("recsys");
    assertThat(step.get("essential").asBoolean()).isFalse();
    assertThat(step.get("cpu").asInt()).isEqualTo(2048);
    assertThat(step.get("mountPoints").toString())
        .isEqualTo("[" + WORK_MOUNT + "," + STATUS_MOUNT + "]");
    assertThat(step.get("dependsOn").toString())
        .isEqualTo("[{\"containerName\":\"esteira-inputs\",\"condition\":\"SUCCESS\"}]");

    JsonNode inputs = containers.get(1);
    assertThat(inputs.get("name").asText()).isEqualTo("esteira-inputs");
    assertThat(inputs.get("image").asText()).isEqualTo("${TransferImage}");
    assertThat(inputs.get("essential").asBoolean()).isFalse();
    assertThat(inputs.has("cpu")).isFalse();
    assertThat(inputs.has("memory")).isFalse();
    assertThat(inputs.has("dependsOn")).isFalse();
    assertThat(inputs.get("entryPoint").toString()).isEqualTo("[\"sh\",\"-c\"]");
    assertThat(inputs.get("command").get(0).asText()).isEqualTo(TransferScripts.inputs());
    assertThat(inputs.get("mountPoints").toString()).isEqualTo("[" + WORK_MOUNT + "]");
    assertThat(inputs.get("environment").toString())
        .isEqualTo(
            "[{\"name\":\"AWS_DEFAULT_REGION\",\"value\":\"${Region}\"},"
                + "{\"name\":\"AWS_REGION\",\"value\":\"${Region}\"},"
                + "{\"name\":\"ENV\",\"value\":\"prd\"},"
                + "{\"name\":\"ESTEIRA_PROJECT\",\"value\":\"recsys\"},"
                + "{\"name\":\"ESTEIRA_WORK_DIR\",\"value\":\"/esteira/work\"}]");

    JsonNode outputs = containers.get(2);
    assertThat(outputs.get("name").asText()).isEqualTo("esteira-outputs");
    assertThat(outputs.get("essential").asBoolean()).isTrue();
    assertThat(outputs.get("command").get(0).asText()).isEqualTo(TransferScripts.outputs());
    assertThat(outputs.get("mountPoints").toString())
        .isEqualTo("[" + WORK_MOUNT + "," + STATUS_MOUNT + "]");
    assertThat(outputs.get("dependsOn").toString())
        .isEqualTo("[{\"containerName\":\"recsys\",\"condition\":\"COMPLETE\"}]");

    for (JsonNode container : containers) {
      assertThat(container.get("logConfiguration").toString())
          .isEqualTo(
              "{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/recsys\","
                  + "\"awslogs-region\":\"${Region}\",\"awslogs-stream-prefix\":\"prd\"}}");
    }
    assertThat(request.get("volumes").toString())
        .isEqualTo("[{\"name\":\"esteira-work\"},{\"name\":\"esteira-status\"}]");
  }

  @Test
  void withoutCommandStepsHandingDataOverTheStepContainerStaysAloneAndEssential() {
    ObjectNode request = TaskDefinitionGenerator.generate(TestModels.seed("prd"));

    assertThat(request.get("containerDefinitions")).hasSize(1);
    assertThat(request.at("/containerDefinitions/0/essential").asBoolean()).isTrue();
    assertThat(request.at("/containerDefinitions/0/dependsOn").isMissingNode()).isTrue();
    assertThat(request.get("volumes").toString()).isEqualTo("[{\"name\":\"esteira-work\"}]");
  }

  @Test
  void botocoreAcceptsBothLayoutsAsRegisterTaskDefinitionInput() throws Exception {
    assertBotocoreAccepts(TaskDefinitionGenerator.generate(handsOver()));
    assertBotocoreAccepts(TaskDefinitionGenerator.generate(TestModels.seed("dev")));
  }

  /** Validates the request with botocore's ParamValidator against the ECS service model. */
  static void assertBotocoreAccepts(JsonNode request) throws IOException, InterruptedException {
    Path python = moto().resolve("bin/python");
    String check =
        """
        import json, sys
        import botocore.session
        from botocore.validate import ParamValidator
        model = botocore.session.get_session().get_service_model("ecs")
        shape = model.operation_model("RegisterTaskDefinition").input_shape
        report = ParamValidator().validate(json.load(sys.stdin), shape)
        if report.has_errors():
            print(report.generate_report())
            sys.exit(1)
        print("valid")
        """;
    Process process =
        new ProcessBuilder(python.toString(), "-c", check).redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(Json.writeCompact(request).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.trim()).isEqualTo("valid");
  }

  private static Path moto() {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      Path venv = at.resolve(".tools/moto-venv");
      if (Files.isExecutable(venv.resolve("bin/python"))) {
        return venv;
      }
    }
    return fail(
        "no .tools/moto-venv above %s (it holds botocore); run 'bash"
            + " scripts/install-test-tools.sh' at the repository root, then run the tests again",
        Path.of("").toAbsolutePath());
  }
}
