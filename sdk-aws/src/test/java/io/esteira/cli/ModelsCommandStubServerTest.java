package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code esteira models} against a loopback stub server, not MLflow: what a real server never
 * answers (a bare 404, a message over several lines), and that a refused alias sends nothing.
 */
class ModelsCommandStubServerTest {

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    MlflowOptions.environment = System.getenv();
    if (server != null) {
      server.stop(0);
    }
  }

  private String stub(int status, String contentType, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
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

  @ParameterizedTest
  @ValueSource(strings = {"@latest", "@Latest", "@v1", "@V20"})
  void anAliasMlflowReservesIsAUsageErrorBeforeAnyRequest(String alias) throws IOException {
    String url = stub(200, "application/json", "{}");
    MlflowOptions.environment = Map.of();

    Cli.Run run =
        Cli.run(
            "models", "promote", "recsys", "--version", "1", "--to", alias, "--tracking-uri", url);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("error: [ESTEIRA-MLFLOW-BAD-ALIAS] cannot promote to " + alias + ": MLflow")
        .hasLineCount(1);
    assertThat(requests).hasValue(0);
  }

  @Test
  void aUrlWhosePathIsNotMlflowsSaysSoAndExitsAsUnreachable() throws IOException {
    String url = stub(404, "text/html", "<html>\n<body>Not Found</body>\n</html>\n") + "/mlfow";
    MlflowOptions.environment = Map.of();

    Cli.Run run = Cli.run("models", "list", "recsys", "--tracking-uri", url);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.MLFLOW);
    assertThat(run.err())
        .startsWith("error: [ESTEIRA-MLFLOW-NOT-AN-API] " + url + " is not an MLflow API")
        .contains("check MLFLOW_TRACKING_URI or --tracking-uri")
        .doesNotContain("SERVER-ERROR")
        .hasLineCount(1);
  }

  @Test
  void aServerMessageOverSeveralLinesIsPrintedOnOne() throws IOException {
    String url =
        stub(
            400,
            "application/json",
            "{\"error_code\": \"INVALID_PARAMETER_VALUE\","
                + " \"message\": \"bad name\\nTraceback (most recent call last):\\n  x\"}");
    MlflowOptions.environment = Map.of();

    Cli.Run run = Cli.run("models", "list", "recsys", "--tracking-uri", url);

    assertThat(run.err())
        .startsWith("error: [ESTEIRA-MLFLOW-")
        .contains("bad name Traceback (most recent call last): x")
        .hasLineCount(1);
  }
}
