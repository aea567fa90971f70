package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Origin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Steps' {@code inputs} and {@code outputs}: read from config.yaml and {@code @Step}, overlaid by
 * environments, and each problem reported once where it is written, with the text users read.
 */
class StepDataConfigTest {

  private static final String HEAD =
      """
      project_name: recsys
      version: "1.0.0"
      batch:
        pipeline:
          steps:
      """;

  /** Every distinct problem {@code esteira validate} prints for this config, rendered. */
  private static List<String> problems(String steps) {
    return problems(steps, CodeDefaults.NONE);
  }

  private static List<String> problems(String text, CodeDefaults code) {
    return ConfigTesting.load(HEAD + text).validate(code).stream().map(Diagnostic::render).toList();
  }

  private static PipelineModel model(String steps, String env) {
    Resolved resolved = ConfigTesting.load(HEAD + steps).resolve(env);
    assertThat(resolved.diagnostics()).isEmpty();
    return resolved.model().orElseThrow();
  }

  @Test
  void declaredInputsAndOutputsReachTheModel() {
    PipelineModel model =
        model(
            """
                - id: extract_features
                  command: python steps/extract_features.py
                  outputs: [features.csv, reports/stats.json]
                - id: score_model
                  command: python steps/score_model.py
                  inputs: [extract_features/features.csv, extract_features/reports/stats.json]
                  outputs: [scores.csv]
            """,
            "dev");

    StepModel extract = model.step("extract_features");
    StepModel score = model.step("score_model");
    assertThat(extract.outputs()).containsExactly("features.csv", "reports/stats.json");
    assertThat(extract.inputs()).isEmpty();
    assertThat(score.inputs())
        .containsExactly(
            new StepInput("extract_features", "features.csv"),
            new StepInput("extract_features", "reports/stats.json"));
    assertThat(score.outputs()).containsExactly("scores.csv");
    assertThat(score.handsDataOver()).isTrue();
  }

  @Test
  void anEnvironmentReplacesAStepsLists() {
    String steps =
        """
            - id: extract_features
              command: python steps/extract_features.py
              outputs: [features.csv]
            - id: score_model
              command: python steps/score_model.py
              inputs: [extract_features/features.csv]
        environments:
          prd:
            batch:
              pipeline:
                steps:
                  - id: extract_features
                    outputs: [features.csv, sample.csv]
                  - id: score_model
                    inputs: [extract_features/sample.csv]
        """;
    assertThat(model(steps, "dev").step("score_model").inputs())
        .containsExactly(new StepInput("extract_features", "features.csv"));
    PipelineModel prd = model(steps, "prd");
    assertThat(prd.step("extract_features").outputs())
        .containsExactly("features.csv", "sample.csv");
    assertThat(prd.step("score_model").inputs())
        .containsExactly(new StepInput("extract_features", "sample.csv"));
  }

  @Test
  void badOutputNamesSayWhatANameIs() {
    List<String> found =
        problems(
            """
                - id: extract
                  command: python extract.py
                  outputs: [../features.csv, /tmp/x, "a b.csv", dir/, ""]
            """);

    String rule =
        "; a name is a relative path of segments made of letters, digits, '.', '_' and '-',"
            + " separated by '/' (no '.' or '..' segment, at most 200 characters), such as"
            + " features.csv or reports/metrics.json";
    assertThat(found)
        .containsExactly(
            "config.yaml:8:17: error: [ESTEIRA-STEP-DATA-NAME] output '../features.csv' of step"
                + " 'extract' has a '..' segment"
                + rule,
            "config.yaml:8:34: error: [ESTEIRA-STEP-DATA-NAME] output '/tmp/x' of step 'extract'"
                + " starts with '/'"
                + rule,
            "config.yaml:8:42: error: [ESTEIRA-STEP-DATA-NAME] output 'a b.csv' of step 'extract'"
                + " has characters other than letters, digits, '.', '_', '-' and '/'"
                + rule,
            "config.yaml:8:53: error: [ESTEIRA-STEP-DATA-NAME] output 'dir/' of step 'extract'"
                + " ends with '/'"
                + rule,
            "config.yaml:8:59: error: [ESTEIRA-STEP-DATA-NAME] output '' of step 'extract' is"
                + " empty"
                + rule);
  }

  @Test
  void aNameLongerThan200CharactersIsRefused() {
    String name = "d/".repeat(100) + "x";
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: [%s]
                """
                    .formatted(name)))
        .singleElement()
        .asString()
        .contains("[ESTEIRA-STEP-DATA-NAME] output '" + name + "' of step 'extract' is 201")
        .contains("characters long, over 200");
  }

  @Test
  void duplicateNamesAreReportedAtTheSecond() {
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: [features.csv, features.csv]
                    - id: score
                      command: python score.py
                      inputs: [extract/features.csv, extract/features.csv]
                """))
        .containsExactly(
            "config.yaml:8:31: error: [ESTEIRA-STEP-DATA-DUPLICATE] step 'extract' lists output"
                + " 'features.csv' twice; list it once",
            "config.yaml:11:38: error: [ESTEIRA-STEP-DATA-DUPLICATE] step 'score' lists input"
                + " 'extract/features.csv' twice; list it once");
  }

  @Test
  void anInputMustBeStepSlashName() {
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: [features.csv]
                    - id: score
                      command: python score.py
                      inputs: [features.csv, extract/, extract/../x]
                """))
        .containsExactly(
            "config.yaml:11:16: error: [ESTEIRA-STEP-INPUT-FORMAT] input 'features.csv' of step"
                + " 'score' is not <step>/<name>; write the id of the step that stores the"
                + " output, a '/', then the output's name, such as extract_features/features.csv",
            "config.yaml:11:30: error: [ESTEIRA-STEP-INPUT-FORMAT] input 'extract/' of step"
                + " 'score' is not <step>/<name>; write the id of the step that stores the"
                + " output, a '/', then the output's name, such as extract_features/features.csv",
            "config.yaml:11:40: error: [ESTEIRA-STEP-DATA-NAME] input 'extract/../x' of step"
                + " 'score' names an output that has a '..' segment; a name is a relative path of"
                + " segments made of letters, digits, '.', '_' and '-', separated by '/' (no '.'"
                + " or '..' segment, at most 200 characters), such as features.csv or"
                + " reports/metrics.json");
  }

  @Test
  void anUnknownStepGetsADidYouMean() {
    assertThat(
            problems(
                """
                    - id: extract_features
                      command: python extract.py
                      outputs: [features.csv]
                    - id: score
                      command: python score.py
                      inputs: [extract_feature/features.csv, nope/x.csv]
                """))
        .containsExactly(
            "config.yaml:11:16: error: [ESTEIRA-STEP-INPUT-UNKNOWN-STEP] input"
                + " 'extract_feature/features.csv' of step 'score' names step 'extract_feature',"
                + " which is not a step of this pipeline; did you mean 'extract_features'?",
            "config.yaml:11:46: error: [ESTEIRA-STEP-INPUT-UNKNOWN-STEP] input 'nope/x.csv' of"
                + " step 'score' names step 'nope', which is not a step of this pipeline; the"
                + " steps are extract_features, score");
  }

  @Test
  void aStepThatIsNotUpstreamGetsTheDependsOnHint() {
    assertThat(
            problems(
                """
                    - id: score
                      command: python score.py
                      inputs: [extract/features.csv]
                    - id: extract
                      command: python extract.py
                      outputs: [features.csv]
                """))
        .containsExactly(
            "config.yaml:8:16: error: [ESTEIRA-STEP-INPUT-NOT-UPSTREAM] input"
                + " 'extract/features.csv' of step 'score' is an output of step 'extract', which"
                + " is not upstream of 'score', so it may not have run when 'score' starts; make"
                + " 'score' wait for it: add 'extract' to its depends_on (depends_on: [extract]),"
                + " or move it below 'extract' in batch.pipeline.steps");
  }

  @Test
  void parallelBranchesCannotReadEachOther() {
    assertThat(
            problems(
                """
                    - id: prepare
                      command: python prepare.py
                    - id: left
                      command: python left.py
                      depends_on: [prepare]
                      outputs: [left.csv]
                    - id: right
                      command: python right.py
                      depends_on: [prepare]
                      inputs: [left/left.csv]
                """))
        .containsExactly(
            "config.yaml:15:16: error: [ESTEIRA-STEP-INPUT-NOT-UPSTREAM] input 'left/left.csv'"
                + " of step 'right' is an output of step 'left', which is not upstream of"
                + " 'right', so it may not have run when 'right' starts; make 'right' wait for"
                + " it: add 'left' to its depends_on (depends_on: [left])");
  }

  @Test
  void transitiveUpstreamStepsMayBeRead() {
    PipelineModel model =
        model(
            """
                - id: a
                  command: python a.py
                  outputs: [a.csv]
                - id: b
                  command: python b.py
                  depends_on: [a]
                - id: c
                  command: python c.py
                  depends_on: [b]
                  inputs: [a/a.csv]
            """,
            "dev");
    assertThat(model.step("c").inputs()).containsExactly(new StepInput("a", "a.csv"));
  }

  @Test
  void aProducerMustDeclareTheOutput() {
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: [features.csv, stats.json]
                    - id: other
                      command: python other.py
                    - id: score
                      command: python score.py
                      inputs: [extract/feature.csv, other/x.csv]
                """))
        .containsExactly(
            "config.yaml:13:16: error: [ESTEIRA-STEP-INPUT-NOT-AN-OUTPUT] input"
                + " 'extract/feature.csv' of step 'score' names output 'feature.csv' of step"
                + " 'extract', but 'extract' declares only the outputs features.csv, stats.json;"
                + " add 'feature.csv' to the outputs of step 'extract', or fix the name (did you"
                + " mean 'features.csv'?)",
            "config.yaml:13:37: error: [ESTEIRA-STEP-INPUT-NOT-AN-OUTPUT] input 'other/x.csv' of"
                + " step 'score' names output 'x.csv' of step 'other', but 'other' is a command"
                + " step that declares no outputs, and a command step stores only the files its"
                + " outputs list names; add 'x.csv' to the outputs of step 'other', or fix the"
                + " name");
  }

  @Test
  void twoInputsLandingOnOneNameAreRefused() {
    assertThat(
            problems(
                """
                    - id: a
                      command: python a.py
                      outputs: [data.csv]
                    - id: b
                      command: python b.py
                      outputs: [data.csv]
                    - id: c
                      command: python c.py
                      inputs: [a/data.csv, b/data.csv]
                """))
        .containsExactly(
            "config.yaml:14:28: error: [ESTEIRA-STEP-INPUT-SAME-NAME] inputs 'a/data.csv' and"
                + " 'b/data.csv' of step 'c' would both land on 'data.csv' in its work directory;"
                + " read only one of them, or give one of the outputs another name where its"
                + " step declares it");
  }

  @Test
  void aStepCannotReadItsOwnOutput() {
    assertThat(
            problems(
                """
                    - id: a
                      command: python a.py
                      inputs: [a/data.csv]
                      outputs: [data.csv]
                """))
        .containsExactly(
            "config.yaml:8:16: error: [ESTEIRA-STEP-INPUT-OWN-OUTPUT] step 'a' lists its own"
                + " output as input 'a/data.csv', but a step's outputs are stored only after it"
                + " succeeds; remove the input and use the file in its work directory, or read an"
                + " output of a step upstream of it");
  }

  @Test
  void anEnvironmentOverlayIsCheckedToo() {
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: [features.csv]
                    - id: score
                      command: python score.py
                environments:
                  prd:
                    batch:
                      pipeline:
                        steps:
                          - id: score
                            inputs: [extract/features.cvs]
                """))
        .containsExactly(
            "config.yaml:17:22: error: [ESTEIRA-STEP-INPUT-NOT-AN-OUTPUT] input"
                + " 'extract/features.cvs' of step 'score' names output 'features.cvs' of step"
                + " 'extract', but 'extract' declares only the output features.csv; add"
                + " 'features.cvs' to the outputs of step 'extract', or fix the name (did you"
                + " mean 'features.csv'?)");
  }

  @Test
  void aWrongTypeIsReportedByTheSchema() {
    assertThat(
            problems(
                """
                    - id: extract
                      command: python extract.py
                      outputs: features.csv
                """))
        .singleElement()
        .asString()
        .startsWith("config.yaml:8:16: error: [ESTEIRA-CONFIG-WRONG-TYPE]")
        .contains("[features.csv]");
  }

  // ---- Java steps: the same checks, reported on the annotation's items ----------------------

  private static CodeStep javaStep(
      String id, List<String> after, List<String> in, List<String> out) {
    CodeStep plain = ConfigTesting.codeStep(id);
    return new CodeStep(
        id,
        Optional.empty(),
        plain.action(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        after,
        in,
        out);
  }

  private static CodeDefaults code(CodeStep... steps) {
    return new CodeDefaults(
        Optional.of("recsys"), Optional.empty(), Optional.of("1.0.0"), List.of(steps));
  }

  @Test
  void javaStepsCarryTheirAnnotationsDataIntoTheModel() {
    CodeDefaults code =
        code(
            javaStep("extract", List.of(), List.of(), List.of("features.csv")),
            javaStep("score", List.of(), List.of("extract/features.csv"), List.of()));
    Resolved resolved = ConfigTesting.load("").resolve("dev", code);

    assertThat(resolved.diagnostics()).isEmpty();
    PipelineModel model = resolved.model().orElseThrow();
    assertThat(model.step("extract").outputs()).containsExactly("features.csv");
    assertThat(model.step("score").inputs())
        .containsExactly(new StepInput("extract", "features.csv"));
  }

  @Test
  void aJavaProducerThatDeclaresNoOutputsMayStoreAny() {
    CodeDefaults code =
        code(
            javaStep("extract", List.of(), List.of(), List.of()),
            javaStep("score", List.of(), List.of("extract/anything.csv"), List.of()));
    assertThat(ConfigTesting.load("").resolve("dev", code).diagnostics()).isEmpty();
  }

  @Test
  void javaProblemsNameTheAnnotationItem() {
    CodeDefaults code =
        code(
            javaStep("score", List.of(), List.of("ok/x.csv", "extract/features.csv"), List.of()),
            javaStep("extract", List.of(), List.of(), List.of("features.csv")),
            javaStep("ok", List.of(), List.of(), List.of()));
    List<Diagnostic> found = ConfigTesting.load("").resolve("dev", code).diagnostics();

    assertThat(found).hasSize(2);
    assertThat(found.get(0).origin()).contains(Origin.step("score", "inputs").item(0));
    assertThat(found.get(0).text())
        .endsWith(
            "make 'score' wait for it: add \"ok\" to @Step(after) of its method, or declare its"
                + " method after the method of 'ok'");
    assertThat(found.get(1).origin()).contains(Origin.step("score", "inputs").item(1));
    assertThat(found.get(1).code()).isEqualTo("ESTEIRA-STEP-INPUT-NOT-UPSTREAM");
  }

  @Test
  void configOverridesAJavaStepsLists() {
    CodeDefaults code =
        code(
            javaStep("extract", List.of(), List.of(), List.of("features.csv")),
            javaStep("score", List.of(), List.of("extract/features.csv"), List.of()));
    Resolved resolved =
        ConfigTesting.load(
                """
                batch:
                  pipeline:
                    steps:
                      - id: extract
                        outputs: [features.csv, extra.csv]
                      - id: score
                        inputs: [extract/extra.csv]
                """)
            .resolve("dev", code);

    assertThat(resolved.diagnostics()).isEmpty();
    PipelineModel model = resolved.model().orElseThrow();
    assertThat(model.step("score").inputs()).containsExactly(new StepInput("extract", "extra.csv"));
    assertThat(model.step("extract").outputs()).containsExactly("features.csv", "extra.csv");
  }
}
