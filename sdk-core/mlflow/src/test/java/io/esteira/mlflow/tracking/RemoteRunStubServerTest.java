package io.esteira.mlflow.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;

/**
 * A loopback stub server, not MLflow, failing what a real server only fails under load: a model
 * version create that answers 503. The create is sent once (the Java client would send it four
 * times, and could register four versions), and the error is one line with the remedy.
 */
class RemoteRunStubServerTest {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String stub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(exchange.getRequestMethod() + " " + path);
          int status = 200;
          String body = "{}";
          if (path.endsWith("/runs/get")) {
            body = "{\"run\":{\"info\":{\"artifact_uri\":\"mlflow-artifacts:/1/r1/artifacts\"}}}";
          } else if (path.endsWith("/model-versions/create")) {
            status = 503;
            body =
                "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"database\\nis busy\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aServerThatTricklesItsAnswerCannotHoldTheStepPastTheDeadline() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    // Headers at once, then one byte of the promised body every half second: every read
    // succeeds, so only a deadline on the whole call ends it.
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 1000);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 1000; i++) {
              out.write(' ');
              out.flush();
              Thread.sleep(500);
            }
          } catch (InterruptedException | IOException e) {
            // the client gave up
          }
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    RemoteRun run =
        new RemoteRun(
            new MlflowClient(url),
            new TrackingHttp(MlflowConnection.of(url), java.time.Duration.ofSeconds(2)),
            "r1");
    long start = System.nanoTime();

    MlflowException e =
        catchThrowableOfType(() -> run.logParam("alpha", "0.1"), MlflowException.class);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    assertThat(e.kind()).isEqualTo(MlflowException.Kind.UNREACHABLE);
    assertThat(e.diagnostic().render())
        .contains("log param alpha")
        .contains("no complete answer within 2 s");
  }

  @Test
  void aFailedVersionCreateIsSentOnceAndReportedOnOneLine() throws IOException {
    String url = stub();
    RemoteRun run =
        new RemoteRun(new MlflowClient(url), new TrackingHttp(MlflowConnection.of(url)), "r1");

    MlflowException e =
        catchThrowableOfType(() -> run.registerModel("recsys", "model"), MlflowException.class);

    assertThat(requests)
        .containsExactly(
            "GET /api/2.0/mlflow/runs/get",
            "POST /api/2.0/mlflow/registered-models/create",
            "GET /api/2.0/mlflow/model-versions/search",
            "POST /api/2.0/mlflow/model-versions/create");
    assertThat(e.kind()).isEqualTo(MlflowException.Kind.SERVER);
    assertThat(e.diagnostic().render())
        .isEqualTo(
            "error: [ESTEIRA-MLFLOW-TRACKING-REFUSED] the MLflow server at "
                + url
                + " did not do POST model-versions/create (HTTP 503, TEMPORARILY_UNAVAILABLE:"
                + " database is busy); check the run and model names, and look at the server's"
                + " log");
  }
}
