package io.esteira.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.mlflow.MlflowConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The standard MLflow variables become a server URL and an Authorization header. */
class MlflowConnectionTest {

  private static Optional<MlflowConnection> from(Map<String, String> env) {
    return MlflowConnection.fromEnv(name -> Optional.ofNullable(env.get(name)));
  }

  @Test
  void aTokenWinsOverAUserNameAndIsSentAsBearer() {
    MlflowConnection c =
        from(Map.of(
                "MLFLOW_TRACKING_URI", "http://mlflow:5000/",
                "MLFLOW_TRACKING_TOKEN", "t0k",
                "MLFLOW_TRACKING_USERNAME", "ana"))
            .orElseThrow();

    assertThat(c.trackingUri()).isEqualTo("http://mlflow:5000");
    assertThat(c.authorization()).contains("Bearer t0k");
    assertThat(MlflowTracking.credentials(c).getToken()).isEqualTo("t0k");
  }

  @Test
  void aUserNameAndPasswordAreSentAsBasicAuthentication() {
    MlflowConnection c =
        from(Map.of(
                "MLFLOW_TRACKING_URI", "https://mlflow.example",
                "MLFLOW_TRACKING_USERNAME", "ana",
                "MLFLOW_TRACKING_PASSWORD", "s3cret"))
            .orElseThrow();

    String expected =
        Base64.getEncoder().encodeToString("ana:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(c.authorization()).contains("Basic " + expected);
    assertThat(MlflowTracking.credentials(c).getUsername()).isEqualTo("ana");
    assertThat(MlflowTracking.credentials(c).getPassword()).isEqualTo("s3cret");
    assertThat(c.toString())
        .isEqualTo("https://mlflow.example (user ana)")
        .doesNotContain("s3cret");
  }

  @Test
  void noUriMeansNoConnection() {
    assertThat(from(Map.of())).isEmpty();
    assertThat(from(Map.of("MLFLOW_TRACKING_URI", "  "))).isEmpty();
    assertThat(from(Map.of("MLFLOW_TRACKING_URI", "http://h:1")).orElseThrow().authorization())
        .isEmpty();
  }
}
