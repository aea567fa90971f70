package io.esteira.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real OCI registry the image tests push to (Debian's docker-registry, plain HTTP on loopback),
 * and skopeo to read images back from it as a third-party client would. Found through {@code
 * ESTEIRA_REGISTRY_TEST_ADDRESS} (scripts/test.sh sets it) or the address file scripts/registry.sh
 * leaves under {@code target/registry/}. A test that finds none fails and says how to start one.
 */
public final class TestRegistry {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestRegistry() {}

  /** {@code host:port} of the running registry, or an assertion failure naming the script. */
  public static String address() {
    String address =
        Optional.ofNullable(System.getenv("ESTEIRA_REGISTRY_TEST_ADDRESS"))
            .filter(s -> !s.isBlank())
            .or(TestRegistry::fromAddressFile)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no OCI registry for this image test: run scripts/test.sh, or start one"
                            + " with scripts/registry.sh start (after"
                            + " scripts/install-test-tools.sh) and run Maven again"))
            .trim();
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
      c.setConnectTimeout(2000);
      c.setReadTimeout(2000);
      if (c.getResponseCode() != 200) {
        throw new AssertionError("the registry at " + address + " answered " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new AssertionError(
          "the registry at " + address + " does not answer: scripts/registry.sh start", e);
    }
    return address;
  }

  /** How the builders reach the test registry: no login, plain HTTP. */
  public static RegistryAccess access() {
    return new RegistryAccess(address(), Optional.empty(), true);
  }

  /**
   * A second registry, started for one test, that refuses every push (the distribution server's
   * read-only maintenance mode answers 405 to an upload) but answers pulls: a registry that refuses
   * the image, as one without push permission does. Close it to stop it.
   */
  public static ReadOnly startReadOnly(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory.resolve("data"));
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    Path config = directory.resolve("config.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: warn",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + directory.resolve("data"),
            "  maintenance:",
            "    readonly:",
            "      enabled: true",
            "http:",
            "  addr: " + address,
            ""));
    String server =
        Optional.ofNullable(System.getenv("ESTEIRA_DOCKER_REGISTRY")).orElse("docker-registry");
    Process process =
        new ProcessBuilder(server, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("registry.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    ReadOnly registry = new ReadOnly(address, process);
    for (int i = 0; i < 100; i++) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "the read-only registry exited at start: "
                + Files.readString(directory.resolve("registry.log")));
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
        c.setConnectTimeout(200);
        if (c.getResponseCode() == 200) {
          return registry;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    registry.close();
    throw new AssertionError("the read-only registry did not answer at " + address + " in 10 s");
  }

  /** A running read-only registry. */
  public record ReadOnly(String address, Process process) implements AutoCloseable {

    /** How the builders reach it: no login, plain HTTP. */
    public RegistryAccess access() {
      return new RegistryAccess(address, Optional.empty(), true);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** {@code skopeo inspect} of {@code reference} (registry/repository:tag or @digest). */
  public static JsonNode inspect(String reference) {
    return json(skopeo("inspect", "--tls-verify=false", "docker://" + reference));
  }

  /** The image's configuration (entrypoint, command, env, user) as skopeo reads it. */
  public static JsonNode config(String reference) {
    return json(skopeo("inspect", "--config", "--tls-verify=false", "docker://" + reference));
  }

  /** The manifest exactly as the registry serves it. */
  public static String rawManifest(String reference) {
    return skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reference);
  }

  /**
   * Copies the image into an OCI layout directory (manifest, config and layer blobs as files), so a
   * test can unpack its layers without a container runtime.
   */
  public static Path copyToOciLayout(String reference, Path directory) {
    skopeo(
        "copy", "--src-tls-verify=false", "docker://" + reference, "oci:" + directory + ":image");
    return directory;
  }

  /** Runs skopeo and returns its standard output; fails the test with its error output. */
  public static String skopeo(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("skopeo");
    command.addAll(List.of(arguments));
    try {
      Path err = Files.createTempFile("skopeo", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("skopeo did not finish in 2 minutes: " + command);
      }
      String error = Files.readString(err);
      Files.deleteIfExists(err);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "skopeo failed (exit " + process.exitValue() + "): " + command + "\n" + error);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run skopeo (install it with scripts/install-test-tools.sh): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("skopeo printed something that is not JSON: " + text, e);
    }
  }

  private static Optional<String> fromAddressFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("target/registry/address");
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(Files.readString(file));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
