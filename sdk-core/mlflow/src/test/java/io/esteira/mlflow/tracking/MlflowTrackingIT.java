package io.esteira.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.registry.MlflowHttp;
import io.esteira.core.registry.MlflowPython;
import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.ModelRegistry;
import io.esteira.core.registry.RegistryMode;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking from a step against the real server, through {@code org.mlflow:mlflow-client}: the
 * experiment is created when missing, runs carry the tags that trace them to their execution, and
 * the credential variables reach a server with basic authentication. Artifacts and registered
 * versions are read back with MLflow's own Python client.
 */
class MlflowTrackingIT {

  @TempDir Path dir;

  /** What MLflow's Python client sees of a version and its run's artifact. */
  static final String READ_BACK =
      String.join(
          "\n",
          "import json, sys",
          "from mlflow import MlflowClient",
          "from mlflow.artifacts import download_artifacts",
          "name, version, run_id, artifact, dest = sys.argv[1:]",
          "c = MlflowClient()",
          "v = c.get_model_version(name, version)",
          "run = c.get_run(run_id)",
          "local = download_artifacts(run_id=run_id, artifact_path=artifact, dst_path=dest)",
          "listed = [f.path for f in c.list_artifacts(run_id, artifact.rsplit('/', 1)[0])]",
          "print(json.dumps({'run_id': v.run_id, 'source': v.source, 'status': v.status,",
          "  'artifact_uri': run.info.artifact_uri, 'file': local, 'listed': listed}))");

  private EnvStepContext step(String url, String experiment) {
    return new EnvStepContext(
        dir.resolve("work"),
        Map.of("MLFLOW_TRACKING_URI", url, "MLFLOW_EXPERIMENT_NAME", experiment));
  }

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
  void aModelFileIsUploadedThroughTheServerAndRegisteredAsAVersionOfTheRun() throws Exception {
    String model = MlflowTestServer.unique("recsys-model");
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    // A space in the name: the upload URL is percent-encoded segment by segment.
    Path file = Files.write(dir.resolve("model file.bin"), bytes);
    MlflowTracking tracking = MlflowTracking.forStep(step(MlflowTestServer.url(), "artifacts-exp"));

    String runId;
    int first;
    try (TrackedRun run = tracking.startRun()) {
      runId = run.runId();
      run.logArtifact(file, "model");
      first = run.registerModel(model, "model");
      // Repeating the registration in the same run (a caller's own retry) adds no version.
      assertThat(run.registerModel(model, "model")).isEqualTo(first);
    }
    int second;
    try (TrackedRun run = tracking.startRun()) {
      run.logArtifact(file, "model");
      second = run.registerModel(model, "model");
    }

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
    JsonNode seen =
        MlflowPython.json(
            MlflowTestServer.url(),
            READ_BACK,
            model,
            "1",
            runId,
            "model/model file.bin",
            dir.resolve("download").toString());
    assertThat(seen.path("run_id").asText()).isEqualTo(runId);
    assertThat(seen.path("artifact_uri").asText()).startsWith("mlflow-artifacts:/");
    assertThat(seen.path("source").asText())
        .isEqualTo(seen.path("artifact_uri").asText() + "/model");
    assertThat(seen.path("status").asText()).isEqualTo("READY");
    assertThat(seen.path("listed").toString()).isEqualTo("[\"model/model file.bin\"]");
    assertThat(Files.readAllBytes(Path.of(seen.path("file").asText()))).isEqualTo(bytes);
  }

  @Test
  void aRunWhoseArtifactsTheServerDoesNotServeIsAClearError() throws Exception {
    // An experiment created with its own artifact location, as on a server started with
    // --default-artifact-root: its runs' artifact URIs are plain paths, not mlflow-artifacts:/.
    String experiment = MlflowTestServer.unique("local-artifacts-exp");
    new MlflowHttp(MlflowConnection.of(MlflowTestServer.url()))
        .post(
            "experiments/create",
            Map.of("name", experiment, "artifact_location", dir.resolve("elsewhere").toString()));
    Path file = Files.writeString(dir.resolve("model.bin"), "weights");

    try (TrackedRun run =
        MlflowTracking.forStep(step(MlflowTestServer.url(), experiment)).startRun()) {
      assertThatThrownBy(() -> run.logArtifact(file, "model"))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(TrackingMessage.MLFLOW_ARTIFACTS_NOT_SERVED);
                assertThat(e.diagnostic().render())
                    .startsWith("error: [ESTEIRA-MLFLOW-ARTIFACTS-NOT-SERVED] run " + run.runId())
                    .contains(dir.resolve("elsewhere").toString())
                    .contains("--serve-artifacts")
                    .contains("--artifacts-destination")
                    .doesNotContain("\n");
              });
    }
  }

  @Test
  void artifactsAndVersionsReachAServerWithBasicAuthentication() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MLFLOW_TRACKING_URI", MlflowTestServer.authUrl());
    env.put("MLFLOW_EXPERIMENT_NAME", MlflowTestServer.unique("auth-artifacts-exp"));
    env.put("MLFLOW_TRACKING_USERNAME", MlflowTestServer.AUTH_USER);
    env.put("MLFLOW_TRACKING_PASSWORD", MlflowTestServer.AUTH_PASSWORD);
    Path file = Files.writeString(dir.resolve("model.bin"), "weights");

    try (TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, env)).startRun()) {
      run.logArtifact(file, "model");
      assertThat(run.registerModel(MlflowTestServer.unique("auth-model"), "model")).isEqualTo(1);
    }
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
