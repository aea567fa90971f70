package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.Infra;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The origin document's config.yaml, byte for byte, means what the document says it means. */
class OriginExampleTest {

  private static Path seed;
  private static ProjectConfig config;

  @BeforeAll
  static void load() throws Exception {
    seed = Path.of(OriginExampleTest.class.getResource("/seed/config.yaml").toURI());
    Loaded loaded = ConfigLoader.read(seed);
    assertThat(loaded.diagnostics()).isEmpty();
    config = loaded.config().orElseThrow();
  }

  /**
   * The example project is the origin's file plus the keys that hand data between its steps ({@code
   * outputs:}, {@code inputs:}), without which its second step cannot find the first one's features
   * in AWS: every other byte is the origin's.
   */
  @Test
  void isTheExampleProjectsFileWithOnlyStepDataAdded() throws Exception {
    Path example =
        Path.of("..", "..", "examples", "yaml-only", "src", "projects", "recsys", "config.yaml");
    assertThat(example).exists();
    List<String> lines = Files.readAllLines(example, StandardCharsets.UTF_8);
    List<String> added =
        lines.stream().filter(l -> l.matches(" {8}(inputs|outputs): \\[.*\\]")).toList();
    assertThat(added)
        .containsExactly(
            "        outputs: [\"features.csv\"]",
            "        inputs: [\"extract_features/features.csv\"]",
            "        outputs: [\"scores.csv\"]");
    List<String> rest = lines.stream().filter(l -> !added.contains(l)).toList();
    assertThat(String.join("\n", rest) + "\n")
        .isEqualTo(Files.readString(seed, StandardCharsets.UTF_8));
  }

  @Test
  void declaresTheStandardEnvironmentsOnly() {
    assertThat(config.project()).isEqualTo("recsys");
    assertThat(config.environments()).containsExactly("dev", "prd");
  }

  @Test
  void devRunsTheTwoStepsInSequenceWithTheirResources() {
    Resolved dev = config.resolve("dev");
    assertThat(dev.diagnostics()).isEmpty();
    PipelineModel model = dev.model().orElseThrow();

    assertThat(model.project()).isEqualTo("recsys");
    assertThat(model.description()).isEqualTo("Sistema de recomendação de veículos");
    assertThat(model.version()).isEqualTo("1.0.0");
    assertThat(model.environment()).isEqualTo("dev");
    assertThat(model.owners())
        .containsExactly(
            Map.entry("business_owner", "produto@rentcars.com"),
            Map.entry("tech_owner", "ml-team@rentcars.com"));
    assertThat(model.steps())
        .containsExactly(
            step(
                "extract_features",
                "Extract Features",
                "python steps/extract_features.py",
                1.0,
                4,
                List.of()),
            step(
                "score_model",
                "Score Model",
                "python steps/score_model.py",
                2.0,
                8,
                List.of("extract_features")));
    assertThat(model.graph().topologicalOrder()).containsExactly("extract_features", "score_model");
    assertThat(model.infra()).isEqualTo(new Infra("ec2", "t3.xlarge", 0, 2, true));
    assertThat(model.notifications())
        .isEqualTo(
            new Notifications(
                List.of("ml-team@rentcars.com"),
                List.of("ml-team@rentcars.com", "oncall@rentcars.com")));
    assertThat(model.runtime().pythonVersion()).isEqualTo("3.11");
    assertThat(model.runtime().requirementsFile()).isEqualTo("requirements.txt");
    assertThat(model.runtime().envVars()).containsExactly(Map.entry("ENV", "dev"));
    assertThat(model.runtime().secrets()).isEmpty();
    assertThat(model.batch().enabled()).isTrue();
    assertThat(model.batch().orchestrator()).isEqualTo("step_functions");
    assertThat(model.mlflow().experiment()).isEqualTo("recsys");
    assertThat(model.mlflow().models()).isEmpty();
  }

  @Test
  void scheduleIsDisabledInDevAndEnabledInPrd() {
    PipelineModel dev = config.resolve("dev").model().orElseThrow();
    PipelineModel prd = config.resolve("prd").model().orElseThrow();

    assertThat(dev.schedule().enabled()).isFalse();
    assertThat(prd.schedule().enabled()).isTrue();
    for (PipelineModel model : List.of(dev, prd)) {
      assertThat(model.schedule().source()).isEqualTo("0 3 * * *");
      assertThat(model.schedule().expression()).isEqualTo("cron(0 3 * * ? *)");
      assertThat(model.schedule().timezone()).isEqualTo("UTC");
      assertThat(model.schedule().timeoutSeconds()).isEqualTo(3600);
      assertThat(model.schedule().retries()).isEqualTo(2);
    }
  }

  @Test
  void prdTasksGetEnvPrdAndAWarningPointsAtTheDevDefault() {
    Resolved prd = config.resolve("prd");

    assertThat(prd.hasErrors()).isFalse();
    assertThat(prd.model().orElseThrow().runtime().envVars())
        .containsExactly(Map.entry("ENV", "prd"));
    assertThat(prd.diagnostics()).hasSize(1);
    Diagnostic warning = prd.diagnostics().get(0);
    assertThat(warning.isError()).isFalse();
    assertThat(warning.message()).isEqualTo(EngineMessage.CONFIG_ENV_OVERRIDDEN);
    assertThat(warning.position()).contains(new SourcePosition(seed.toString(), 19, 10));
    assertThat(warning.text()).contains("'dev'", "ENV=prd");
  }

  @Test
  void prdHasTheSameStepsAsDev() {
    assertThat(config.resolve("prd").model().orElseThrow().steps())
        .isEqualTo(config.resolve("dev").model().orElseThrow().steps());
  }

  @Test
  void validateReportsOnlyThePrdWarning() {
    assertThat(config.validate(CodeDefaults.NONE))
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-ENV-OVERRIDDEN 19:10");
  }

  private static StepModel step(
      String id, String name, String command, double cpu, double memoryGb, List<String> after) {
    return new StepModel(
        id,
        name,
        new StepAction.Command(command),
        new Resources(cpu, memoryGb),
        3540, // the pipeline's hour less a minute: Schedule.defaultStepTimeoutSeconds
        RetryPolicy.forStep(2),
        RetryPolicy.forInfrastructure(),
        after);
  }
}
