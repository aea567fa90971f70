package io.esteira.local;

import static org.assertj.core.api.Assertions.fail;

import io.esteira.core.registry.MlflowTestServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * S3 on the moto_server the integration tests run against, reached with the real AWS CLI, for
 * cloud-shaped runs ({@code esteira run --store s3://...}). moto_server is found as the deployer's
 * tests find it: {@code ESTEIRA_AWS_TEST_ENDPOINT} (scripts/test.sh sets it), the system property
 * {@code esteira.aws.test.endpoint}, or the endpoint file scripts/moto-server.sh leaves under
 * {@code target/moto/}. The CLI is {@code ESTEIRA_AWS_CLI} (scripts/test.sh sets it), the system
 * property {@code esteira.aws.cli}, or the one scripts/install-test-tools.sh installs into {@code
 * .tools/awscli-venv/}. Either missing fails the test, saying how to get it: a skipped IT would let
 * CI pass without a cloud-shaped run.
 */
public final class MotoS3 {

  /** The region the tests give; moto_server accepts any. */
  public static final String REGION = "us-east-1";

  private final URI endpoint;
  private final Path aws;

  private MotoS3(URI endpoint, Path aws) {
    this.endpoint = endpoint;
    this.aws = aws;
  }

  /** The running emulator and the AWS CLI, or an assertion failure saying how to get them. */
  public static MotoS3 find() {
    Path root = MlflowTestServer.repositoryRoot();
    String configured =
        Optional.ofNullable(System.getenv("ESTEIRA_AWS_TEST_ENDPOINT"))
            .or(() -> Optional.ofNullable(System.getProperty("esteira.aws.test.endpoint")))
            .filter(s -> !s.isBlank())
            .or(() -> read(root.resolve("target/moto/endpoint")))
            .orElse(null);
    if (configured == null) {
      fail(
          "no AWS emulator for this integration test: run scripts/test.sh, or start one with"
              + " scripts/moto-server.sh start (after scripts/install-test-tools.sh)");
    }
    URI uri = URI.create(configured.trim());
    try {
      HttpURLConnection connection =
          (HttpURLConnection) uri.resolve("/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.getResponseCode();
    } catch (IOException e) {
      fail("the AWS emulator at " + uri + " does not answer: scripts/moto-server.sh start", e);
    }
    Path cli =
        Optional.ofNullable(System.getenv("ESTEIRA_AWS_CLI"))
            .or(() -> Optional.ofNullable(System.getProperty("esteira.aws.cli")))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(root.resolve(".tools/awscli-venv/bin/aws"));
    if (!Files.isExecutable(cli)) {
      fail("no AWS CLI at " + cli + ": run scripts/install-test-tools.sh");
    }
    return new MotoS3(uri, cli.toAbsolutePath());
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * The variables a cloud-shaped run gets: the emulator's endpoint for the AWS SDK and the AWS CLI
   * alike ({@code AWS_ENDPOINT_URL}), dummy credentials, a region, and {@code PATH} with the AWS
   * CLI's directory first, over {@code base}.
   */
  public Map<String, String> environment(Map<String, String> base) {
    Map<String, String> env = new HashMap<>(base);
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", REGION);
    env.put("AWS_DEFAULT_REGION", REGION);
    String path = base.getOrDefault("PATH", "");
    env.put("PATH", aws.getParent() + (path.isEmpty() ? "" : ":" + path));
    return env;
  }

  /** The same variables without a {@code PATH} of their own: for a process that keeps its own. */
  public Map<String, String> awsVariables() {
    Map<String, String> env = environment(Map.of());
    env.remove("PATH");
    return env;
  }

  /** Makes a bucket no earlier test run used (the emulator outlives test runs). */
  public String createBucket(String base) {
    String bucket = base + "-" + UUID.randomUUID().toString().substring(0, 8);
    aws("s3api", "create-bucket", "--bucket", bucket);
    return bucket;
  }

  /** Every key in the bucket, sorted. */
  public List<String> keys(String bucket) {
    String text =
        aws(
            "s3api",
            "list-objects-v2",
            "--bucket",
            bucket,
            "--query",
            "Contents[].Key",
            "--output",
            "text");
    return Arrays.stream(text.strip().split("\\s+"))
        .filter(k -> !k.isEmpty() && !k.equals("None"))
        .sorted()
        .toList();
  }

  /** The object's bytes, downloaded into {@code target}. */
  public Path download(String bucket, String key, Path target) {
    aws("s3", "cp", "--only-show-errors", "s3://" + bucket + "/" + key, target.toString());
    return target;
  }

  /** Runs the AWS CLI against the emulator; its stdout, or a failure with its output. */
  public String aws(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(aws.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(awsVariables());
    builder.redirectErrorStream(true);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        fail("aws " + String.join(" ", args) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
