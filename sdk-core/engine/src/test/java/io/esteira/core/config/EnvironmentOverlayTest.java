package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code environments.<env>} sections: what merges, what replaces, and the schedule rule. */
class EnvironmentOverlayTest {

  private static final String BASE =
      """
      project_name: recsys
      version: "1.0.0"
      schedule:
        enabled: true
        cron: "0 3 * * *"
        timeout_seconds: 3600
        retries: 2
      runtime:
        env_vars:
          LOG_LEVEL: info
          REGION_HINT: sa
      batch:
        pipeline:
          steps:
            - id: extract
              command: "python steps/extract.py"
              resources:
                cpu: 1.0
                memory_gb: 4
            - id: score
              command: "python steps/score.py"
              resources:
                cpu: 2.0
                memory_gb: 8
      infra:
        compute:
          ec2_type: t3.xlarge
          max_quantity: 2
      notifications:
        on_failure:
          - ml-team@example.com
          - oncall@example.com
      """;

  private static PipelineModel resolve(String environments, String env) {
    Resolved resolved = ConfigTesting.load(BASE + environments).resolve(env);
    assertThat(resolved.diagnostics()).isEmpty();
    return resolved.model().orElseThrow();
  }

  @Test
  void scalarsReplaceAndOnlyInTheirEnvironment() {
    String envs =
        """
        environments:
          prd:
            schedule:
              timeout_seconds: 7200
            infra:
              compute:
                ec2_type: m5.xlarge
        """;
    PipelineModel prd = resolve(envs, "prd");
    PipelineModel dev = resolve(envs, "dev");

    assertThat(prd.schedule().timeoutSeconds()).isEqualTo(7200);
    assertThat(prd.infra().ec2Type()).isEqualTo("m5.xlarge");
    assertThat(prd.infra().maxQuantity()).isEqualTo(2); // the sibling key is kept
    assertThat(prd.schedule().retries()).isEqualTo(2);
    assertThat(dev.schedule().timeoutSeconds()).isEqualTo(3600);
    assertThat(dev.infra().ec2Type()).isEqualTo("t3.xlarge");
  }

  @Test
  void stepTimeoutDefaultsFollowTheEnvironmentsPipelineTimeout() {
    PipelineModel prd =
        resolve("environments:\n  prd:\n    schedule:\n      timeout_seconds: 7200\n", "prd");

    assertThat(prd.steps()).extracting(StepModel::timeoutSeconds).containsOnly(7140);
  }

  @Test
  void listsReplaceWhole() {
    PipelineModel prd =
        resolve(
            "environments:\n  prd:\n    notifications:\n      on_failure: [pager@example.com]\n",
            "prd");

    assertThat(prd.notifications().onFailure()).containsExactly("pager@example.com");
  }

  @Test
  void mappingsMergeKeyByKey() {
    PipelineModel prd =
        resolve(
            "environments:\n  prd:\n    runtime:\n      env_vars:\n        LOG_LEVEL: warn\n        EXTRA: x\n",
            "prd");

    assertThat(prd.runtime().envVars())
        .containsExactly(
            Map.entry("ENV", "prd"),
            Map.entry("EXTRA", "x"),
            Map.entry("LOG_LEVEL", "warn"),
            Map.entry("REGION_HINT", "sa"));
  }

  @Test
  void stepsMergeByIdKeepingOrderAndUntouchedFields() {
    String envs =
        """
        environments:
          prd:
            batch:
              pipeline:
                steps:
                  - id: score
                    resources:
                      memory_gb: 12
                    retries: 5
        """;
    PipelineModel prd = resolve(envs, "prd");

    assertThat(prd.steps()).extracting(StepModel::id).containsExactly("extract", "score");
    StepModel score = prd.step("score");
    assertThat(score.resources().memoryGb()).isEqualTo(12);
    assertThat(score.resources().cpu()).isEqualTo(2.0);
    assertThat(score.retry().maxAttempts()).isEqualTo(5);
    assertThat(score.action()).hasToString("Command[command=python steps/score.py]");
    assertThat(score.dependsOn()).containsExactly("extract");
    assertThat(prd.step("extract").resources().memoryGb()).isEqualTo(4);
    assertThat(resolve(envs, "dev").step("score").resources().memoryGb()).isEqualTo(8);
  }

  @Test
  void anOverrideCanMakeTheGraphExplicit() {
    String envs =
        """
        environments:
          stg:
            batch:
              pipeline:
                steps:
                  - id: score
                    depends_on: []
        """;
    PipelineModel stg = resolve(envs, "stg");

    assertThat(stg.step("score").dependsOn()).isEmpty();
    assertThat(stg.graph().roots()).containsExactly("extract", "score");
    assertThat(resolve(envs, "dev").step("score").dependsOn()).containsExactly("extract");
  }

  @Test
  void scheduleRunsInPrdOnlyUnlessASectionEnablesItExplicitly() {
    String envs =
        """
        environments:
          stg:
            schedule:
              enabled: true
          qa:
            schedule:
              retries: 1
        """;

    assertThat(resolve(envs, "prd").schedule().enabled()).isTrue();
    assertThat(resolve(envs, "dev").schedule().enabled()).isFalse();
    assertThat(resolve(envs, "stg").schedule().enabled()).isTrue();
    assertThat(resolve(envs, "qa").schedule().enabled()).isFalse();
  }

  @Test
  void aSectionCanTurnTheScheduleOffInPrdOrOnInDev() {
    String envs =
        """
        environments:
          prd:
            schedule:
              enabled: false
          dev:
            schedule:
              enabled: true
        """;

    assertThat(resolve(envs, "prd").schedule().enabled()).isFalse();
    assertThat(resolve(envs, "dev").schedule().enabled()).isTrue();
  }

  @Test
  void aScheduleDisabledAtTheTopIsOffEverywhereUnlessASectionSaysTrue() {
    String base = BASE.replace("  enabled: true\n  cron", "  enabled: false\n  cron");
    ProjectConfig config =
        ConfigTesting.load(base + "environments:\n  stg:\n    schedule:\n      enabled: true\n");

    assertThat(config.resolve("prd").model().orElseThrow().schedule().enabled()).isFalse();
    assertThat(config.resolve("stg").model().orElseThrow().schedule().enabled()).isTrue();
  }

  @Test
  void environmentsAreStandardOnesThenDeclaredOnesSorted() {
    ProjectConfig config =
        ConfigTesting.load(BASE + "environments:\n  stg: {}\n  prd: {}\n  hml:\n  qa2: {}\n");

    assertThat(config.environments()).containsExactly("dev", "prd", "hml", "qa2", "stg");
  }

  @Test
  void envIsAlwaysTheEnvironmentAndAnyOtherValueIsWarnedAbout() {
    ProjectConfig config =
        ConfigTesting.load(
            BASE.replace("LOG_LEVEL: info", "ENV: local")
                + "environments:\n  stg:\n    runtime:\n      env_vars:\n        ENV: stg\n");

    Resolved dev = config.resolve("dev");
    Resolved stg = config.resolve("stg");
    assertThat(dev.model().orElseThrow().runtime().envVars()).containsEntry("ENV", "dev");
    assertThat(dev.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-ENV-OVERRIDDEN 10:10");
    assertThat(stg.model().orElseThrow().runtime().envVars()).containsEntry("ENV", "stg");
    assertThat(stg.diagnostics()).isEmpty();
  }

  @Test
  void anUnknownEnvironmentIsAnErrorWithASuggestion() {
    Resolved resolved = ConfigTesting.load(BASE).resolve("prod");

    assertThat(resolved.model()).isEmpty();
    assertThat(resolved.diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly("ESTEIRA-CONFIG-UNKNOWN-ENVIRONMENT 0:0");
    assertThat(resolved.diagnostics().get(0).text()).contains("did you mean 'prd'?", "dev, prd");
  }

  @Test
  void aFileWithAnErrorResolvesForNoEnvironmentButStillReportsEverything() {
    ProjectConfig config =
        ConfigTesting.load(
            BASE.replace("retries: 2", "retries: 20") + "environments:\n  stg: {}\n");

    for (String env : List.of("dev", "prd", "stg")) {
      Resolved resolved = config.resolve(env);
      assertThat(resolved.model()).isEmpty();
      assertThat(resolved.diagnostics())
          .extracting(ConfigTesting::where)
          .containsExactly("ESTEIRA-CONFIG-OUT-OF-RANGE 7:12");
    }
    assertThat(config.validate(CodeDefaults.NONE)).hasSize(1);
  }
}
