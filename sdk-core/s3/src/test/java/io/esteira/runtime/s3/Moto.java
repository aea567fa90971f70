package io.esteira.runtime.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The moto_server the integration tests run against, found as the deployer's tests find it: {@code
 * ESTEIRA_AWS_TEST_ENDPOINT} (scripts/test.sh sets it), the system property {@code
 * esteira.aws.test.endpoint}, or the endpoint file scripts/moto-server.sh leaves under {@code
 * target/moto/}. None fails the test, saying how to start one.
 */
final class Moto {

  private Moto() {}

  static URI endpoint() {
    String endpoint =
        Optional.ofNullable(System.getenv("ESTEIRA_AWS_TEST_ENDPOINT"))
            .or(() -> Optional.ofNullable(System.getProperty("esteira.aws.test.endpoint")))
            .filter(s -> !s.isBlank())
            .or(Moto::fromEndpointFile)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no AWS emulator for this integration test: run scripts/test.sh, or start"
                            + " one with scripts/moto-server.sh start (after"
                            + " scripts/install-test-tools.sh) and run Maven again"));
    URI uri = URI.create(endpoint.trim());
    try {
      HttpURLConnection connection =
          (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.getResponseCode();
    } catch (IOException e) {
      throw new AssertionError(
          "the AWS emulator at " + uri + " does not answer: scripts/moto-server.sh start", e);
    }
    return uri;
  }

  private static Optional<String> fromEndpointFile() {
    String root = System.getProperty("esteira.repository.root");
    Path file = (root == null ? Path.of("../..") : Path.of(root)).resolve("target/moto/endpoint");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
