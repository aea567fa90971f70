package io.esteira.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.mlflow.MlflowException;
import io.esteira.runtime.RuntimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracking with no server: the step runs, is told once, and keeps its params and metrics. */
class MlflowTrackingTest {

  @TempDir Path dir;

  @Test
  void withoutATrackingUriRunsWriteJsonLinesIntoTheWorkDirectory() throws Exception {
    MlflowTracking tracking = MlflowTracking.forStep(new EnvStepContext(dir, Map.of()));

    try (TrackedRun run = tracking.startRun()) {
      run.logParam("alpha", "0.1");
      run.logMetric("rmse", 0.84);
      run.logMetric("loss", 0.5, 3);
    }

    assertThat(tracking.enabled()).isFalse();
    assertThat(tracking.client()).isEmpty();
    List<String> lines = Files.readAllLines(dir.resolve("mlflow-tracking.jsonl"));
    String id = "\"run_id\":\"local-exec-42-train-2\"";
    assertThat(lines)
        .containsExactly(
            "{" + id + ",\"type\":\"start\"}",
            "{" + id + ",\"type\":\"tag\",\"key\":\"esteira.project\",\"value\":\"recsys\"}",
            "{" + id + ",\"type\":\"tag\",\"key\":\"esteira.step\",\"value\":\"train\"}",
            "{" + id + ",\"type\":\"tag\",\"key\":\"esteira.environment\",\"value\":\"dev\"}",
            "{" + id + ",\"type\":\"tag\",\"key\":\"esteira.execution_id\",\"value\":\"exec-42\"}",
            "{" + id + ",\"type\":\"tag\",\"key\":\"esteira.attempt\",\"value\":\"2\"}",
            "{" + id + ",\"type\":\"param\",\"key\":\"alpha\",\"value\":\"0.1\"}",
            "{" + id + ",\"type\":\"metric\",\"key\":\"rmse\",\"value\":0.84}",
            "{" + id + ",\"type\":\"metric\",\"key\":\"loss\",\"value\":0.5,\"step\":3}",
            "{" + id + ",\"type\":\"end\",\"key\":\"status\",\"value\":\"FINISHED\"}");
  }

  @Test
  void trackingOffIsSaidOnceForAllStepsOfTheProcess() {
    MlflowTracking.resetSaidOff();
    EnvStepContext first = new EnvStepContext(dir, Map.of());
    EnvStepContext second = new EnvStepContext(dir, Map.of("MLFLOW_TRACKING_URI", " "));

    MlflowTracking.forStep(first).startRun().close();
    MlflowTracking.forStep(second).startRun().close();

    assertThat(first.logger().messages())
        .singleElement()
        .asString()
        .contains(
            "[ESTEIRA-MLFLOW-TRACKING-OFF] MLFLOW_TRACKING_URI is not set, so tracking is off")
        .contains(dir.resolve("mlflow-tracking.jsonl").toString());
    assertThat(second.logger().messages()).isEmpty();
  }

  @Test
  void aFailedRunEndsOnceAsFailed() throws Exception {
    TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, Map.of())).startRun();
    run.fail();
    run.close();

    assertThat(Files.readAllLines(dir.resolve("mlflow-tracking.jsonl")))
        .filteredOn(l -> l.contains("\"type\":\"end\""))
        .singleElement()
        .asString()
        .contains("FAILED");
  }

  @Test
  void aTrackingUriThatIsNotAnHttpUrlIsAClearError() {
    EnvStepContext context = new EnvStepContext(dir, Map.of("MLFLOW_TRACKING_URI", "mlruns"));

    assertThatThrownBy(() -> MlflowTracking.forStep(context))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.message()).isEqualTo(RuntimeMessage.MLFLOW_BAD_URI);
              assertThat(e.getMessage()).contains("'mlruns' is not an MLflow server URL");
            });
  }

  @Test
  void theExperimentIsTheVariableOrElseTheProject() {
    assertThat(MlflowTracking.forStep(new EnvStepContext(dir, Map.of())).experimentName())
        .isEqualTo("recsys");
    assertThat(
            MlflowTracking.forStep(
                    new EnvStepContext(dir, Map.of("MLFLOW_EXPERIMENT_NAME", "recsys-exp")))
                .experimentName())
        .isEqualTo("recsys-exp");
  }

  @Test
  void withoutATrackingUriAnArtifactIsCopiedBesideTheLinesAndARegistrationIsALine()
      throws Exception {
    Path model = Files.writeString(dir.resolve("model.tribuo"), "weights");
    EnvStepContext context = new EnvStepContext(dir.resolve("work"), Map.of());

    int version;
    try (TrackedRun run = MlflowTracking.forStep(context).startRun()) {
      run.logArtifact(model, "model");
      run.logArtifact(model, null);
      version = run.registerModel("recsys", "model");
    }

    assertThat(version).isZero();
    Path work = dir.resolve("work");
    assertThat(work.resolve("mlflow-artifacts/model/model.tribuo")).hasContent("weights");
    assertThat(work.resolve("mlflow-artifacts/model.tribuo")).hasContent("weights");
    String id = "\"run_id\":\"local-exec-42-train-2\"";
    assertThat(Files.readAllLines(work.resolve("mlflow-tracking.jsonl")))
        .containsSubsequence(
            "{"
                + id
                + ",\"type\":\"artifact\",\"key\":\"model/model.tribuo\","
                + "\"value\":\"mlflow-artifacts/model/model.tribuo\"}",
            "{"
                + id
                + ",\"type\":\"artifact\",\"key\":\"model.tribuo\","
                + "\"value\":\"mlflow-artifacts/model.tribuo\"}",
            "{"
                + id
                + ",\"type\":\"model_version\",\"key\":\"recsys\","
                + "\"value\":\"mlflow-artifacts/model\"}");
  }

  @Test
  void anArtifactPathThatLeavesTheRunIsRefusedWithTheRemedy() {
    TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, Map.of())).startRun();

    for (String bad : List.of("/model", "../model", "model/./x", "a//b", "a\\b")) {
      assertThatThrownBy(() -> run.registerModel("recsys", bad))
          .as(bad)
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(MlflowException.Kind.USAGE);
                assertThat(e.getMessage())
                    .startsWith("artifact path '" + bad + "' is not a relative path")
                    .contains("such as 'model'");
              });
    }
    assertThat(ArtifactPaths.check("model/")).isEqualTo("model");
    assertThat(ArtifactPaths.check("reports/eval")).isEqualTo("reports/eval");
  }

  @Test
  void aMissingFileOrADirectoryIsNotLoggedAndTheMessageSaysWhy() {
    TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, Map.of())).startRun();

    for (Path bad : List.of(dir.resolve("no-such-model.bin"), dir)) {
      assertThatThrownBy(() -> run.logArtifact(bad, "model"))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e ->
                  assertThat(e.diagnostic().render())
                      .isEqualTo(
                          "error: [ESTEIRA-MLFLOW-ARTIFACT-NOT-A-FILE] cannot log "
                              + bad
                              + " as an artifact: it is not a readable regular file; write the"
                              + " file before logging it (a directory is not logged: log each"
                              + " file, or an archive of it)"));
    }
  }

  @Test
  void aBlankModelNameIsRefused() {
    TrackedRun run = MlflowTracking.forStep(new EnvStepContext(dir, Map.of())).startRun();

    assertThatThrownBy(() -> run.registerModel(" ", "model"))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> assertThat(e.message()).isEqualTo(TrackingMessage.MLFLOW_BAD_MODEL_NAME));
  }

  @Test
  void onlyArtifactUrisTheServerServesGiveAnUploadPath() {
    assertThat(ArtifactPaths.proxied("r1", "mlflow-artifacts:/3/r1/artifacts"))
        .isEqualTo("3/r1/artifacts");
    assertThat(ArtifactPaths.proxied("r1", "mlflow-artifacts://mlflow:5000/3/r1/artifacts/"))
        .isEqualTo("3/r1/artifacts");
    for (String elsewhere : List.of("/srv/mlflow/3/r1/artifacts", "s3://bucket/3/r1/artifacts")) {
      assertThatThrownBy(() -> ArtifactPaths.proxied("r1", elsewhere))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(TrackingMessage.MLFLOW_ARTIFACTS_NOT_SERVED);
                assertThat(e.getMessage())
                    .startsWith("run r1 keeps its artifacts at " + elsewhere)
                    .contains("mlflow server --serve-artifacts --artifacts-destination");
              });
    }
    assertThat(TrackingHttp.encodePath("1/r/artifacts/model/model file+v1.bin"))
        .isEqualTo("1/r/artifacts/model/model%20file%2Bv1.bin");
  }
}
