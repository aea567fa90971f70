package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.RECSYS_CONFIG;
import static io.esteira.processor.ProcessorTesting.recsys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Step(inputs, outputs)}: carried into pipeline.json, and every problem the engine finds
 * with them reported on the very item of the annotation that is wrong, with the same text {@code
 * esteira validate} prints for config.yaml.
 */
class StepDataProcessorTest {

  @TempDir Path dir;

  private Compilation compile(JavaFileObject source) {
    return compile(RECSYS_CONFIG, source);
  }

  private Compilation compile(String yaml, JavaFileObject source) {
    return ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, yaml), source);
  }

  @Test
  void declaredDataReachesPipelineJson() throws Exception {
    Compilation compilation =
        compile(
            recsys(
                """
                  @Step(outputs = {"features.csv", "stats/summary.json"})
                  public void extractFeatures() {}

                  @Step(inputs = "extract_features/features.csv", outputs = "scores.csv")
                  public void scoreModel(StepContext context) {}
                """));

    assertThat(compilation).succeededWithoutWarnings();
    JsonNode steps =
        new ObjectMapper()
            .readTree(GeneratedOutput.metaInf(compilation).get("esteira/recsys/pipeline.json"))
            .at("/environments/dev/steps");
    assertThat(steps.get(0).get("outputs").toString())
        .isEqualTo("[\"features.csv\",\"stats/summary.json\"]");
    assertThat(steps.get(0).has("inputs")).isFalse();
    assertThat(steps.get(1).get("inputs").toString())
        .isEqualTo("[\"extract_features/features.csv\"]");
    assertThat(steps.get(1).get("outputs").toString()).isEqualTo("[\"scores.csv\"]");
  }

  @Test
  void anUnknownStepIsUnderlinedAtItsItem() {
    JavaFileObject source =
        recsys(
            """
              @Step(outputs = "features.csv") public void extractFeatures() {}

              @Step(
                  inputs = {
                    "extract_features/features.csv",
                    "extract_feature/features.csv"
                  })
              public void scoreModel() {}
            """);

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-INPUT-UNKNOWN-STEP] input 'extract_feature/features.csv' of step"
                + " 'score_model' names step 'extract_feature', which is not a step of this"
                + " pipeline; did you mean 'extract_features'?")
        .inFile(source)
        .onLineContaining("\"extract_feature/features.csv\"");
  }

  @Test
  void aStepThatIsNotUpstreamGetsTheAfterHint() {
    JavaFileObject source =
        recsys(
            """
              @Step public void prepare() {}

              @Step(after = "prepare", inputs = "extract_features/features.csv")
              public void scoreModel() {}

              @Step(after = "prepare", outputs = "features.csv")
              public void extractFeatures() {}
            """);

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-INPUT-NOT-UPSTREAM] input 'extract_features/features.csv' of step"
                + " 'score_model' is an output of step 'extract_features', which is not upstream"
                + " of 'score_model', so it may not have run when 'score_model' starts; make"
                + " 'score_model' wait for it: add \"extract_features\" to @Step(after) of its"
                + " method")
        .inFile(source)
        .onLineContaining("inputs = \"extract_features/features.csv\"");
  }

  @Test
  void aBadOutputNameIsUnderlinedAtItsItem() {
    JavaFileObject source =
        recsys(
            """
              @Step(outputs = {"features.csv", "../escape.csv"}) public void extractFeatures() {}
            """);

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-DATA-NAME] output '../escape.csv' of step 'extract_features' has a"
                + " '..' segment; a name is a relative path")
        .inFile(source)
        .onLineContaining("\"../escape.csv\"");
  }

  @Test
  void aNameTheProducerDoesNotDeclareIsRefused() {
    JavaFileObject source =
        recsys(
            """
              @Step(outputs = "features.csv") public void extractFeatures() {}

              @Step(inputs = "extract_features/feature.csv") public void scoreModel() {}
            """);

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-INPUT-NOT-AN-OUTPUT] input 'extract_features/feature.csv' of step"
                + " 'score_model' names output 'feature.csv' of step 'extract_features', but"
                + " 'extract_features' declares only the output features.csv; add 'feature.csv' to"
                + " the outputs of step 'extract_features', or fix the name (did you mean"
                + " 'features.csv'?)")
        .inFile(source)
        .onLineContaining("inputs = \"extract_features/feature.csv\"");
  }

  @Test
  void twoInputsOnOneNameAndReadingItsOwnOutputAreRefused() {
    JavaFileObject source =
        recsys(
            """
              @Step(outputs = "data.csv") public void left() {}

              @Step(outputs = "data.csv") public void right() {}

              @Step(inputs = {"left/data.csv", "right/data.csv", "merge/out.csv"})
              public void merge() {}
            """);

    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-INPUT-SAME-NAME] inputs 'left/data.csv' and 'right/data.csv' of step"
                + " 'merge' would both land on 'data.csv' in its work directory")
        .inFile(source)
        .onLineContaining("\"right/data.csv\"");
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-STEP-INPUT-OWN-OUTPUT] step 'merge' lists its own output as input"
                + " 'merge/out.csv'")
        .inFile(source)
        .onLineContaining("\"merge/out.csv\"");
  }

  @Test
  void configYamlOverridesAJavaStepsInputsAndIsCheckedAtItsLine() {
    String yaml =
        RECSYS_CONFIG
            + """
            batch:
              pipeline:
                steps:
                  - id: score_model
                    inputs: [extract_features/other.csv]
            """;
    JavaFileObject source =
        recsys(
            """
              @Step(outputs = "features.csv") public void extractFeatures() {}

              @Step(inputs = "extract_features/features.csv") public void scoreModel() {}
            """);

    Compilation compilation = compile(yaml, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "config.yaml:21:18: [ESTEIRA-STEP-INPUT-NOT-AN-OUTPUT] input"
                + " 'extract_features/other.csv' of step 'score_model'")
        .inFile(source)
        .onLineContaining("@Pipeline");
  }
}
