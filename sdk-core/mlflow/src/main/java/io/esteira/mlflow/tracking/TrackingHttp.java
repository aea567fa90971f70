package io.esteira.mlflow.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.io.FileNotFoundException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The MLflow calls {@code org.mlflow:mlflow-client} lacks or gets wrong for a step, over {@code
 * java.net.http}: one request per call and no retries.
 *
 * <p>The Java client retries every 4xx and 5xx answer three times at once, so a model version
 * create that failed after the server applied it would register duplicates; and it uploads
 * artifacts through the Python command line. This class does the registry writes and the proxied
 * artifact upload ({@code PUT /api/2.0/mlflow-artifacts/artifacts/...}) itself, and the callers
 * make each write safe to repeat.
 */
final class TrackingHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API = "/api/2.0/mlflow/";
  private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

  /** How long a JSON call may take, answer included. */
  private static final Duration CALL = Duration.ofSeconds(30);

  /** The longest server text a message repeats. */
  static final int MAX_TEXT = 300;

  /**
   * How long one call of {@code mlflow-client} (params, metrics, tags, the run's end and start) may
   * take, its own retries included: its HTTP client bounds the connection and each read, but not a
   * server that keeps sending a byte now and then, which would hold the step forever.
   */
  static final Duration CLIENT_CALL = Duration.ofSeconds(60);

  /**
   * Where the client's calls run, so that a call past its deadline can be left behind: daemon
   * threads, so that one blocked in a read never keeps the step's JVM alive.
   */
  private static final ExecutorService CLIENT_CALLS =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "esteira-mlflow-call");
            thread.setDaemon(true);
            return thread;
          });

  private final MlflowConnection connection;
  private final HttpClient client;
  private final Duration clientCall;

  TrackingHttp(MlflowConnection connection) {
    this(connection, CLIENT_CALL);
  }

  /** With another deadline for the client's calls (tests). */
  TrackingHttp(MlflowConnection connection, Duration clientCall) {
    this.connection = connection;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.clientCall = clientCall;
  }

  /**
   * Runs one {@code mlflow-client} call under {@link #CLIENT_CALL}: its result, or its own
   * exception, or an {@link MlflowException} naming {@code what} when it took longer (the call is
   * interrupted and left to end on its own thread).
   */
  <T> T within(String what, Supplier<T> call) {
    Future<T> pending = CLIENT_CALLS.submit(call::get);
    try {
      return pending.get(clientCall.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw unreachable(what, e, "no complete answer within " + clientCall.toSeconds() + " s");
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw unreachable(what, e, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** {@link #within} for a call with no result. */
  void within(String what, Runnable call) {
    within(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  /** {@code GET /api/2.0/mlflow/<endpoint>?<query>}. */
  JsonNode get(String endpoint, Map<String, String> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (k, v) ->
            q.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send("GET " + endpoint, request(API + endpoint + q, CALL).GET().build(), CALL);
  }

  /** {@code POST /api/2.0/mlflow/<endpoint>} with a JSON body. */
  JsonNode post(String endpoint, Map<String, ?> body) {
    return send(
        "POST " + endpoint,
        request(API + endpoint, CALL)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)))
            .build(),
        CALL);
  }

  /**
   * Uploads a file to the server's artifact store: {@code PUT
   * /api/2.0/mlflow-artifacts/artifacts/<path>}, where {@code path} is what follows {@code
   * mlflow-artifacts:/} in an artifact URI. The deadline grows with the file (30 s plus one second
   * per megabyte), since a model may be large.
   */
  void upload(String artifactsPath, Path file, long size) {
    Duration deadline = CALL.plusSeconds(size / 1_000_000);
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new MlflowException(
          MlflowException.Kind.USAGE, e, TrackingMessage.MLFLOW_ARTIFACT_NOT_A_FILE, file);
    }
    send(
        "PUT mlflow-artifacts/artifacts/" + artifactsPath,
        request(ARTIFACTS + encodePath(artifactsPath), deadline)
            .header("Content-Type", "application/octet-stream")
            .PUT(body)
            .build(),
        deadline);
  }

  private HttpRequest.Builder request(String path, Duration deadline) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(connection.trackingUri() + path))
            .timeout(deadline)
            .header("Accept", "application/json");
    connection.authorization().ifPresent(a -> request.header("Authorization", a));
    return request;
  }

  private JsonNode send(String what, HttpRequest request, Duration deadline) {
    // HttpRequest.timeout bounds only the wait for the response headers; the deadline covers the
    // whole answer, so a server that trickles its body cannot hold the step forever.
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      response = pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw unreachable(what, e, "no complete answer within " + deadline.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw unreachable(what, cause, String.valueOf(cause));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw unreachable(what, e, "interrupted");
    }
    return answer(what, response);
  }

  private JsonNode answer(String what, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode json = read(response.body());
    if (status >= 200 && status < 300) {
      return json == null ? JSON.createObjectNode() : json;
    }
    String code = json == null ? "" : json.path("error_code").asText("");
    String text = oneLine(json == null ? response.body() : json.path("message").asText(""));
    if (status == 401 || status == 403) {
      throw new MlflowException(
          MlflowException.Kind.UNAUTHORIZED,
          TrackingMessage.MLFLOW_TRACKING_UNAUTHORIZED,
          connection.trackingUri(),
          what,
          status,
          text.isEmpty() ? "no credentials, or wrong ones" : text);
    }
    MlflowException.Kind kind =
        status >= 500 || json == null
            ? MlflowException.Kind.SERVER
            : "RESOURCE_DOES_NOT_EXIST".equals(code)
                ? MlflowException.Kind.NOT_FOUND
                : MlflowException.Kind.REFUSED;
    throw new MlflowException(
        kind,
        TrackingMessage.MLFLOW_TRACKING_REFUSED,
        connection.trackingUri(),
        what,
        status,
        code.isEmpty() ? "-" : code,
        text.isEmpty() ? "(no message)" : text);
  }

  private MlflowException unreachable(String what, Throwable cause, String why) {
    return new MlflowException(
        MlflowException.Kind.UNREACHABLE,
        cause,
        TrackingMessage.MLFLOW_TRACKING_UNREACHABLE,
        connection.trackingUri(),
        what,
        why);
  }

  /** Each segment percent-encoded (a space as {@code %20}), the slashes kept. */
  static String encodePath(String path) {
    StringJoiner joined = new StringJoiner("/");
    for (String segment : path.split("/", -1)) {
      joined.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return joined.toString();
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

  /** A server's text as one line of at most {@link #MAX_TEXT} characters. */
  static String oneLine(String text) {
    String line = text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line;
  }
}
