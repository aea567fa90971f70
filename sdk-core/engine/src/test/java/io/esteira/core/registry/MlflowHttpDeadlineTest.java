package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.esteira.core.EngineMessage;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A loopback server that answers MLflow's path with headers at once and then its body one byte a
 * second, as a stuck proxy does: a call must end at its deadline, not when the body is done.
 */
class MlflowHttpDeadlineTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String trickling(String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : bytes) {
              out.write(b);
              out.flush();
              Thread.sleep(1000);
            }
          } catch (InterruptedException | IOException e) {
            // the client went away: that is the point
          }
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void aBodyTricklingInAfterTheHeadersEndsTheCallAtItsDeadline() throws IOException {
    String url = trickling("{\"registered_model\": {\"name\": \"recsys\"}}");
    MlflowHttp http = new MlflowHttp(MlflowConnection.of(url), Duration.ofMillis(1500));

    long start = System.nanoTime();
    assertThatThrownBy(() -> http.get("registered-models/get", Map.of("name", "recsys")))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(MlflowException.Kind.UNREACHABLE);
              assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNREACHABLE);
              assertThat(e.getMessage())
                  .contains("no complete answer to GET registered-models/get within 1500 ms");
            });
    // The body would take 42 s; the call gave up at its 1.5 s deadline.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(http.calls()).isEqualTo(1);
  }
}
