package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.diagnostics.SourcePosition;
import io.esteira.image.DockerfileImageBuilder.Settings;
import io.esteira.image.RegistryAccess.Credentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the builder decides before any build: the Dockerfile it needs, the program it runs, and,
 * with Docker (whose daemon no test here can play, so a script stands for the client and records
 * what it was given), the tags, the login and the digest.
 */
class DockerfileImageBuilderTest {

  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final String IMAGE_ID =
      "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

  @TempDir Path directory;

  private ImageRequest request(Path project, boolean push, Optional<Credentials> credentials) {
    return new ImageRequest(
        "recsys",
        project,
        "ml-pipelines",
        List.of("recsys-1.2.0", "recsys-git-0123456789ab"),
        Optional.empty(),
        new RegistryAccess("registry.example.com", credentials, false),
        push,
        directory.resolve("work"));
  }

  private Path project(String dockerfile) throws Exception {
    Path project = Files.createDirectories(directory.resolve("recsys"));
    Files.writeString(project.resolve("config.yaml"), "name: recsys\n");
    if (dockerfile != null) {
      Files.writeString(project.resolve("Dockerfile"), dockerfile);
    }
    return project;
  }

  private static Settings tools(String buildah, String docker) {
    return new Settings(buildah, docker, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A docker client that appends its arguments and its login to a log, and answers as Docker. */
  private Path fakeDocker(String build) throws Exception {
    Path log = directory.resolve("docker.log");
    Path script = directory.resolve("bin/docker");
    Files.createDirectories(script.getParent());
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "args: $*" >> %1$s
        if [ -n "$DOCKER_CONFIG" ]; then
          echo "config: $DOCKER_CONFIG $(stat -c %%a "$DOCKER_CONFIG/config.json")" >> %1$s
          cat "$DOCKER_CONFIG/config.json" >> %1$s; echo >> %1$s
        fi
        case "$1" in
          build) %2$s ;;
          push) echo "The push refers to repository [${2%%:*}]"
                echo "${2##*:}: digest: %3$s size: 528" ;;
          image) echo "%4$s" ;;
        esac
        """
            .formatted(log, build, DIGEST, IMAGE_ID));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void aProjectWithoutDockerfileIsReportedAtItsConfig() throws Exception {
    Path project = project(null);
    DockerfileImageBuilder builder = new DockerfileImageBuilder();

    assertThatThrownBy(() -> builder.build(request(project, false, Optional.empty())))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-NO-DOCKERFILE");
              assertThat(e.diagnostic().position())
                  .contains(SourcePosition.file(project.resolve("config.yaml").toString()));
              assertThat(e.diagnostic().text())
                  .contains("recsys", project.resolve("Dockerfile").toString());
            });
  }

  @Test
  void withNeitherBuildahNorDockerTheMessageSaysWhatToInstall() throws Exception {
    Path project = project("FROM scratch\n");
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(
            tools("esteira-test-no-buildah", directory.resolve("no/docker").toString()),
            line -> {});

    assertThatThrownBy(() -> builder.build(request(project, false, Optional.empty())))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-NO-BUILDER");
              assertThat(e.diagnostic().text()).contains("apt-get install buildah", "Docker");
            });
  }

  @Test
  void withoutBuildahDockerBuildsEveryTagAndPushesWithATemporaryLogin() throws Exception {
    Path project = project("FROM scratch\n");
    Path docker = fakeDocker("echo 'Step 1/1 : FROM scratch'");
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(tools("esteira-test-no-buildah", docker.toString()), l -> {});
    Credentials credentials = new Credentials("AWS", "s3cret-token");

    BuiltImage image = builder.build(request(project, true, Optional.of(credentials)));

    assertThat(image)
        .isEqualTo(
            new BuiltImage(
                "registry.example.com/ml-pipelines",
                DIGEST,
                List.of("recsys-1.2.0", "recsys-git-0123456789ab"),
                "docker",
                true));
    List<String> log = Files.readAllLines(directory.resolve("docker.log"));
    assertThat(log.stream().filter(l -> l.startsWith("args: ")))
        .containsExactly(
            "args: build -f "
                + project.resolve("Dockerfile")
                + " --build-arg SOURCE_DATE_EPOCH=0"
                + " -t registry.example.com/ml-pipelines:recsys-1.2.0"
                + " -t registry.example.com/ml-pipelines:recsys-git-0123456789ab "
                + project,
            "args: push registry.example.com/ml-pipelines:recsys-1.2.0",
            "args: push registry.example.com/ml-pipelines:recsys-git-0123456789ab")
        .noneMatch(l -> l.contains("s3cret-token"));
    // The login is in a configuration of its own, readable by the user only, gone afterwards.
    String config = log.stream().filter(l -> l.startsWith("config: ")).findFirst().orElseThrow();
    assertThat(config).endsWith(" 600");
    assertThat(Path.of(config.split(" ")[1])).doesNotExist();
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString("AWS:s3cret-token".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(log).anyMatch(l -> l.contains("\"registry.example.com\":{\"auth\":\"" + auth));
  }

  @Test
  void withoutAPushDockerGivesTheImageIdAndNeedsNoLogin() throws Exception {
    Path project = project("FROM scratch\n");
    Path docker = fakeDocker("true");
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(tools("esteira-test-no-buildah", docker.toString()), l -> {});

    BuiltImage image = builder.build(request(project, false, Optional.empty()));

    assertThat(image.digest()).isEqualTo(IMAGE_ID);
    assertThat(image.pushed()).isFalse();
    assertThat(Files.readAllLines(directory.resolve("docker.log")))
        .noneMatch(l -> l.startsWith("config: "))
        .contains(
            "args: image inspect --format {{.Id}} registry.example.com/ml-pipelines:recsys-1.2.0");
  }

  @Test
  void dockerWithoutItsDaemonSaysToStartItOrInstallBuildah() throws Exception {
    Path project = project("FROM scratch\n");
    // What the Docker client prints when no daemon listens.
    Path docker =
        fakeDocker(
            "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the"
                + " docker daemon running?' >&2; exit 1");
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(tools("esteira-test-no-buildah", docker.toString()), l -> {});

    assertThatThrownBy(() -> builder.build(request(project, true, Optional.empty())))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-DOCKER-UNAVAILABLE");
              assertThat(e.diagnostic().text())
                  .contains("Cannot connect to the Docker daemon", "install buildah");
            });
  }

  @Test
  void aFailingDockerBuildNamesItsStepAndKeepsItsLastLines() throws Exception {
    Path project = project("FROM scratch\nRUN exit 3\n");
    Path docker =
        fakeDocker(
            "echo '#5 [2/2] RUN exit 3'; echo '#5 ERROR: process \"/bin/sh -c exit 3\" did not"
                + " complete successfully: exit code: 3'; exit 1");
    DockerfileImageBuilder builder =
        new DockerfileImageBuilder(tools("esteira-test-no-buildah", docker.toString()), l -> {});

    assertThatThrownBy(() -> builder.build(request(project, true, Optional.empty())))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BUILD-FAILED");
              assertThat(e.diagnostic().text()).contains("at #5 [2/2] RUN exit 3", "exit code: 3");
            });
  }

  @Test
  void programsAreFoundOnThePathOrAtTheirPath() throws Exception {
    Path docker = fakeDocker("true");

    assertThat(DockerfileImageBuilder.program("sh")).get().matches(Files::isExecutable);
    assertThat(DockerfileImageBuilder.program(docker.toString())).contains(docker);
    assertThat(DockerfileImageBuilder.program("esteira-test-no-such-program")).isEmpty();
  }
}
