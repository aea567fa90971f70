package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.esteira.core.EngineMessage;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A loopback stub server, not MLflow, answering what a real MLflow server never does: a bare 404
 * (the URL's path is not MLflow's) and error messages spread over several lines.
 */
class MlflowHttpStubServerTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String stub(int status, String contentType, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static MlflowException get(String url) {
    MlflowHttp http = new MlflowHttp(MlflowConnection.of(url));
    return catchThrowableOfType(
        () -> http.get("registered-models/get", Map.of("name", "recsys")), MlflowException.class);
  }

  @Test
  void aBare404IsAWrongUrlNotAServerError() throws IOException {
    String url = stub(404, "text/html", "<!doctype html>\n<title>404 Not Found</title>\n");

    MlflowException e = get(url + "/mlfow");

    assertThat(e.kind()).isEqualTo(MlflowException.Kind.UNREACHABLE);
    assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_NOT_AN_API);
    assertThat(e.diagnostic().render())
        .startsWith(
            "error: [ESTEIRA-MLFLOW-NOT-AN-API] "
                + url
                + "/mlfow is not an MLflow API: GET registered-models/get answered HTTP 404")
        .contains("check MLFLOW_TRACKING_URI or --tracking-uri")
        .doesNotContain("\n");
  }

  @Test
  void mlflowsOwn404StaysNotFound() throws IOException {
    String url =
        stub(
            404,
            "application/json",
            "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"no recsys\"}");

    MlflowException e = get(url);

    assertThat(e.kind()).isEqualTo(MlflowException.Kind.NOT_FOUND);
  }

  @Test
  void aMessageOverSeveralLinesIsPrintedOnOne() throws IOException {
    String url =
        stub(
            400,
            "application/json",
            "{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"first\\r\\n  second\\nthird\"}");

    MlflowException e = get(url);

    assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_REJECTED);
    assertThat(e.diagnostic().render())
        .contains("INVALID_PARAMETER_VALUE: first second third)")
        .doesNotContain("\n", "\r");
  }

  @Test
  void aLongServerTextIsCapped() throws IOException {
    String url = stub(500, "text/plain", "Traceback\n" + "x".repeat(5000));

    MlflowException e = get(url);

    assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_SERVER_ERROR);
    String rendered = e.diagnostic().render();
    assertThat(rendered).contains("Traceback x").doesNotContain("\n").contains("...");
    assertThat(rendered.length()).isLessThan(MlflowHttp.MAX_TEXT + 300);
  }
}
