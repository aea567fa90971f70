package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a minimal file resolves to, and how values are read. */
class DefaultsAndValuesTest {

  private static final String MINIMAL =
      """
      project_name: churn
      version: "0.1"
      batch:
        pipeline:
          steps:
            - id: build_features
              command: "python steps/build_features.py"
            - id: train
              command: "python steps/train.py"
      """;

  private static PipelineModel resolve(String yaml, String env) {
    Resolved resolved = ConfigTesting.load(yaml).resolve(env);
    assertThat(resolved.diagnostics()).isEmpty();
    return resolved.model().orElseThrow();
  }

  @Test
  void aMinimalFileGetsTheDocumentedDefaults() {
    PipelineModel model = resolve(MINIMAL, "prd");

    assertThat(model.description()).isEmpty();
    assertThat(model.owners()).isEmpty();
    assertThat(model.schedule())
        .isEqualTo(new Schedule(false, "", "", "UTC", Schedule.DEFAULT_TIMEOUT_SECONDS, 0));
    assertThat(model.infra()).isEqualTo(new Infra("ec2", "m5.large", 0, 1, false));
    assertThat(model.notifications().onSuccess()).isEmpty();
    assertThat(model.notifications().onFailure()).isEmpty();
    assertThat(model.runtime().envVars()).containsExactly(Map.entry("ENV", "prd"));
    assertThat(model.runtime().pythonVersion()).isEmpty();
    assertThat(model.mlflow().experiment()).isEqualTo("churn");
    assertThat(model.mlflow().models()).isEmpty();
    assertThat(model.batch().enabled()).isTrue();
    assertThat(model.batch().orchestrator()).isEqualTo("step_functions");
    StepModel first = model.step("build_features");
    assertThat(first.name()).isEqualTo("Build Features");
    assertThat(first.resources())
        .isEqualTo(new Resources(Resources.DEFAULT_CPU, Resources.DEFAULT_MEMORY_GB));
    // The pipeline's hour less a minute, for the step's own timeout to be caught and reported.
    assertThat(first.timeoutSeconds()).isEqualTo(3540);
    assertThat(first.retry()).isEqualTo(RetryPolicy.forStep(0));
    assertThat(first.infraRetry()).isEqualTo(RetryPolicy.forInfrastructure());
    assertThat(model.step("train").dependsOn()).containsExactly("build_features");
  }

  @Test
  void aCronWithoutEnabledSchedulesInPrd() {
    String yaml = MINIMAL + "schedule:\n  cron: \"30 2 * * 1\"\n  timezone: America/Sao_Paulo\n";

    assertThat(resolve(yaml, "prd").schedule())
        .isEqualTo(
            new Schedule(true, "30 2 * * 1", "cron(30 2 ? * MON *)", "America/Sao_Paulo", 3600, 0));
    assertThat(resolve(yaml, "dev").schedule().enabled()).isFalse();
  }

  @Test
  void stringValuesKeepTheirRawText() {
    String yaml =
        MINIMAL.replace("version: \"0.1\"", "version: 1.10")
            + "runtime:\n  python_version: 3.10\n  env_vars:\n    DEBUG: true\n    THREADS: 08\n";
    PipelineModel model = resolve(yaml, "dev");

    assertThat(model.version()).isEqualTo("1.10");
    assertThat(model.runtime().pythonVersion()).isEqualTo("3.10");
    assertThat(model.runtime().envVars())
        .containsEntry("DEBUG", "true")
        .containsEntry("THREADS", "08");
  }

  @Test
  void integersAreAcceptedWhereNumbersAreAndStepValuesWin() {
    String yaml =
        MINIMAL.replace(
                "command: \"python steps/train.py\"",
                "command: \"python steps/train.py\"\n        resources: {cpu: 2, memory_gb: 7.25}\n        timeout_seconds: 600\n        retries: 3")
            + "schedule:\n  retries: 1\n";
    StepModel train = resolve(yaml, "dev").step("train");

    assertThat(train.resources()).isEqualTo(new Resources(2.0, 7.25));
    assertThat(train.timeoutSeconds()).isEqualTo(600);
    assertThat(train.retry().maxAttempts()).isEqualTo(3);
    assertThat(resolve(yaml, "dev").step("build_features").retry().maxAttempts()).isEqualTo(1);
  }

  @Test
  void secretsPassThroughSorted() {
    String yaml =
        MINIMAL
            + """
            runtime:
              secrets:
                DB_PASSWORD: /churn/prd/db-password
                API_TOKEN: arn:aws:secretsmanager:us-east-1:123456789012:secret:churn/api-AbC123
                SSM_ARN: arn:aws:ssm:sa-east-1:123456789012:parameter/churn/key
            """;

    assertThat(resolve(yaml, "prd").runtime().secrets())
        .containsExactly(
            Map.entry(
                "API_TOKEN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:churn/api-AbC123"),
            Map.entry("DB_PASSWORD", "/churn/prd/db-password"),
            Map.entry("SSM_ARN", "arn:aws:ssm:sa-east-1:123456789012:parameter/churn/key"));
  }

  @Test
  void modelsByNameGetTheOriginRuleAndRequirementsAreNormalised() {
    String yaml =
        MINIMAL
            + """
            mlflow:
              experiment: churn-experiments
              models:
                - churn
                - name: churn_ranker
                  require:
                    dev: staging
                    prd: "@champion"
                - name: churn_shadow
                  require:
                    prd: production
            environments:
              stg: {}
            """;

    PipelineModel dev = resolve(yaml, "dev");
    PipelineModel prd = resolve(yaml, "prd");
    assertThat(dev.mlflow().experiment()).isEqualTo("churn-experiments");
    assertThat(dev.mlflow().models())
        .containsExactly(
            new ModelGate("churn", RequirementKind.STAGE, "Staging"),
            new ModelGate("churn_ranker", RequirementKind.STAGE, "Staging"));
    assertThat(prd.mlflow().models())
        .containsExactly(
            new ModelGate("churn", RequirementKind.STAGE, "Production"),
            new ModelGate("churn_ranker", RequirementKind.ALIAS, "champion"),
            new ModelGate("churn_shadow", RequirementKind.STAGE, "Production"));
    assertThat(resolve(yaml, "stg").mlflow().models()).isEmpty();
  }

  @Test
  void disabledBatchStillResolves() {
    PipelineModel model = resolve(MINIMAL.replace("batch:\n", "batch:\n  enabled: false\n"), "prd");

    assertThat(model.batch().enabled()).isFalse();
  }

  @Test
  void anchorsAndAliasesForSharedBlocksAreFine() {
    String yaml =
        """
        project_name: churn
        version: "1"
        batch:
          pipeline:
            steps:
              - id: a
                command: run a
                resources: &big {cpu: 2, memory_gb: 6}
              - id: b
                command: run b
                resources: *big
        """;

    assertThat(resolve(yaml, "dev").step("b").resources()).isEqualTo(new Resources(2, 6));
  }
}
