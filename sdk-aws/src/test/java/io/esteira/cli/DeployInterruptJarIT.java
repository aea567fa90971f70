package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * A deploy stopped by SIGTERM, as a cancelled or timed-out CI job stops it: the shaded jar in its
 * own JVM releases the project's lock on the way out and says so, so the next deploy is not
 * refused. The jar reaches moto_server through a small proxy in this test that, once the lock is
 * taken, holds every call but SSM's, so the deploy is certainly stopped while it holds the lock
 * (and the lock's own calls still go through).
 */
class DeployInterruptJarIT {

  private static final Path JAR = Path.of("target", "esteira.jar");
  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";
  private static final String LOCK = "/esteira/locks/recsys/dev";
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  @TempDir Path tmp;

  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch open = new CountDownLatch(1);
  private final AtomicBoolean lockTaken = new AtomicBoolean();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient forward = HttpClient.newHttpClient();
  private HttpServer proxy;
  private Process process;

  @AfterEach
  void stop() {
    open.countDown();
    if (process != null) {
      process.destroyForcibly();
    }
    if (proxy != null) {
      proxy.stop(0);
    }
    threads.shutdownNow();
  }

  @Test
  void sigtermReleasesTheLockAndSaysSo() throws Exception {
    URI moto = Moto.endpoint();
    Path platform = DeployCommandIT.platform(tmp);
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.setExecutor(threads);
    proxy.createContext("/", exchange -> relay(moto, exchange));
    proxy.start();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", JAR.toString(), "deploy", ORIGIN));
    command.addAll(List.of("--platform", platform.toString(), "--env", "dev"));
    command.addAll(
        List.of(
            "--endpoint-url",
            "http://127.0.0.1:" + proxy.getAddress().getPort(),
            "--no-image-check",
            "--commit",
            "0123abc"));
    // To a file: Process.destroy() closes the pipes, losing what the shutdown hook prints.
    Path log = tmp.resolve("esteira.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.remove("GITHUB_ACTIONS");
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    process = builder.start();
    process.getOutputStream().close();

    assertThat(held.await(2, TimeUnit.MINUTES)).as("the deploy took the lock").isTrue();
    assertThat(lockExists()).as("the lock is held while the deploy runs").isTrue();

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("esteira exited").isTrue();
    String said = Files.readString(log);

    assertThat(process.exitValue()).as(said).isEqualTo(143);
    assertThat(said)
        .contains("esteira: deploy interrupted; released the lock " + LOCK)
        .doesNotContain("deployed: ")
        .doesNotContain("\tat ");
    assertThat(lockExists()).as("the lock is gone").isFalse();
  }

  private boolean lockExists() {
    try (AwsClients aws = Moto.clients()) {
      aws.ssm().getParameter(r -> r.name(LOCK));
      return true;
    } catch (ParameterNotFoundException e) {
      return false;
    }
  }

  /**
   * Forwards one call to moto; once the lock is taken, holds every call but SSM's until the test
   * ends.
   */
  private void relay(URI moto, HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      boolean ssm = target.startsWith("AmazonSSM.");
      if (lockTaken.get() && !ssm) {
        held.countDown();
        open.await(2, TimeUnit.MINUTES);
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response =
          forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
      if (target.equals("AmazonSSM.PutParameter")
          && response.statusCode() == 200
          && new String(body, StandardCharsets.UTF_8).contains(LOCK)) {
        lockTaken.set(true);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
