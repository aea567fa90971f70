package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.model.StepAction;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Origin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A rule that fails only because of an environment's section names that environment and the line
 * that set the conflicting value; a problem every environment shares is one problem, in the same
 * words; and a value from an annotation is named by its attribute.
 */
class EnvironmentMessagesTest {

  private static final String BASE =
      """
      project_name: recsys
      version: "1.0.0"
      schedule:
        timeout_seconds: 3600
      batch:
        pipeline:
          steps:
            - id: train
              command: "python train.py"
              timeout_seconds: 1800
              resources:
                memory_gb: 12
      infra:
        compute:
          ec2_type: t3.xlarge
      """;

  private static List<Diagnostic> validate(String yaml) {
    return ConfigTesting.load(yaml).validate(CodeDefaults.NONE);
  }

  @Test
  void aStepTimeoutOverAnEnvironmentsPipelineTimeoutNamesTheEnvironmentAndItsLine() {
    String yaml =
        BASE
            + """
            environments:
              quick:
                schedule:
                  timeout_seconds: 240
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-OUT-OF-RANGE 10:26");
    assertThat(found.get(0).text())
        .isEqualTo(
            "'timeout_seconds' is 1800 for step 'train' in environment 'quick', but must be at most"
                + " the pipeline timeout, 240 seconds"
                + " (environments.quick.schedule.timeout_seconds at config.yaml:19:24); lower it, or"
                + " raise environments.quick.schedule.timeout_seconds");
  }

  @Test
  void aStepTimeoutTheEnvironmentSetsNamesItAndTheBaseLineOfThePipelineTimeout() {
    String yaml =
        BASE
            + """
            environments:
              prd:
                batch:
                  pipeline:
                    steps:
                      - id: train
                        timeout_seconds: 7200
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-OUT-OF-RANGE 22:30");
    assertThat(found.get(0).text())
        .isEqualTo(
            "'timeout_seconds' is 7200 for step 'train' in environment 'prd', but must be at most"
                + " the pipeline timeout, 3600 seconds (schedule.timeout_seconds at"
                + " config.yaml:4:20); lower it, or raise schedule.timeout_seconds");
  }

  @Test
  void aProblemOfEveryEnvironmentIsOneProblemThatNamesNone() {
    String yaml =
        BASE.replace("timeout_seconds: 1800", "timeout_seconds: 7200")
            + """
            environments:
              stg:
                infra:
                  compute:
                    max_quantity: 2
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-OUT-OF-RANGE 10:26");
    assertThat(found.get(0).text()).doesNotContain("environment");
  }

  @Test
  void aTimeoutWithoutRoomInOneEnvironmentNamesIt() {
    String yaml =
        BASE
            + """
            environments:
              quick:
                schedule:
                  timeout_seconds: 1800
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-TIMEOUT-NO-ROOM 10:26");
    assertThat(found.get(0).text())
        .startsWith(
            "step 'train' in environment 'quick' may run 1800 seconds, but the whole execution only"
                + " 1800 (environments.quick.schedule.timeout_seconds at config.yaml:19:24)")
        .endsWith(
            "lower timeout_seconds to at most 1740 (the default), or raise"
                + " environments.quick.schedule.timeout_seconds");
  }

  @Test
  void aStepThatOutgrowsAnEnvironmentsInstanceTypeNamesTheEnvironmentAndTheTypesLine() {
    String yaml =
        BASE
            + """
            environments:
              prd:
                infra:
                  compute:
                    ec2_type: t3.large
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 12:22");
    assertThat(found.get(0).text())
        .startsWith(
            "step 'train' in environment 'prd' asks for 12 GiB (12,288 MiB) of memory, but an"
                + " instance of type t3.large (environments.prd.infra.compute.ec2_type at"
                + " config.yaml:20:19) registers only")
        .contains("set memory_gb to at most", ", or choose a larger environments.prd.infra");
  }

  @Test
  void quantitiesInConflictInOneEnvironmentNameItAndBothPlaces() {
    String yaml =
        BASE.replace(
                "ec2_type: t3.xlarge",
                "ec2_type: t3.xlarge\n    min_quantity: 2\n    max_quantity: 3")
            + """
            environments:
              dev:
                infra:
                  compute:
                    max_quantity: 1
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-QUANTITIES 16:19");
    assertThat(found.get(0).text())
        .startsWith(
            "min_quantity (2; infra.compute.min_quantity at config.yaml:16:19) is greater than"
                + " max_quantity (1; environments.dev.infra.compute.max_quantity at"
                + " config.yaml:22:23) in environment 'dev', which");
  }

  @Test
  void anEnabledScheduleWithoutCronNamesTheEnvironmentWhereItRuns() {
    String yaml =
        BASE.replace("  timeout_seconds: 3600", "  timeout_seconds: 3600\n  enabled: true");

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-MISSING-KEY 5:12");
    assertThat(found.get(0).text())
        .contains("(schedule.enabled is true, so the schedule of environment 'prd' runs");
  }

  @Test
  void aSecretAlsoSetAsAVariableByAnEnvironmentNamesItAndTheLine() {
    String yaml =
        BASE
            + """
            runtime:
              secrets:
                DB_PASSWORD: /recsys/db-password
            environments:
              stg:
                runtime:
                  env_vars:
                    DB_PASSWORD_FILE: x
                    DB_PASSWORD: /recsys/db-password
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .filteredOn(d -> d.code().equals("ESTEIRA-CONFIG-INVALID-VALUE"))
        .singleElement()
        .extracting(Diagnostic::text)
        .isEqualTo(
            "'runtime.secrets.DB_PASSWORD' is also set in"
                + " environments.stg.runtime.env_vars.DB_PASSWORD at config.yaml:24:9 in"
                + " environment 'stg': a variable comes from one place: remove it from env_vars"
                + " or from secrets");
  }

  @Test
  void aCycleAnEnvironmentClosesNamesIt() {
    String yaml =
        BASE
            + """

            """
            + """
            environments:
              stg:
                batch:
                  pipeline:
                    steps:
                      - id: train
                        depends_on: [train]
            """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found).extracting(Diagnostic::code).containsExactly("ESTEIRA-STEP-CYCLE");
    assertThat(found.get(0).text())
        .startsWith("step 'train' depends on itself in environment 'stg' (");
  }

  @Test
  void anInputAnEnvironmentsDependenciesLeaveNotUpstreamNamesTheEnvironment() {
    String yaml =
        """
        project_name: recsys
        version: "1.0.0"
        batch:
          pipeline:
            steps:
              - id: extract
                command: "python extract.py"
                outputs: [features.csv]
              - id: clean
                command: "python clean.py"
              - id: train
                command: "python train.py"
                depends_on: [extract, clean]
                inputs: [extract/features.csv]
        environments:
          stg:
            batch:
              pipeline:
                steps:
                  - id: train
                    depends_on: [clean]
        """;

    List<Diagnostic> found = validate(yaml);

    assertThat(found)
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-STEP-INPUT-NOT-UPSTREAM");
    assertThat(found.get(0).text())
        .startsWith(
            "input 'extract/features.csv' of step 'train' in environment 'stg' is an output of"
                + " step 'extract', which is not upstream of 'train'");
  }

  @Test
  void anAnnotationValueIsNamedByItsAttribute() {
    CodeStep train =
        new CodeStep(
            "train",
            Optional.empty(),
            new StepAction.JavaMethod("com.example.Recsys", "train", false),
            OptionalDouble.of(5),
            OptionalDouble.of(2),
            OptionalInt.of(1800),
            OptionalInt.empty(),
            List.of());
    CodeDefaults code =
        new CodeDefaults(
            Optional.of("recsys"), Optional.empty(), Optional.of("1.0.0"), List.of(train));
    String yaml =
        """
        infra:
          compute:
            ec2_type: t3.xlarge
        environments:
          quick:
            schedule:
              timeout_seconds: 240
        """;

    List<Diagnostic> found = ConfigTesting.load(yaml).validate(code);

    assertThat(found)
        .extracting(Diagnostic::code, d -> d.origin().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ESTEIRA-CONFIG-STEP-DOES-NOT-FIT", Origin.step("train", "cpu")),
            org.assertj.core.groups.Tuple.tuple(
                "ESTEIRA-CONFIG-OUT-OF-RANGE", Origin.step("train", "timeout")));
    assertThat(found.get(0).text())
        .contains("set @Step(cpu) to at most 4")
        .doesNotContain("environment");
    assertThat(found.get(1).text())
        .isEqualTo(
            "'@Step(timeout)' is 1800 for step 'train' in environment 'quick', but must be at most"
                + " the pipeline timeout, 240 seconds"
                + " (environments.quick.schedule.timeout_seconds at config.yaml:7:24); lower it, or"
                + " raise environments.quick.schedule.timeout_seconds");
  }

  /** 500 steps in a chain, schedule.retries at line 4, then {@code environments}. */
  private static String chainOf500(int retries, String environments) {
    StringBuilder yaml =
        new StringBuilder(
            "project_name: recsys\nversion: \"1.0.0\"\nschedule:\n  retries: "
                + retries
                + "\nbatch:\n  pipeline:\n    steps:\n");
    for (int i = 0; i < 500; i++) {
      yaml.append("      - id: s").append(i).append("\n        command: \"true\"\n");
    }
    return yaml + environments;
  }

  private static List<Diagnostic> historyProblems(String yaml) {
    return ProjectArtifacts.generate(ConfigTesting.load(yaml), List.of()).diagnostics().stream()
        .filter(d -> d.code().equals("ESTEIRA-ASL-HISTORY-TOO-LONG"))
        .toList();
  }

  @Test
  void aHistoryOverTheLimitInOneEnvironmentNamesItAndTheRetriesLineThere() {
    String yaml =
        chainOf500(
            1,
            """
            environments:
              stg:
                schedule:
                  retries: 10
            """);

    List<Diagnostic> found = historyProblems(yaml);

    assertThat(found).singleElement();
    assertThat(found.get(0).text())
        .startsWith("one execution of environment 'stg' could record up to ")
        .contains("up to 14 attempts here")
        .endsWith(
            "lower the retries (environments.stg.schedule.retries at config.yaml:1011:16) or"
                + " split the pipeline into smaller pipelines");
  }

  @Test
  void aHistoryOverTheLimitInEveryEnvironmentIsOneProblemWithTheBaseLine() {
    String yaml =
        chainOf500(
            10,
            """
            environments:
              stg:
                infra:
                  compute:
                    max_quantity: 2
            """);

    List<Diagnostic> found = historyProblems(yaml);

    assertThat(found).singleElement();
    assertThat(found.get(0).text())
        .startsWith("one execution could record up to ")
        .doesNotContain("environment '")
        .endsWith(
            "lower the retries (schedule.retries at config.yaml:4:12) or split the pipeline into"
                + " smaller pipelines");
  }
}
