package io.esteira.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.core.EngineMessage;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MLflow's REST API ({@code /api/2.0/mlflow/...}) over {@code java.net.http}, one request per call.
 *
 * <p>Unlike {@code org.mlflow:mlflow-client}, which retries every 4xx and 5xx answer three times,
 * this never retries: a create or a stage transition that timed out may have been applied, and only
 * the caller knows how to check (see {@link Promoter}). It counts the requests it sends, so tests
 * and benchmarks can state how many calls an operation costs.
 */
public final class MlflowHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow/";

  private final MlflowConnection connection;
  private final HttpClient client;
  private final Duration timeout;
  private final AtomicLong calls = new AtomicLong();

  public MlflowHttp(MlflowConnection connection) {
    this(connection, Duration.ofSeconds(30));
  }

  /**
   * A client whose every call ends within {@code timeout}: connecting, sending and reading the
   * whole answer.
   */
  public MlflowHttp(MlflowConnection connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public MlflowConnection connection() {
    return connection;
  }

  /** How many requests this client has sent, answered or not. */
  public long calls() {
    return calls.get();
  }

  /** {@code GET /api/2.0/mlflow/<endpoint>?<query>}. */
  public JsonNode get(String endpoint, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) ->
            q.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send("GET", endpoint + q, null);
  }

  /** {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body. */
  public JsonNode post(String endpoint, Map<String, ?> body) {
    return send("POST", endpoint, body);
  }

  /** {@code DELETE /api/2.0/mlflow/<endpoint>} with a JSON body, as MLflow's server reads it. */
  public JsonNode delete(String endpoint, Map<String, ?> body) {
    return send("DELETE", endpoint, body);
  }

  private JsonNode send(String method, String endpoint, Map<String, ?> body) {
    String what = method + " " + endpoint.replaceFirst("\\?.*", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(connection.trackingUri() + API + endpoint))
            .timeout(timeout)
            .header("Accept", "application/json");
    connection.authorization().ifPresent(a -> request.header("Authorization", a));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    HttpResponse<String> response;
    calls.incrementAndGet();
    // HttpRequest.timeout bounds only the wait for the response headers: a server that sends them
    // and then trickles the body would hold the call forever. The deadline covers the whole answer.
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw unreachable(e, "no complete answer to " + what + " within " + readable(timeout));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw unreachable(
          cause, cause instanceof IOException io ? describe(io) : String.valueOf(cause));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw unreachable(e, "interrupted");
    }
    return answer(what, response);
  }

  private JsonNode answer(String what, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode json = read(response.body());
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    String code = json == null ? "" : json.path("error_code").asText("");
    String text = oneLine(json == null ? response.body() : json.path("message").asText(""));
    if (status == 401 || status == 403) {
      throw new MlflowException(
          MlflowException.Kind.UNAUTHORIZED,
          EngineMessage.MLFLOW_UNAUTHORIZED,
          connection.trackingUri(),
          what,
          status,
          text.isEmpty() ? "no credentials, or wrong ones" : text);
    }
    if (status == 404 && code.isEmpty()) {
      // MLflow answers every unknown model or version with its JSON error: a bare 404 is a URL
      // whose path is not MLflow's (a typo in the base path, another service on the port).
      throw new MlflowException(
          MlflowException.Kind.UNREACHABLE,
          EngineMessage.MLFLOW_NOT_AN_API,
          connection.trackingUri(),
          what);
    }
    if (status == 404 && "RESOURCE_DOES_NOT_EXIST".equals(code)) {
      throw new MlflowException(
          MlflowException.Kind.NOT_FOUND, EngineMessage.MLFLOW_REJECTED, what, status, code, text);
    }
    if (status >= 400 && status < 500 && !code.isEmpty()) {
      throw new MlflowException(
          MlflowException.Kind.REFUSED, EngineMessage.MLFLOW_REJECTED, what, status, code, text);
    }
    throw new MlflowException(
        MlflowException.Kind.SERVER,
        EngineMessage.MLFLOW_SERVER_ERROR,
        what,
        status,
        json == null ? "the answer is not MLflow's JSON: " + text : text);
  }

  private MlflowException unreachable(Throwable cause, String why) {
    return new MlflowException(
        MlflowException.Kind.UNREACHABLE,
        cause,
        EngineMessage.MLFLOW_UNREACHABLE,
        connection.trackingUri(),
        why);
  }

  private static String readable(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  private static JsonNode read(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String write(Map<String, ?> body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a request body", e);
    }
  }

  /** The longest server text a message repeats. */
  static final int MAX_TEXT = 300;

  /**
   * A server's text as one line of at most {@link #MAX_TEXT} characters: every message Esteira
   * prints is one line, whatever the server put in its error (a Python traceback, an HTML page).
   */
  static String oneLine(String text) {
    String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line;
  }
}
