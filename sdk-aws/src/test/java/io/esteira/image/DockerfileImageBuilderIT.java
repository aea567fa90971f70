package io.esteira.image;

import static io.esteira.image.BuildahBuilds.builder;
import static io.esteira.image.BuildahBuilds.manifestStatus;
import static io.esteira.image.BuildahBuilds.millisSince;
import static io.esteira.image.BuildahBuilds.storage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dockerfiles built with the real buildah ({@link BuildahBuilds}: a storage of their own per build,
 * a busybox base made locally), pushed to a real registry (Debian's docker-registry, see {@link
 * TestRegistry}) and read back as a third party would, with skopeo and tar: what the image holds,
 * and that the same inputs give the same digest.
 */
class DockerfileImageBuilderIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");

  private static String registry;
  private static String base;

  @TempDir Path directory;

  @BeforeAll
  static void baseImage() throws Exception {
    registry = TestRegistry.address();
    base = BuildahBuilds.base();
  }

  private ImageRequest request(Path project, String repository, List<String> tags, boolean push) {
    return request(project, repository, tags, push, TestRegistry.access());
  }

  private ImageRequest request(
      Path project, String repository, List<String> tags, boolean push, RegistryAccess access) {
    return BuildahBuilds.request(
        project, repository, tags, push, access, directory.resolve("work"));
  }

  private Path project(String name) throws Exception {
    return BuildahBuilds.project(directory, name);
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
