package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.fail;

import io.esteira.mlflow.MlflowConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The real MLflow servers the integration tests talk to, as {@code scripts/mlflow-server.sh}
 * started them ({@code scripts/test.sh} starts both). The URL comes from {@code ESTEIRA_MLFLOW_URL}
 * (or the system property {@code esteira.mlflow.url}), else from {@code target/mlflow/url} at the
 * repository root. No server is a test failure that says how to start one, never a skip.
 */
public final class MlflowTestServer {

  /** The admin of the basic-auth server, as scripts/mlflow-server.sh configures it. */
  public static final String AUTH_USER = "admin";

  public static final String AUTH_PASSWORD = "esteira-test-password-1";

  private MlflowTestServer() {}

  /** The plain server's URL, checked to answer {@code /health}. */
  public static String url() {
    return find("ESTEIRA_MLFLOW_URL", "esteira.mlflow.url", "mlflow", "");
  }

  /** The basic-auth server's URL, checked to answer {@code /health}. */
  public static String authUrl() {
    return find("ESTEIRA_MLFLOW_AUTH_URL", "esteira.mlflow.auth.url", "mlflow-auth", " --auth");
  }

  /** A registry on the plain server with a fresh request counter. */
  public static ModelRegistry registry(RegistryMode mode) {
    return new ModelRegistry(new MlflowHttp(MlflowConnection.of(url())), mode);
  }

  /** A name no earlier test run used: the server's store outlives test runs. */
  public static String unique(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A finished run in a fresh experiment, to register versions from; returns the run id.
   *
   * @param metrics metrics to log on it
   */
  public static String run(MlflowHttp http, Map<String, Double> metrics) {
    String experiment =
        http.post("experiments/create", Map.of("name", unique("esteira-it")))
            .path("experiment_id")
            .asText();
    String runId =
        http.post("runs/create", Map.of("experiment_id", experiment))
            .path("run")
            .path("info")
            .path("run_id")
            .asText();
    metrics.forEach(
        (k, v) ->
            http.post(
                "runs/log-metric",
                Map.of("run_id", runId, "key", k, "value", v, "timestamp", 0, "step", 0)));
    return runId;
  }

  /** Sets a version's registration status in the plain server's store, as a failed async one. */
  public static void setVersionStatus(String model, int version, String status) {
    Path root = repositoryRoot();
    try {
      Process p =
          new ProcessBuilder(
                  "bash",
                  root.resolve("scripts/mlflow-server.sh").toString(),
                  "set-version-status",
                  model,
                  String.valueOf(version),
                  status)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        fail("scripts/mlflow-server.sh set-version-status failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The repository root: the nearest directory upwards holding scripts/mlflow-server.sh. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("scripts/mlflow-server.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no scripts/mlflow-server.sh above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  private static String find(String variable, String property, String dir, String flag) {
    String url = System.getenv(variable);
    if (url == null || url.isBlank()) {
      url = System.getProperty(property);
    }
    if (url == null || url.isBlank()) {
      Path file = repositoryRoot().resolve("target").resolve(dir).resolve("url");
      try {
        url = Files.exists(file) ? Files.readString(file).strip() : null;
      } catch (IOException e) {
        url = null;
      }
    }
    String start = "scripts/mlflow-server.sh start" + flag;
    if (url == null || url.isBlank()) {
      fail(
          "no MLflow server for the integration tests: run "
              + start
              + " (scripts/test.sh does it), or set "
              + variable);
    }
    try {
      HttpResponse<Void> health =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(3))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                  HttpResponse.BodyHandlers.discarding());
      if (health.statusCode() != 200) {
        fail(
            "the MLflow server at "
                + url
                + " answers /health with "
                + health.statusCode()
                + "; restart it: "
                + start);
      }
    } catch (IOException e) {
      fail("no MLflow server answers at " + url + " (" + e + "); start one: " + start);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return url;
  }
}
