package io.esteira.image;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second registry, the same Debian docker-registry as {@link TestRegistry}'s but asking for a
 * login (htpasswd), as ECR does: started by the test that needs it, on a free loopback port, and
 * stopped after it.
 */
final class LoginRegistry implements AutoCloseable {

  static final String USER = "esteira";
  static final String PASSWORD = "esteira-test-password";

  /** bcrypt (cost 4) of {@link #PASSWORD}, the only hash docker-registry's htpasswd accepts. */
  private static final String PASSWORD_HASH =
      "$2b$04$wJyf01kSopwBr5Neaoh.gurrLUMOVHqMhFIZs0Zhwibr3wnp1OEky";

  private final Process process;
  private final String address;

  private LoginRegistry(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  static LoginRegistry start(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    Files.writeString(directory.resolve("htpasswd"), USER + ":" + PASSWORD_HASH + "\n");
    Path config = directory.resolve("config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: %s
        auth:
          htpasswd:
            realm: esteira-test
            path: %s
        """
            .formatted(directory.resolve("data"), address, directory.resolve("htpasswd")));
    String server =
        Optional.ofNullable(System.getenv("ESTEIRA_DOCKER_REGISTRY"))
            .filter(s -> !s.isBlank())
            .orElse("docker-registry");
    Process process =
        new ProcessBuilder(server, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("registry.log").toFile())
            .start();
    LoginRegistry registry = new LoginRegistry(process, address);
    for (int i = 0; i < 100; i++) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "docker-registry exited at start: "
                + Files.readString(directory.resolve("registry.log")));
      }
      if (registry.answers()) {
        return registry;
      }
      Thread.sleep(100);
    }
    registry.close();
    throw new AssertionError("the registry with a login did not answer at " + address);
  }

  String address() {
    return address;
  }

  RegistryAccess access(String password) {
    return new RegistryAccess(
        address, Optional.of(new RegistryAccess.Credentials(USER, password)), true);
  }

  /** Whether it answers, with 401 to a request without login. */
  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create("http://" + address + "/v2/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(500);
      return c.getResponseCode() == 401;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
