package io.esteira.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.image.RegistryAccess.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The registry's login, written where buildah ({@code --authfile}) or docker ({@code
 * DOCKER_CONFIG}) reads it, so the password is never on a command line that {@code ps} shows nor in
 * the user's own {@code ~/.docker/config.json}. The file is the format both read ({@code
 * {"auths":{"<registry>":{"auth":"<base64 user:password>"}}}}), readable by this user only, in a
 * directory of its own that {@link #close} deletes.
 */
final class RegistryLoginFile implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Path file;

  private RegistryLoginFile(Path directory, Path file) {
    this.directory = directory;
    this.file = file;
  }

  /** Writes the login of {@code credentials} to {@code registry} ({@code host[:port]}). */
  static RegistryLoginFile write(String registry, Credentials credentials) throws IOException {
    return write(registry, credentials, JSON.createObjectNode());
  }

  /**
   * A Docker configuration directory that is the user's ({@code userConfig}, the directory {@code
   * DOCKER_CONFIG} or {@code ~/.docker} names) with this login added: its {@code config.json} keeps
   * the user's settings (the current context, proxies) and its {@code contexts} and {@code
   * cli-plugins} are the user's, linked, so docker reaches the same daemon with the same plugins.
   * Docker asks a credential store ({@code credsStore}) for every registry's login and would ignore
   * this one, so the copy has none: other private registries' logins kept only there are not used
   * in this build.
   */
  static RegistryLoginFile writeDockerConfig(
      String registry, Credentials credentials, Path userConfig) throws IOException {
    ObjectNode config = JSON.createObjectNode();
    Path userFile = userConfig.resolve("config.json");
    if (Files.isRegularFile(userFile)
        && JSON.readTree(userFile.toFile()) instanceof ObjectNode user) {
      config = user;
    }
    config.remove("credsStore");
    if (config.get("credHelpers") instanceof ObjectNode helpers) {
      helpers.remove(registry);
    }
    RegistryLoginFile login = write(registry, credentials, config);
    for (String linked : new String[] {"contexts", "cli-plugins"}) {
      if (Files.isDirectory(userConfig.resolve(linked))) {
        Files.createSymbolicLink(
            login.directory.resolve(linked), userConfig.resolve(linked).toAbsolutePath());
      }
    }
    return login;
  }

  private static RegistryLoginFile write(
      String registry, Credentials credentials, ObjectNode config) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path directory =
        posix
            ? Files.createTempDirectory("esteira-login", ownerOnly("rwx------"))
            : Files.createTempDirectory("esteira-login");
    Path file = directory.resolve("config.json");
    ObjectNode auths =
        config.get("auths") instanceof ObjectNode existing ? existing : config.putObject("auths");
    auths
        .putObject(registry)
        .put(
            "auth",
            Base64.getEncoder()
                .encodeToString(
                    (credentials.username() + ":" + credentials.password())
                        .getBytes(StandardCharsets.UTF_8)));
    if (posix) {
      Files.createFile(file, ownerOnly("rw-------"));
    }
    Files.write(file, JSON.writeValueAsBytes(config));
    return new RegistryLoginFile(directory, file);
  }

  /** The file, for buildah's {@code --authfile}. */
  Path file() {
    return file;
  }

  /** The directory holding it as {@code config.json}, for docker's {@code DOCKER_CONFIG}. */
  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the registry login file " + file, e);
    }
  }

  private static FileAttribute<?> ownerOnly(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}
