package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.image.DockerfileImageBuilder.Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dockerfiles built with the real buildah, pushed to a real registry (Debian's docker-registry, see
 * {@link TestRegistry}) and read back with skopeo and tar. Nothing comes from the internet: the
 * base image is made first of the machine's static busybox ({@code FROM scratch}, busybox copied
 * in, its applets installed), and pushed to the test registry. Each build uses a buildah storage of
 * its own under {@code target/buildah-it}, on the vfs driver. As a user other than root, buildah
 * owns its storage's files through a user namespace; remove them with {@code buildah unshare rm -rf
 * target/buildah-it}.
 */
class DockerfileImageBuilderIT {

  private static final Path STORAGE = Path.of("target/buildah-it").toAbsolutePath();
  private static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");

  private static String registry;
  private static String base;

  @TempDir Path directory;

  @BeforeAll
  static void buildTheBaseImage() throws Exception {
    registry = TestRegistry.address();
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
    base = registry + "/esteira-test/busybox:1";
    assertThat(TestRegistry.inspect(base).get("Digest").asText()).isEqualTo(image.digest());
  }

  /**
   * Removes the storages of earlier runs; as a user other than root some of their files belong to
   * buildah's user namespace and stay (see the class's comment).
   */
  private static void removeEarlierRuns() {
    if (!Files.isDirectory(STORAGE)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(STORAGE)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Left for buildah unshare rm -rf.
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // A directory this user cannot read: the same.
    }
  }

  /** A buildah storage of its own, on vfs, under target/. */
  private static Path storage() throws IOException {
    return Files.createTempDirectory(STORAGE, "storage");
  }

  private static DockerfileImageBuilder builder(Path storage) {
    return builder(storage, line -> {});
  }

  private static DockerfileImageBuilder builder(
      Path storage, java.util.function.Consumer<String> output) {
    return new DockerfileImageBuilder(
        Settings.defaults().withStorage(storage.resolve("root"), storage.resolve("run"), "vfs"),
        output);
  }

  private ImageRequest request(Path project, String repository, List<String> tags, boolean push) {
    return request(project, repository, tags, push, TestRegistry.access());
  }

  private ImageRequest request(
      Path project, String repository, List<String> tags, boolean push, RegistryAccess access) {
    return new ImageRequest(
        project.getFileName().toString(),
        project,
        repository,
        tags,
        Optional.empty(),
        access,
        push,
        directory.resolve("work"));
  }

  /** A project on the busybox base with each kind of instruction a pipeline's image uses. */
  private Path project(String name) throws IOException {
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
            .formatted(base));
    return project;
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void pushesEveryTagAndTheRegistryServesTheImageTheDockerfileDescribes() throws Exception {
    Path project = project("demo");
    List<String> tags = List.of("demo-1.0.0", "demo-git-0123456789ab");

    long start = System.nanoTime();
    BuiltImage image = builder(storage()).build(request(project, "esteira-test/demo", tags, true));
    System.out.printf(
        "[DockerfileImageBuilderIT] cold build and push of demo: %d ms%n", millisSince(start));

    assertThat(image.name()).isEqualTo(registry + "/esteira-test/demo");
    assertThat(image.tags()).isEqualTo(tags);
    assertThat(image.builder()).isEqualTo("buildah");
    assertThat(image.pushed()).isTrue();
    for (String tag : tags) {
      JsonNode inspected = TestRegistry.inspect(image.name() + ":" + tag);
      assertThat(inspected.get("Digest").asText()).as(tag).isEqualTo(image.digest());
    }
    assertThat(TestRegistry.inspect(image.pinned()).get("RepoTags"))
        .extracting(JsonNode::asText)
        .contains(tags.toArray(String[]::new));
    String manifest = TestRegistry.rawManifest(image.pinned());
    assertThat("sha256:" + sha256(manifest)).isEqualTo(image.digest());

    JsonNode config = TestRegistry.config(image.pinned()).get("config");
    assertThat(config.get("Env"))
        .extracting(JsonNode::asText)
        .contains("APP_HOME=/app", "GREETING=hello");
    assertThat(config.get("Cmd"))
        .extracting(JsonNode::asText)
        .containsExactly("sh", "-c", "echo $GREETING");
    assertThat(config.get("User").asText()).isEqualTo("10001");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.has("Labels") && config.get("Labels").has("io.buildah.version")).isFalse();

    // The base's layers, then one per instruction that writes files: COPY, RUN, COPY.
    int baseLayers = TestRegistry.inspect(base).get("Layers").size();
    OciLayers layers = OciLayers.of(image.pinned(), directory.resolve("layout"));
    assertThat(layers.count()).isEqualTo(baseLayers + 3);
    assertThat(layers.content(baseLayers + 1, "app/data/marker")).isEqualTo("built\n");
    assertThat(layers.entries(baseLayers + 1))
        .filteredOn(e -> e.path().startsWith("app/data"))
        .allSatisfy(e -> assertThat(e.owner()).startsWith("10001/"))
        .isNotEmpty();
    assertThat(layers.content(baseLayers + 2, "app/steps/extract.sh"))
        .isEqualTo("echo extracting\n");
    // --timestamp 0: every file of the project's layers has the epoch as its time.
    for (int i = baseLayers; i < layers.count(); i++) {
      assertThat(layers.entries(i))
          .as("layer " + i)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.time()).startsWith("1970-01-01 00:00:00"));
    }
  }

  @Test
  void theSameContextBuildsToTheSameDigestInAFreshStorageAndWithAWarmCache() throws Exception {
    Path project = project("again");
    DockerfileImageBuilder first = builder(storage());

    long start = System.nanoTime();
    BuiltImage cold = first.build(request(project, "esteira-test/again", List.of("a"), true));
    long coldMillis = millisSince(start);
    // A checkout made later: every file of the context has another time.
    try (Stream<Path> files = Files.walk(project)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
      }
    }
    start = System.nanoTime();
    BuiltImage warm = first.build(request(project, "esteira-test/again", List.of("b"), true));
    long warmMillis = millisSince(start);
    start = System.nanoTime();
    BuiltImage fresh =
        builder(storage()).build(request(project, "esteira-test/again", List.of("c"), true));
    long freshMillis = millisSince(start);
    System.out.printf(
        "[DockerfileImageBuilderIT] build and push, cold: %d ms, warm cache: %d ms, fresh storage: %d ms%n",
        coldMillis, warmMillis, freshMillis);

    assertThat(warm.digest()).isEqualTo(cold.digest());
    assertThat(fresh.digest()).isEqualTo(cold.digest());
    assertThat(TestRegistry.inspect(registry + "/esteira-test/again:c").get("Digest").asText())
        .isEqualTo(cold.digest());

    // And a change to a step is a change of digest, in the last layer only.
    Files.writeString(project.resolve("steps/extract.sh"), "echo extracting more\n");
    BuiltImage changed = first.build(request(project, "esteira-test/again", List.of("d"), true));
    assertThat(changed.digest()).isNotEqualTo(cold.digest());
    List<String> before = OciLayers.of(cold.pinned(), directory.resolve("before")).digests();
    List<String> after = OciLayers.of(changed.pinned(), directory.resolve("after")).digests();
    assertThat(after.subList(0, after.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
    assertThat(after.get(after.size() - 1)).isNotEqualTo(before.get(before.size() - 1));
  }

  @Test
  void anUnpushedImageHasTheDigestItsPushGets() throws Exception {
    Path project = project("local");
    DockerfileImageBuilder builder = builder(storage());

    long start = System.nanoTime();
    BuiltImage local =
        builder.build(request(project, "esteira-test/local", List.of("only-local"), false));
    System.out.printf("[DockerfileImageBuilderIT] build without push: %d ms%n", millisSince(start));

    assertThat(local.pushed()).isFalse();
    assertThat(manifestStatus(registry + "/esteira-test/local:only-local")).isEqualTo(404);
    assertThat(directory.resolve("work")).isEmptyDirectory();

    BuiltImage pushed =
        builder.build(request(project, "esteira-test/local", List.of("pushed"), true));
    assertThat(pushed.digest()).isEqualTo(local.digest());
    assertThat(TestRegistry.inspect(pushed.pinned()).get("Digest").asText())
        .isEqualTo(local.digest());
  }

  /**
   * The limit {@link DockerfileImageBuilder} documents: a registry that holds the base's layers
   * compressed by another tool keeps those, so only the pushed digest is the registry's.
   */
  @Test
  void aPushThatReusesTheRegistrysCopyOfTheBaseGivesTheRegistrysDigest() throws Exception {
    String rezipped = registry + "/esteira-test/busybox-rezipped:1";
    recompress(base, rezipped);
    Path project = project("reuse");
    Files.writeString(
        project.resolve("Dockerfile"),
        Files.readString(project.resolve("Dockerfile")).replace(base, rezipped));
    DockerfileImageBuilder builder = builder(storage());

    BuiltImage local = builder.build(request(project, "esteira-test/reuse", List.of("x"), false));
    BuiltImage pushed = builder.build(request(project, "esteira-test/reuse", List.of("x"), true));

    JsonNode registryImage = TestRegistry.inspect(registry + "/esteira-test/reuse:x");
    assertThat(pushed.digest()).isEqualTo(registryImage.get("Digest").asText());
    assertThat(registryImage.get("Layers").get(0).asText())
        .isEqualTo(TestRegistry.inspect(rezipped).get("Layers").get(0).asText());
    assertThat(local.digest())
        .as("the unpushed digest, all layers compressed by buildah")
        .isNotEqualTo(pushed.digest());
  }

  @Test
  void theYamlOnlyExamplesDockerfileBuildsOnTheTestBaseWithoutItsRunSteps() throws Exception {
    // Its RUN steps need python's pip and useradd, which busybox has neither of: they are
    // dropped, and every other instruction is built as written.
    Path project = directory.resolve("recsys");
    copyTree(ORIGIN, project);
    List<String> lines = Files.readAllLines(project.resolve("Dockerfile"));
    assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.startsWith("RUN ")).hasSize(2);
    Files.write(
        project.resolve("Dockerfile"),
        lines.stream()
            .filter(l -> !l.startsWith("RUN "))
            .map(l -> l.startsWith("FROM ") ? "FROM " + base : l)
            .toList());
    // What .dockerignore keeps out of the image. Its patterns hold at the context's root, as
    // Docker's do: steps/__pycache__ would need **/__pycache__.
    Files.createDirectories(project.resolve("data"));
    Files.writeString(project.resolve("data/scores.csv"), "user,score\n");
    Files.createDirectories(project.resolve("__pycache__"));
    Files.writeString(project.resolve("__pycache__/cached.cpython-311.pyc"), "x");
    Files.writeString(project.resolve("compiled.pyc"), "x");
    BuiltImage image =
        builder(storage())
            .build(request(project, "esteira-test/recsys", List.of("recsys-test"), true));

    JsonNode config = TestRegistry.config(image.pinned()).get("config");
    assertThat(config.get("Env"))
        .extracting(JsonNode::asText)
        .contains("PYTHONUNBUFFERED=1", "PIP_NO_CACHE_DIR=1", "RECSYS_DATA_DIR=/tmp/recsys");
    assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.get("User").asText()).isEqualTo("recsys");
    assertThat(config.get("Cmd").get(2).asText()).contains("python steps/extract_features.py");
    OciLayers layers = OciLayers.of(image.pinned(), directory.resolve("layout"));
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < layers.count(); i++) {
      layers.entries(i).forEach(e -> paths.add(e.path()));
    }
    assertThat(paths)
        .contains("app/requirements.txt", "app/steps/extract_features.py", "app/config.yaml")
        .noneMatch(
            p -> p.startsWith("app/data") || p.startsWith("app/__pycache__") || p.endsWith(".pyc"));
  }

  @Test
  void aFailingRunIsReportedAtItsLineWithItsOutput() throws Exception {
    Path project = project("failing");
    Files.writeString(
        project.resolve("Dockerfile"),
        """
        FROM %s
        RUN echo first
        # the next step fails
        RUN echo about to fail && \\
            exit 3
        RUN echo never
        """
            .formatted(base));

    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(request(project, "esteira-test/failing", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BUILD-FAILED");
              assertThat(e.diagnostic().position().orElseThrow().line()).isEqualTo(4);
              assertThat(e.diagnostic().text())
                  .contains(
                      "STEP 3/4: RUN echo about to fail", "exit status 3", "    about to fail")
                  .doesNotContain("never");
              assertThat(e.getCause()).isNull();
            });
    assertThat(manifestStatus(registry + "/esteira-test/failing:x")).isEqualTo(404);
  }

  @Test
  void aProjectWithoutDockerfileIsReportedBeforeAnyBuild() throws Exception {
    Path project = project("nodockerfile");
    Files.delete(project.resolve("Dockerfile"));

    assertThatThrownBy(
            () ->
                builder(storage()).build(request(project, "esteira-test/none", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-NO-DOCKERFILE"));
  }

  @Test
  void aBaseImageTheRegistryDoesNotHaveIsReportedAtItsFrom() throws Exception {
    Path project = project("nobase");
    Files.writeString(
        project.resolve("Dockerfile"),
        "# no such image\nFROM " + registry + "/esteira-test/no-such-base:1\nCOPY . /app\n");

    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(request(project, "esteira-test/nobase", List.of("x"), true)))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BASE-UNAVAILABLE");
              assertThat(e.diagnostic().position().orElseThrow().line()).isEqualTo(2);
              assertThat(e.diagnostic().text())
                  .contains(registry + "/esteira-test/no-such-base:1", "manifest unknown");
            });
  }

  @Test
  void anUnreachableRegistryIsReportedAsSuch() throws Exception {
    Path project = project("unreachable");
    String closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = "127.0.0.1:" + socket.getLocalPort();
    }

    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                builder(storage())
                    .build(
                        request(
                            project,
                            "esteira-test/unreachable",
                            List.of("x"),
                            true,
                            new RegistryAccess(closed, Optional.empty(), true))))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-UNREACHABLE");
              assertThat(e.diagnostic().text())
                  .contains(closed + "/esteira-test/unreachable:x", "connection refused");
            });
    System.out.printf(
        "[DockerfileImageBuilderIT] unreachable registry reported after %d ms%n",
        millisSince(start));
  }

  @Test
  void aLoginPullsTheBaseFromItsRegistryAndPushesAndAWrongOneIsRefused() throws Exception {
    try (LoginRegistry login =
        LoginRegistry.start(STORAGE.resolve("login-registry-" + System.nanoTime()))) {
      RegistryAccess right = login.access(LoginRegistry.PASSWORD);
      RegistryAccess wrong = login.access("not-the-password");
      // The base, pushed to the registry that asks for a login; the project pulls it from there.
      Path baseProject = Files.createDirectories(directory.resolve("private-base"));
      Files.writeString(baseProject.resolve("Dockerfile"), "FROM " + base + "\nENV PRIVATE=1\n");
      DockerfileImageBuilder builder = builder(storage());
      builder.build(request(baseProject, "esteira-test/private-base", List.of("1"), true, right));
      Path project = project("private");
      Files.writeString(
          project.resolve("Dockerfile"),
          "FROM " + login.address() + "/esteira-test/private-base:1\nCOPY steps/ /app/steps/\n");

      BuiltImage image =
          builder(storage())
              .build(request(project, "esteira-test/private", List.of("x"), true, right));
      assertThat(image.pushed()).isTrue();
      assertThat(
              TestRegistry.skopeo(
                  "inspect",
                  "--tls-verify=false",
                  "--creds",
                  LoginRegistry.USER + ":" + LoginRegistry.PASSWORD,
                  "docker://" + image.pinned()))
          .contains(image.digest());

      // The same image pushed with a wrong password: the registry refuses it.
      Path other = project("refused");
      assertThatThrownBy(
              () ->
                  builder(storage())
                      .build(request(other, "esteira-test/refused", List.of("x"), true, wrong)))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> {
                assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-REFUSED");
                assertThat(e.diagnostic().text())
                    .contains(login.address(), "unauthorized")
                    .doesNotContain("not-the-password");
              });
      // And a base in that registry cannot be pulled with the wrong password either.
      assertThatThrownBy(
              () ->
                  builder(storage())
                      .build(request(project, "esteira-test/private", List.of("y"), true, wrong)))
          .isInstanceOfSatisfying(
              ImageException.class,
              e -> assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-BASE-UNAVAILABLE"));
    }
    // No login file is left behind.
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(tmp.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("esteira-login"));
    }
  }

  @Test
  void anInterruptStopsTheBuildAndItsStep() throws Exception {
    Path project = project("slow");
    Files.writeString(project.resolve("Dockerfile"), "FROM " + base + "\nRUN sleep 3607\n");
    List<String> output = new CopyOnWriteArrayList<>();
    DockerfileImageBuilder builder = builder(storage(), output::add);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread build =
        new Thread(
            () -> {
              try {
                builder.build(request(project, "esteira-test/slow", List.of("x"), true));
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    build.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (output.stream().noneMatch(l -> l.contains("RUN sleep 3607"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    assertThat(sleeps()).as("the step runs").isNotEmpty();

    long start = System.nanoTime();
    build.interrupt();
    build.join(TimeUnit.SECONDS.toMillis(30));
    System.out.printf(
        "[DockerfileImageBuilderIT] interrupted build stopped in %d ms%n", millisSince(start));

    assertThat(build.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(sleeps()).isEmpty();
  }

  private static List<ProcessHandle> sleeps() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("sleep 3607"))
        .toList();
  }

  private static int manifestStatus(String reference) throws IOException {
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

  /**
   * Copies {@code source} to {@code target} with its layers compressed again by the JDK's zlib, as
   * an image another tool pushed: the same files, other layer digests.
   */
  private void recompress(String source, String target) throws Exception {
    Path dir = directory.resolve("rezip");
    TestRegistry.skopeo("copy", "--src-tls-verify=false", "docker://" + source, "dir:" + dir);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(dir.resolve("manifest.json").toFile());
    for (JsonNode layer : manifest.get("layers")) {
      Path blob = dir.resolve(layer.get("digest").asText().substring("sha256:".length()));
      byte[] tar;
      try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(blob))) {
        tar = in.readAllBytes();
      }
      var out = new java.io.ByteArrayOutputStream();
      try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
        gzip.write(tar);
      }
      byte[] rezipped = out.toByteArray();
      String hex = sha256(rezipped);
      Files.write(dir.resolve(hex), rezipped);
      Files.delete(blob);
      ((com.fasterxml.jackson.databind.node.ObjectNode) layer)
          .put("digest", "sha256:" + hex)
          .put("size", rezipped.length);
    }
    json.writeValue(dir.resolve("manifest.json").toFile(), manifest);
    TestRegistry.skopeo("copy", "--dest-tls-verify=false", "dir:" + dir, "docker://" + target);
    assertThat(TestRegistry.inspect(target).get("Layers").get(0).asText())
        .isNotEqualTo(TestRegistry.inspect(source).get("Layers").get(0).asText());
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path to = target.resolve(source.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(to);
        } else {
          Files.copy(path, to);
        }
      }
    }
  }

  private static String sha256(String text) throws Exception {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
