package io.esteira.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.registry.MlflowHttp;
import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.RegistryMode;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking from a step against the real server, through {@code org.mlflow:mlflow-client}: the
 * experiment is created when missing, runs carry the tags that trace them to their execution, and
 * the credential variables reach a server with basic authentication.
 */
class MlflowTrackingIT {

  @TempDir Path dir;

  private static Map<String, String> tags(JsonNode run) {
    Map<String, String> tags = new HashMap<>();
    run.path("data")
        .path("tags")
        .forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
    return tags;
  }

  @Test
  void aStepRunLandsInItsExperimentWithParamsMetricsAndExecutionTags() {
    String experiment = MlflowTestServer.unique("recsys-exp");
    EnvStepContext context =
        new EnvStepContext(
            dir,
            Map.of(
                "MLFLOW_TRACKING_URI",
                MlflowTestServer.url(),
                "MLFLOW_EXPERIMENT_NAME",
                experiment));
    MlflowTracking tracking = MlflowTracking.forStep(context);

    String runId;
    try (TrackedRun run = tracking.startRun()) {
      run.logParam("alpha", "0.1");
      run.logMetric("rmse", 0.84);
      runId = run.runId();
      assertThat(run.tracked()).isTrue();
    }

    MlflowHttp http = new MlflowHttp(MlflowConnection.of(MlflowTestServer.url()));
    JsonNode run = http.get("runs/get", Map.of("run_id", runId)).path("run");
    String experimentId =
        http.get("experiments/get-by-name", Map.of("experiment_name", experiment))
            .path("experiment")
            .path("experiment_id")
            .asText();
    assertThat(run.path("info").path("experiment_id").asText()).isEqualTo(experimentId);
    assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
    assertThat(run.path("data").path("params").get(0).path("value").asText()).isEqualTo("0.1");
    assertThat(run.path("data").path("metrics").get(0).path("value").asDouble()).isEqualTo(0.84);
    assertThat(tags(run))
        .containsEntry("esteira.project", "recsys")
        .containsEntry("esteira.step", "train")
        .containsEntry("esteira.environment", "dev")
        .containsEntry("esteira.execution_id", "exec-42")
        .containsEntry("esteira.attempt", "2");
    assertThat(context.logger().messages()).isEmpty();
  }

  @Test
  void theCredentialVariablesReachAServerWithBasicAuthentication() {
    Map<String, String> env = new HashMap<>();
    env.put("MLFLOW_TRACKING_URI", MlflowTestServer.authUrl());
    env.put("MLFLOW_EXPERIMENT_NAME", MlflowTestServer.unique("auth-exp"));
    env.put("MLFLOW_TRACKING_USERNAME", MlflowTestServer.AUTH_USER);
    env.put("MLFLOW_TRACKING_PASSWORD", MlflowTestServer.AUTH_PASSWORD);

    try (TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, env)).startRun()) {
      run.logMetric("auc", 0.9);
      assertThat(run.runId()).isNotEmpty();
    }
  }

  @Test
  void wrongCredentialsAreRefusedWithAMessageNamingTheVariables() {
    MlflowConnection wrong =
        new MlflowConnection(MlflowTestServer.authUrl(), null, MlflowTestServer.AUTH_USER, "wrong");
    ModelRegistry registry = new ModelRegistry(new MlflowHttp(wrong), RegistryMode.ALIASES);

    assertThatThrownBy(() -> registry.snapshot("recsys"))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(MlflowException.Kind.UNAUTHORIZED);
              assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNAUTHORIZED);
              assertThat(e.getMessage())
                  .contains("HTTP 401")
                  .contains("MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD");
            });
    assertThat(registry.http().calls()).isEqualTo(1);

    MlflowConnection right =
        new MlflowConnection(
            MlflowTestServer.authUrl(),
            null,
            MlflowTestServer.AUTH_USER,
            MlflowTestServer.AUTH_PASSWORD);
    assertThatThrownBy(
            () -> new ModelRegistry(new MlflowHttp(right), RegistryMode.ALIASES).snapshot("nope"))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNKNOWN_MODEL));
  }
}
