package io.esteira.mlflow;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.runtime.RuntimeMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an MLflow server is and how to log in to it, read from the standard MLflow variables.
 *
 * <p>A token wins over a user name and password, as in MLflow's own Python client. {@link
 * #toString()} never shows a secret.
 *
 * @param trackingUri the server's base URL, without a trailing slash
 * @param token {@code MLFLOW_TRACKING_TOKEN}, sent as a bearer token; null when not set
 * @param username {@code MLFLOW_TRACKING_USERNAME}, for basic authentication; null when not set
 * @param password {@code MLFLOW_TRACKING_PASSWORD}; null when not set
 */
public record MlflowConnection(String trackingUri, String token, String username, String password) {

  public static final String TRACKING_URI = "MLFLOW_TRACKING_URI";
  public static final String EXPERIMENT_NAME = "MLFLOW_EXPERIMENT_NAME";
  public static final String TOKEN = "MLFLOW_TRACKING_TOKEN";
  public static final String USERNAME = "MLFLOW_TRACKING_USERNAME";
  public static final String PASSWORD = "MLFLOW_TRACKING_PASSWORD";

  /**
   * Credentials written into the URL ({@code http://user:password@host}) are taken out of it and
   * used for basic authentication, unless a token or a user name is given as well, which wins as
   * the variables do. Either way the URL kept, and so every message, carries no secret.
   */
  public MlflowConnection {
    Objects.requireNonNull(trackingUri, "trackingUri");
    URI uri = parse(trackingUri);
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      if (token == null && username == null) {
        int colon = userInfo.indexOf(':');
        username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      }
      uri = withoutUserInfo(uri);
    }
    trackingUri = uri.toString().replaceAll("/+$", "");
  }

  /** A connection without credentials. */
  public static MlflowConnection of(String trackingUri) {
    return new MlflowConnection(trackingUri, null, null, null);
  }

  /**
   * The connection the environment describes, or empty when {@code MLFLOW_TRACKING_URI} is not set
   * or blank.
   *
   * @throws MlflowException when the URI is not an http(s) URL
   */
  public static Optional<MlflowConnection> fromEnv(Function<String, Optional<String>> env) {
    return value(env, TRACKING_URI)
        .map(
            uri ->
                new MlflowConnection(
                    uri,
                    value(env, TOKEN).orElse(null),
                    value(env, USERNAME).orElse(null),
                    value(env, PASSWORD).orElse(null)));
  }

  /**
   * The same server with the credentials of the environment, or with the ones it has when the
   * environment names none.
   */
  public MlflowConnection withCredentialsFrom(Function<String, Optional<String>> env) {
    Optional<String> envToken = value(env, TOKEN);
    Optional<String> envUser = value(env, USERNAME);
    if (envToken.isEmpty() && envUser.isEmpty()) {
      return this;
    }
    return new MlflowConnection(
        trackingUri,
        envToken.orElse(null),
        envUser.orElse(null),
        value(env, PASSWORD).orElse(null));
  }

  /**
   * Whether credentials would cross the network unencrypted: a token or password sent over plain
   * {@code http://} to a host that is not this machine. Callers warn; a server on loopback, as in
   * tests and local setups, is fine.
   */
  public boolean sendsCredentialsInClear() {
    if (authorization().isEmpty() || !trackingUri.startsWith("http://")) {
      return false;
    }
    String host = URI.create(trackingUri).getHost();
    return !(host.equals("localhost")
        || host.equals("[::1]")
        || host.equals("::1")
        || host.startsWith("127."));
  }

  /** The warning to print when {@link #sendsCredentialsInClear()}, else empty. */
  public Optional<Diagnostic> clearCredentialsWarning() {
    return sendsCredentialsInClear()
        ? Optional.of(
            Diagnostic.warning(RuntimeMessage.MLFLOW_CLEAR_CREDENTIALS, null, trackingUri))
        : Optional.empty();
  }

  /** A URL for a message: any {@code user:password@} replaced, so no secret is printed. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(?<=://)[^/@\\s]*@", "***@");
  }

  /** The {@code Authorization} header value, when there are credentials. */
  public Optional<String> authorization() {
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (username != null) {
      String pair = username + ":" + (password == null ? "" : password);
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    String auth = token != null ? " (token)" : username != null ? " (user " + username + ")" : "";
    return trackingUri + auth;
  }

  private static Optional<String> value(Function<String, Optional<String>> env, String name) {
    return env.apply(name).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static URI parse(String text) {
    try {
      URI uri = URI.create(text.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below, with the remedy
    }
    throw new MlflowException(
        MlflowException.Kind.USAGE, RuntimeMessage.MLFLOW_BAD_URI, redact(text));
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      return new URI(
          uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
    } catch (URISyntaxException e) {
      throw new MlflowException(
          MlflowException.Kind.USAGE, RuntimeMessage.MLFLOW_BAD_URI, redact(uri.toString()));
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
