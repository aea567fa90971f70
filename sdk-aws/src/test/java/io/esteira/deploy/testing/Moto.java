package io.esteira.deploy.testing;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.aws.AwsSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The moto_server the integration tests run against: found through {@code
 * ESTEIRA_AWS_TEST_ENDPOINT} (scripts/test.sh sets it), the system property {@code
 * esteira.aws.test.endpoint}, or the endpoint file scripts/moto-server.sh leaves under {@code
 * target/moto/}. A test that finds none fails and says how to start one: a silently skipped IT
 * would let CI pass without ever deploying.
 */
public final class Moto {

  /** moto_server's fixed account id. */
  public static final String ACCOUNT_ID = "123456789012";

  public static final String REGION = "us-east-1";

  private Moto() {}

  /** The running emulator's endpoint, or an assertion failure naming the script that starts it. */
  public static URI endpoint() {
    Optional<String> configured =
        Optional.ofNullable(System.getenv("ESTEIRA_AWS_TEST_ENDPOINT"))
            .or(() -> Optional.ofNullable(System.getProperty("esteira.aws.test.endpoint")))
            .filter(s -> !s.isBlank())
            .or(Moto::fromEndpointFile);
    String endpoint =
        configured.orElseThrow(
            () ->
                new AssertionError(
                    "no AWS emulator for this integration test: run scripts/test.sh, or start one"
                        + " with scripts/moto-server.sh start (after"
                        + " scripts/install-test-tools.sh) and run Maven again"));
    URI uri = URI.create(endpoint.trim());
    if (!answers(uri)) {
      throw new AssertionError(
          "the AWS emulator at "
              + uri
              + " does not answer: start it again with scripts/moto-server.sh start");
    }
    return uri;
  }

  /** Clients for the emulator with fake credentials, the interceptors run on every call. */
  public static AwsClients clients(ExecutionInterceptor... interceptors) {
    return new AwsClients(settings(interceptors));
  }

  public static AwsSettings settings(ExecutionInterceptor... interceptors) {
    return AwsSettings.defaults()
        .withRegion(REGION)
        .withEndpoint(endpoint())
        .withCredentials(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .withInterceptors(List.of(interceptors));
  }

  /** Forgets every resource of every service, so each test class starts from an empty account. */
  public static void reset() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.getOutputStream().close();
      if (connection.getResponseCode() != 200) {
        throw new AssertionError("moto reset answered " + connection.getResponseCode());
      }
    } catch (IOException e) {
      throw new AssertionError("moto reset failed: " + e.getMessage(), e);
    }
  }

  private static Optional<String> fromEndpointFile() {
    String root = System.getProperty("esteira.repository.root");
    Path base = root == null ? Path.of("..") : Path.of(root);
    Path file = base.resolve("target/moto/endpoint");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean answers(URI endpoint) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(5000);
      return connection.getResponseCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
