package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables a step sees locally, compared with what its container receives. */
class StepEnvironmentTest {

  private static final URI STORE = URI.create("file:/runs/r/artifacts/");

  private final PipelineModel model =
      builder("recsys")
          .environment("prd")
          .envVar("FEATURE_TABLE", "vehicles")
          .envVar("PATH", "/opt/config-path")
          .secret("API_TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/recsys/token")
          .step(step("score"))
          .build();

  private final Map<String, String> host =
      Map.of(
          "PATH", "/usr/bin",
          "HOME", "/home/me",
          "ENV", "dev",
          "API_TOKEN", "local-token",
          "MLFLOW_TRACKING_URI", "http://127.0.0.1:5000",
          "ESTEIRA_STEP", "stale");

  @Test
  void theStepSeesTheHostThenEnvVarsThenWhatEsteiraSets() {
    Map<String, String> env =
        StepEnvironment.of(
            model,
            host,
            model.step("score"),
            2,
            "20261126-030000-abcd",
            Path.of("/w"),
            STORE,
            List.of());

    assertThat(env)
        .containsEntry("HOME", "/home/me")
        .containsEntry("PATH", "/opt/config-path")
        .containsEntry("FEATURE_TABLE", "vehicles")
        .containsEntry("API_TOKEN", "local-token")
        .containsEntry("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")
        .containsEntry("MLFLOW_EXPERIMENT_NAME", "recsys")
        .containsEntry("ESTEIRA_PROJECT", "recsys")
        .containsEntry("ESTEIRA_STEP", "score")
        .containsEntry("ESTEIRA_EXECUTION_ID", "20261126-030000-abcd")
        .containsEntry("ESTEIRA_ATTEMPT", "2")
        .containsEntry("ESTEIRA_WORK_DIR", "/w")
        .containsEntry("ESTEIRA_STORE", "file:/runs/r/artifacts/")
        .containsEntry("ESTEIRA_INPUTS", "")
        .containsEntry("ESTEIRA_OUTPUTS", "")
        .containsEntry("ESTEIRA_UPSTREAM", "");
  }

  @Test
  void theStepsDataIsDeclaredAndItsUpstreamIsTransitiveInDeclarationOrder() {
    PipelineModel data =
        builder("recsys")
            .step(DataSteps.data(step("extract"), List.of("features.csv", "stats/n.txt")))
            .step(step("audit").dependsOn())
            .step(
                DataSteps.data(
                    step("train").dependsOn("extract", "audit"),
                    List.of("model.bin"),
                    "extract/features.csv",
                    "extract/stats/n.txt"))
            .step(step("score").dependsOn("train"))
            .build();
    Map<String, List<String>> upstream = Upstream.of(data);

    Map<String, String> train =
        StepEnvironment.of(
            data, host, data.step("train"), 1, "r", Path.of("/w"), STORE, upstream.get("train"));
    Map<String, String> score =
        StepEnvironment.of(
            data, host, data.step("score"), 1, "r", Path.of("/w"), STORE, upstream.get("score"));

    assertThat(train)
        .containsEntry("ESTEIRA_INPUTS", "extract/features.csv extract/stats/n.txt")
        .containsEntry("ESTEIRA_OUTPUTS", "model.bin")
        .containsEntry("ESTEIRA_UPSTREAM", "extract audit");
    assertThat(score)
        .containsEntry("ESTEIRA_INPUTS", "")
        .containsEntry("ESTEIRA_UPSTREAM", "extract audit train");
    assertThat(upstream.get("extract")).isEmpty();
  }

  @Test
  void envIsAlwaysTheEnvironmentRunNeverTheConfiguredOrTheHostValue() {
    // The seed's config sets runtime.env_vars.ENV: "dev"; a prd run must still see prd.
    PipelineModel seedLike =
        builder("recsys").environment("prd").envVar("ENV", "dev").step(step("a")).build();

    Map<String, String> env =
        StepEnvironment.of(
            seedLike, host, seedLike.step("a"), 1, "r", Path.of("/w"), STORE, List.of());

    assertThat(env).containsEntry("ENV", "prd");
  }

  @Test
  void mlflowTrackingUriIsLeftOutWhenTheHostHasNone() {
    Map<String, String> env =
        StepEnvironment.of(
            model,
            Map.of("API_TOKEN", "t"),
            model.step("score"),
            1,
            "r",
            Path.of("/w"),
            STORE,
            List.of());

    assertThat(env).doesNotContainKey("MLFLOW_TRACKING_URI");
  }
}
