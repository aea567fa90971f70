package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.image.RegistryAccess.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's login as buildah and docker read it, readable by its owner only, then gone. */
class RegistryLoginFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Credentials LOGIN = new Credentials("AWS", "pa:ss\"word");

  @TempDir Path directory;

  private static String auth() {
    return Base64.getEncoder().encodeToString("AWS:pa:ss\"word".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theLoginIsAnAuthsEntryOfItsOwnFileThatCloseDeletes() throws Exception {
    Path file;
    try (RegistryLoginFile login = RegistryLoginFile.write("127.0.0.1:5000", LOGIN)) {
      file = login.file();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(login.directory())))
          .isEqualTo("rwx------");
      JsonNode config = JSON.readTree(file.toFile());
      assertThat(config.at("/auths/127.0.0.1:5000/auth").asText()).isEqualTo(auth());
      assertThat(config.size()).isEqualTo(1);
    }
    assertThat(file).doesNotExist();
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void dockersCopyKeepsTheUsersSettingsAndContextsButNoCredentialStore() throws Exception {
    Path user = Files.createDirectories(directory.resolve("docker"));
    Files.createDirectories(user.resolve("contexts/meta"));
    Files.writeString(
        user.resolve("config.json"),
        """
        {"currentContext": "colima", "credsStore": "desktop",
         "credHelpers": {"127.0.0.1:5000": "ecr-login", "gcr.io": "gcloud"},
         "auths": {"ghcr.io": {"auth": "Z2g6dG9rZW4="}}}
        """);
    Path copy;
    try (RegistryLoginFile login =
        RegistryLoginFile.writeDockerConfig("127.0.0.1:5000", LOGIN, user)) {
      copy = login.directory();
      JsonNode config = JSON.readTree(login.file().toFile());
      assertThat(config.get("currentContext").asText()).isEqualTo("colima");
      assertThat(config.has("credsStore")).isFalse();
      assertThat(config.at("/credHelpers").fieldNames()).toIterable().containsExactly("gcr.io");
      assertThat(config.at("/auths/ghcr.io/auth").asText()).isEqualTo("Z2g6dG9rZW4=");
      assertThat(config.at("/auths/127.0.0.1:5000/auth").asText()).isEqualTo(auth());
      assertThat(copy.resolve("contexts")).isSymbolicLink();
      assertThat(copy.resolve("contexts/meta")).isDirectory();
      assertThat(copy.resolve("cli-plugins")).doesNotExist();
    }
    assertThat(copy).doesNotExist();
    assertThat(user.resolve("contexts/meta")).isDirectory();
    assertThat(Files.readString(user.resolve("config.json"))).contains("desktop");
  }
}
