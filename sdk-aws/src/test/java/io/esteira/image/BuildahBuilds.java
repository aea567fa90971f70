package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.image.DockerfileImageBuilder.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the buildah integration tests share: a buildah storage of their own per build, under {@code
 * target/buildah-it} on the vfs driver, and the base image their Dockerfiles start FROM. Nothing
 * comes from the internet: the base is made of the machine's static busybox ({@code FROM scratch},
 * busybox copied in, its applets installed) and pushed to the test registry, once per test run.
 *
 * <p>As a user other than root, buildah owns its storage's files through a user namespace, and
 * {@code mvn clean} cannot remove them: {@code buildah unshare rm -rf target/buildah-it} can.
 */
public final class BuildahBuilds {

  static final Path STORAGE = Path.of("target/buildah-it").toAbsolutePath();
  private static final Path BUSYBOX = Path.of("/bin/busybox");

  private static String base;

  private BuildahBuilds() {}

  /** {@code <test registry>/esteira-test/busybox:1}, built and pushed on first use. */
  public static synchronized String base() throws Exception {
    if (base != null) {
      return base;
    }
    String registry = TestRegistry.address();
    assertThat(BUSYBOX)
        .as("the base image is made of busybox-static: scripts/install-test-tools.sh installs it")
        .isExecutable();
    removeEarlierRuns();
    Files.createDirectories(STORAGE);
    Path context = Files.createTempDirectory(STORAGE, "busybox-context");
    Files.copy(BUSYBOX, context.resolve("busybox"));
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        """);
    BuiltImage image =
        builder(storage())
            .build(
                new ImageRequest(
                    "busybox",
                    context,
                    "esteira-test/busybox",
                    List.of("1"),
                    Optional.empty(),
                    TestRegistry.access(),
                    true,
                    context.resolve("work")));
    String reference = registry + "/esteira-test/busybox:1";
    assertThat(TestRegistry.inspect(reference).get("Digest").asText()).isEqualTo(image.digest());
    base = reference;
    return base;
  }

  /** A new buildah storage (root and run root) under target/. */
  public static Path storage() throws IOException {
    Files.createDirectories(STORAGE);
    return Files.createTempDirectory(STORAGE, "storage");
  }

  static DockerfileImageBuilder builder(Path storage) {
    return builder(storage, line -> {});
  }

  static DockerfileImageBuilder builder(Path storage, Consumer<String> output) {
    return new DockerfileImageBuilder(
        Settings.defaults().withStorage(storage.resolve("root"), storage.resolve("run"), "vfs"),
        output);
  }

  /** A request for {@code project} in the test registry (or {@code access}'s). */
  static ImageRequest request(
      Path project,
      String repository,
      List<String> tags,
      boolean push,
      RegistryAccess access,
      Path work) {
    return new ImageRequest(
        project.getFileName().toString(),
        project,
        repository,
        tags,
        Optional.empty(),
        access,
        push,
        work);
  }

  /**
   * A project under {@code directory} on the busybox base, with each kind of instruction a
   * pipeline's image uses.
   */
  static Path project(Path directory, String name) throws Exception {
    Path project = Files.createDirectories(directory.resolve(name));
    Files.writeString(project.resolve("config.yaml"), "name: " + name + "\n");
    Files.writeString(project.resolve("requirements.txt"), "# none\n");
    Files.createDirectories(project.resolve("steps"));
    Files.writeString(project.resolve("steps/extract.sh"), "echo extracting\n");
    Files.writeString(
        project.resolve("Dockerfile"),
        """
        FROM %s
        ENV APP_HOME=/app GREETING=hello
        WORKDIR /app
        COPY requirements.txt .
        RUN mkdir -p /app/data && echo built > /app/data/marker && chown -R 10001 /app/data
        COPY steps/ steps/
        USER 10001
        CMD ["sh", "-c", "echo $GREETING"]
        """
            .formatted(base()));
    return project;
  }

  static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Removes the storages of earlier runs, but for files of buildah's user namespace. */
  private static void removeEarlierRuns() {
    if (!Files.isDirectory(STORAGE)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(STORAGE)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Left for buildah unshare rm -rf.
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // A directory this user cannot read: the same.
    }
  }

  /** The HTTP status of a HEAD of {@code reference}'s manifest in the (plain HTTP) registry. */
  static int manifestStatus(String reference) throws IOException {
    int slash = reference.indexOf('/');
    int colon = reference.lastIndexOf(':');
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection)
            java.net
                .URI
                .create(
                    "http://"
                        + reference.substring(0, slash)
                        + "/v2/"
                        + reference.substring(slash + 1, colon)
                        + "/manifests/"
                        + reference.substring(colon + 1))
                .toURL()
                .openConnection();
    c.setRequestMethod("HEAD");
    c.setRequestProperty("Accept", "application/vnd.oci.image.manifest.v1+json");
    return c.getResponseCode();
  }
}
