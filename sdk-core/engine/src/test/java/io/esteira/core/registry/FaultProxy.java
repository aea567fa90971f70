package io.esteira.core.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy in front of the real MLflow server that fails chosen requests, so tests can
 * break a promotion between two of its calls. The server itself is untouched: every request that is
 * not failed reaches it as sent.
 */
public final class FaultProxy implements AutoCloseable {

  /** How a request fails. */
  public enum Fault {
    /** Answered 503 by the proxy; the server never sees it. */
    REFUSE,
    /** Sent to the server (so it is applied), but its answer is lost: the client sees 502. */
    LOSE_ANSWER,
    /** This request and every later one answered 503, as a server that went down. */
    DOWN
  }

  private record Rule(String method, String endpoint, int occurrence, Fault fault) {}

  private final HttpServer server;
  private final String target;
  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  public FaultProxy(String target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Fails the {@code occurrence}-th request (1 for the first) with this method to an endpoint such
   * as {@code registered-models/alias}.
   */
  public FaultProxy fail(String method, String endpoint, int occurrence, Fault fault) {
    rules.add(new Rule(method, endpoint, occurrence, fault));
    return this;
  }

  /** Every request so far, as {@code POST model-versions/set-tag}. */
  public List<String> seen() {
    return new ArrayList<>(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String endpoint = path.replaceFirst("^/api/2\\.0/mlflow/", "");
    String call = method + " " + endpoint;
    seen.add(call);
    long count = seen.stream().filter(call::equals).count();
    Fault fault = down ? Fault.DOWN : null;
    for (Rule r : rules) {
      if (fault == null
          && r.method().equals(method)
          && r.endpoint().equals(endpoint)
          && r.occurrence() == count) {
        fault = r.fault();
      }
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if (fault == Fault.DOWN) {
      down = true;
    }
    if (fault == Fault.REFUSE || fault == Fault.DOWN) {
      reply(exchange, 503, "proxy: refused by the test".getBytes(StandardCharsets.UTF_8));
      return;
    }
    HttpRequest.Builder forward =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Content-Type", "Authorization", "Accept")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        forward.header(header, value);
      }
    }
    try {
      HttpResponse<byte[]> answer =
          client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (fault == Fault.LOSE_ANSWER) {
        reply(exchange, 502, "proxy: answer lost by the test".getBytes(StandardCharsets.UTF_8));
      } else {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, answer.statusCode(), answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(exchange, 500, new byte[0]);
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
