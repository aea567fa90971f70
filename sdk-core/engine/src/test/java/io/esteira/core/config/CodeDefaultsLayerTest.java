package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Origin;
import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Java pipelines: annotation values < config.yaml < environments.<env>. */
class CodeDefaultsLayerTest {

  private static final CodeStep PREPARE = ConfigTesting.codeStep("prepare");

  private static final CodeStep TRAIN =
      new CodeStep(
          "train",
          Optional.of("Train the model"),
          new StepAction.JavaMethod("com.example.Recsys", "train", true),
          OptionalDouble.of(2.0),
          OptionalDouble.of(6.0),
          OptionalInt.of(1800),
          OptionalInt.of(3),
          List.of());

  private static CodeDefaults code(CodeStep... steps) {
    return new CodeDefaults(
        Optional.of("recsys"), Optional.of("from code"), Optional.of("2.0.0"), List.of(steps));
  }

  private static PipelineModel resolve(String yaml, String env, CodeDefaults code) {
    Resolved resolved = ConfigTesting.load(yaml).resolve(env, code);
    assertThat(resolved.diagnostics()).isEmpty();
    return resolved.model().orElseThrow();
  }

  @Test
  void anEmptyConfigTakesEverythingFromTheCode() {
    PipelineModel model = resolve("", "dev", code(PREPARE, TRAIN));

    assertThat(model.project()).isEqualTo("recsys");
    assertThat(model.description()).isEqualTo("from code");
    assertThat(model.version()).isEqualTo("2.0.0");
    assertThat(model.steps()).extracting(StepModel::id).containsExactly("prepare", "train");
    StepModel train = model.step("train");
    assertThat(train.name()).isEqualTo("Train the model");
    assertThat(train.action()).isEqualTo(TRAIN.action());
    assertThat(train.resources().cpu()).isEqualTo(2.0);
    assertThat(train.resources().memoryGb()).isEqualTo(6.0);
    assertThat(train.timeoutSeconds()).isEqualTo(1800);
    assertThat(train.retry().maxAttempts()).isEqualTo(3);
    assertThat(train.dependsOn()).containsExactly("prepare");
    assertThat(model.step("prepare").name()).isEqualTo("Prepare");
  }

  @Test
  void configOverridesCodeAndTheEnvironmentOverridesConfig() {
    String yaml =
        """
        project_name: recsys-v2
        version: "3.0.0"
        batch:
          pipeline:
            steps:
              - id: train
                resources:
                  memory_gb: 7
                retries: 1
        environments:
          prd:
            version: "3.0.1"
            batch:
              pipeline:
                steps:
                  - id: train
                    resources:
                      memory_gb: 14
                  - id: prepare
                    resources:
                      cpu: 0.5
        infra:
          compute:
            ec2_type: t3.2xlarge
        """;
    Resolved resolvedDev = ConfigTesting.load(yaml).resolve("dev", code(PREPARE, TRAIN));
    Resolved resolvedPrd = ConfigTesting.load(yaml).resolve("prd", code(PREPARE, TRAIN));
    PipelineModel dev = resolvedDev.model().orElseThrow();
    PipelineModel prd = resolvedPrd.model().orElseThrow();

    // config.yaml wins, with a warning for each value that differs from @Pipeline's; prd's own
    // version is its section's override, as intended, and no warning.
    assertThat(resolvedDev.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly(
            "ESTEIRA-CONFIG-ANNOTATION-DIFFERS 1:15", "ESTEIRA-CONFIG-ANNOTATION-DIFFERS 2:10");
    assertThat(resolvedPrd.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-ANNOTATION-DIFFERS 1:15");
    assertThat(dev.project()).isEqualTo("recsys-v2");
    assertThat(dev.version()).isEqualTo("3.0.0");
    assertThat(prd.version()).isEqualTo("3.0.1");
    assertThat(dev.step("train").resources().memoryGb()).isEqualTo(7);
    assertThat(prd.step("train").resources().memoryGb()).isEqualTo(14);
    assertThat(prd.step("train").resources().cpu()).isEqualTo(2.0); // from the annotation
    assertThat(dev.step("train").retry().maxAttempts()).isEqualTo(1);
    assertThat(dev.step("train").timeoutSeconds()).isEqualTo(1800);
    assertThat(dev.step("prepare").resources().cpu()).isEqualTo(1.0);
    assertThat(prd.step("prepare").resources().cpu()).isEqualTo(0.5);
  }

  @Test
  void configCommandStepsFollowTheMethodsInTheSequence() {
    String yaml =
        """
        batch:
          pipeline:
            steps:
              - id: publish
                command: "./publish.sh"
        """;
    PipelineModel model = resolve(yaml, "dev", code(PREPARE, TRAIN));

    assertThat(model.steps())
        .extracting(StepModel::id)
        .containsExactly("prepare", "train", "publish");
    assertThat(model.step("publish").action()).isEqualTo(new StepAction.Command("./publish.sh"));
    assertThat(model.step("publish").dependsOn()).containsExactly("train");
  }

  @Test
  void anAfterOnAMethodMakesTheGraphExplicit() {
    CodeStep evaluate = ConfigTesting.codeStep("evaluate", "train");
    PipelineModel model = resolve("", "dev", code(PREPARE, TRAIN, evaluate));

    assertThat(model.step("prepare").dependsOn()).isEmpty();
    assertThat(model.step("train").dependsOn()).isEmpty();
    assertThat(model.step("evaluate").dependsOn()).containsExactly("train");
  }

  @Test
  void dependsOnInConfigReplacesTheMethodsAfter() {
    CodeStep evaluate = ConfigTesting.codeStep("evaluate", "train");
    String yaml =
        """
        batch:
          pipeline:
            steps:
              - id: evaluate
                depends_on: [prepare, train]
        """;
    PipelineModel model = resolve(yaml, "dev", code(PREPARE, TRAIN, evaluate));

    assertThat(model.step("evaluate").dependsOn()).containsExactly("prepare", "train");
  }

  @Test
  void aMissingNameAndVersionAreFineWhenTheCodeHasThem() {
    CodeDefaults noName =
        new CodeDefaults(Optional.empty(), Optional.empty(), Optional.empty(), List.of(PREPARE));
    Resolved resolved = ConfigTesting.load("").resolve("dev", noName);

    assertThat(resolved.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-MISSING-KEY 1:1", "ESTEIRA-CONFIG-MISSING-KEY 1:1");
    assertThat(resolved.diagnostics().get(0).text()).contains("'project_name'");
    assertThat(resolved.diagnostics().get(1).text()).contains("'version'");
  }

  @Test
  void anInvalidNameFromTheCodeIsReported() {
    CodeDefaults badName =
        new CodeDefaults(
            Optional.of("Recsys"), Optional.empty(), Optional.of("1"), List.of(PREPARE));
    Resolved resolved = ConfigTesting.load("").resolve("dev", badName);

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::origin)
        .containsExactly(
            tuple("ESTEIRA-CONFIG-PROJECT-NAME", Optional.of(Origin.pipeline("name"))));
    assertThat(resolved.diagnostics().get(0).args().get(0)).isEqualTo("Recsys");
  }

  @Test
  void aMethodThatDoesNotFitIsReportedAtItsMemoryAttribute() {
    Resolved resolved =
        ConfigTesting.load("infra:\n  compute:\n    ec2_type: t3.small\n")
            .resolve("dev", code(TRAIN));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::origin)
        .containsExactly(
            tuple(
                "ESTEIRA-CONFIG-STEP-DOES-NOT-FIT", Optional.of(Origin.step("train", "memoryGb"))));
    Diagnostic d = resolved.diagnostics().get(0);
    assertThat(d.position()).isEmpty();
    assertThat(d.args().get(0)).isEqualTo("train");
    assertThat(d.text()).contains("6 GiB", "t3.small", "such as t3.large");
  }

  @Test
  void aMethodWhoseCpuDoesNotFitIsReportedAtItsCpuAttribute() {
    CodeStep big =
        new CodeStep(
            "train",
            Optional.empty(),
            TRAIN.action(),
            OptionalDouble.of(4),
            OptionalDouble.of(1),
            OptionalInt.empty(),
            OptionalInt.empty(),
            List.of());
    Resolved resolved =
        ConfigTesting.load("infra:\n  compute:\n    ec2_type: t3.small\n")
            .resolve("dev", code(big));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::origin)
        .containsExactly(Optional.of(Origin.step("train", "cpu")));
  }

  @Test
  void memoryRaisedInConfigIsReportedWhereConfigRaisesIt() {
    String yaml =
        """
        batch:
          pipeline:
            steps:
              - id: train
                resources:
                  memory_gb: 60
        """;
    Resolved resolved = ConfigTesting.load(yaml).resolve("dev", code(TRAIN));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::origin)
        .containsExactly(Optional.of(new SourcePosition("config.yaml", 6, 22)));
  }

  @Test
  void outOfRangeAnnotationValuesNameTheirAttribute() {
    CodeStep bad =
        new CodeStep(
            "train",
            Optional.empty(),
            TRAIN.action(),
            OptionalDouble.of(0.1),
            OptionalDouble.of(0),
            OptionalInt.of(30),
            OptionalInt.of(11),
            List.of());
    Resolved resolved = ConfigTesting.load("").resolve("dev", code(bad));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::origin, d -> d.args().get(0))
        .containsExactly(
            tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE",
                Optional.of(Origin.step("train", "cpu")),
                "@Step(cpu)"),
            tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE",
                Optional.of(Origin.step("train", "memoryGb")),
                "@Step(memoryGb)"),
            tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE",
                Optional.of(Origin.step("train", "timeout")),
                "@Step(timeout)"),
            tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE",
                Optional.of(Origin.step("train", "retries")),
                "@Step(retries)"));
  }

  @Test
  void aTimeoutOverThePipelinesIsReportedAtTheTimeoutAttribute() {
    Resolved resolved =
        ConfigTesting.load("schedule:\n  timeout_seconds: 900\n").resolve("dev", code(TRAIN));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::origin, d -> d.args().get(0))
        .containsExactly(
            tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE",
                Optional.of(Origin.step("train", "timeout")),
                "@Step(timeout)"));
  }

  @Test
  void anUnknownAfterItemIsReportedAtThatItem() {
    CodeStep evaluate = ConfigTesting.codeStep("evaluate", "prepare", "trian");
    Resolved resolved = ConfigTesting.load("").resolve("dev", code(PREPARE, TRAIN, evaluate));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::origin, d -> d.args().get(2))
        .containsExactly(
            tuple(
                "ESTEIRA-STEP-UNKNOWN-DEPENDENCY",
                Optional.of(Origin.step("evaluate", "after").item(1)),
                "trian"));
  }

  @Test
  void aCycleIsReportedAtTheAfterItemThatCloses() {
    CodeStep prepare = ConfigTesting.codeStep("prepare", "evaluate");
    CodeStep evaluate = ConfigTesting.codeStep("evaluate", "train", "prepare");
    Resolved resolved = ConfigTesting.load("").resolve("dev", code(prepare, TRAIN, evaluate));

    assertThat(resolved.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-STEP-CYCLE");
    assertThat(resolved.diagnostics().get(0).origin().orElseThrow())
        .isIn(Origin.step("prepare", "after").item(0), Origin.step("evaluate", "after").item(1));
  }

  @Test
  void aProjectNameThatDiffersFromTheAnnotationIsAWarningAtItsLine() {
    Resolved resolved =
        ConfigTesting.load("project_name: recsys-v2\nversion: \"2.0.0\"\n")
            .resolve("dev", code(TRAIN));

    assertThat(resolved.model()).map(PipelineModel::project).contains("recsys-v2");
    assertThat(resolved.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(ConfigTesting.where(d))
                  .isEqualTo("ESTEIRA-CONFIG-ANNOTATION-DIFFERS 1:15");
              assertThat(d.isError()).isFalse();
              assertThat(d.text())
                  .isEqualTo(
                      "project_name is 'recsys-v2' here, but @Pipeline(name = \"recsys\") says"
                          + " otherwise; config.yaml wins over the annotation, so the project is"
                          + " 'recsys-v2', and every AWS name derives from it: write the same value in"
                          + " both places, or keep only one of them");
            });
  }

  @Test
  void aVersionThatDiffersFromTheAnnotationIsAWarningAtItsLine() {
    Resolved resolved =
        ConfigTesting.load("project_name: recsys\nversion: \"2.1.0\"\n")
            .resolve("prd", code(TRAIN));

    assertThat(resolved.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(ConfigTesting.where(d))
                  .isEqualTo("ESTEIRA-CONFIG-ANNOTATION-DIFFERS 2:10");
              assertThat(d.text())
                  .startsWith("version is '2.1.0' here, but @Pipeline(version = \"2.0.0\") says");
            });
  }

  @Test
  void theSameNameAndVersionInBothPlacesAreNoProblem() {
    resolve("project_name: recsys\nversion: \"2.0.0\"\n", "dev", code(TRAIN));
  }
}
