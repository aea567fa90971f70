package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.asl.AslGenerator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JavaImageBuilder} against a real registry ({@link TestRegistry}), on a base image built
 * for the test ({@link TestBaseImage}), with the smallest built project ({@link TinyJavaProject}):
 * what the registry holds afterwards, read back with skopeo, and how the builder fails when the
 * base cannot be pulled. The examples' {@code *ImageIT} tests build real pipelines and run a step
 * from their images.
 */
class JavaImageBuilderIT {

  private static final String REPOSITORY = "esteira-test/jib-it";

  @TempDir static Path shared;

  private static TestBaseImage base;

  @TempDir Path tmp;

  @BeforeAll
  static void pushBase() throws Exception {
    base = TestBaseImage.push("esteira-test/base", "jib-it", shared.resolve("base"));
  }

  private static ImageRequest request(
      Path dir, Optional<String> baseImage, List<String> tags, boolean push, Path work) {
    return TinyJavaProject.request(
        dir, baseImage, TestRegistry.access(), REPOSITORY, tags, push, work);
  }

  private static List<String> layers(String reference) {
    List<String> layers = new ArrayList<>();
    TestRegistry.inspect(reference).path("Layers").forEach(l -> layers.add(l.asText()));
    return layers;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  @Test
  void pushesTheProjectOnTheBaseUnderEveryTagKeepingWhatTheBaseSets() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    List<String> tags = List.of("tiny-2.3.4", "tiny-git-0123456789ab");

    BuiltImage image =
        new JavaImageBuilder()
            .build(request(dir, Optional.of(base.reference()), tags, true, tmp.resolve("work")));

    String name = TestRegistry.address() + "/" + REPOSITORY;
    assertThat(image.name()).isEqualTo(name);
    assertThat(image.builder()).isEqualTo("jib");
    assertThat(image.pushed()).isTrue();
    assertThat(image.tags()).isEqualTo(tags);
    for (String tag : tags) {
      assertThat(TestRegistry.inspect(name + ":" + tag).path("Digest").asText())
          .as(tag)
          .isEqualTo(image.digest());
    }
    JsonNode config = TestRegistry.config(image.pinned()).path("config");
    assertThat(texts(config.path("Entrypoint"))).isEqualTo(TestBaseImage.ENTRYPOINT);
    assertThat(texts(config.path("Cmd"))).isEqualTo(AslGenerator.JAVA_STEP_LAUNCHER);
    assertThat(config.path("User").asText()).isEqualTo(TestBaseImage.USER);
    List<String> env = texts(config.path("Env"));
    TestBaseImage.ENVIRONMENT.forEach((k, v) -> assertThat(env).contains(k + "=" + v));
    Map<String, String> labels = new java.util.TreeMap<>();
    config.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    assertThat(labels)
        .isEqualTo(
            Map.of(
                JavaImageBuilder.PROJECT_LABEL,
                TinyJavaProject.NAME,
                JavaImageBuilder.VERSION_LABEL,
                TinyJavaProject.VERSION));
    List<String> layers = layers(image.pinned());
    assertThat(layers).hasSize(TestBaseImage.LAYERS + 4);
    assertThat(layers.subList(0, TestBaseImage.LAYERS)).isEqualTo(layers(base.reference()));
  }

  @Test
  void theSameProjectGivesTheSameDigestColdWarmAndAsATar() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    List<String> tags = List.of("tiny-same");
    Optional<String> from = Optional.of(base.reference());

    BuiltImage cold =
        new JavaImageBuilder().build(request(dir, from, tags, true, tmp.resolve("a")));
    BuiltImage warm =
        new JavaImageBuilder().build(request(dir, from, tags, true, tmp.resolve("a")));
    BuiltImage other =
        new JavaImageBuilder().build(request(dir, from, tags, true, tmp.resolve("b")));
    BuiltImage tar =
        new JavaImageBuilder().build(request(dir, from, tags, false, tmp.resolve("c")));

    assertThat(warm.digest()).isEqualTo(cold.digest());
    assertThat(other.digest()).isEqualTo(cold.digest());
    assertThat(tar.digest()).isEqualTo(cold.digest());
    assertThat(tar.pushed()).isFalse();
    assertThat(tmp.resolve("c").resolve(JavaImageBuilder.TAR_FILE)).isNotEmptyFile();
    assertThat(TestRegistry.inspect(cold.pinned()).path("Digest").asText())
        .isEqualTo(cold.digest());
  }

  @Test
  void aChangedClassReplacesOnlyTheClassesLayer() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Optional<String> from = Optional.of(base.reference());
    BuiltImage before =
        new JavaImageBuilder()
            .build(request(dir, from, List.of("tiny-before"), true, tmp.resolve("work")));

    TinyJavaProject.writeClass(dir.resolve("target/classes"), "v2");
    BuiltImage after =
        new JavaImageBuilder()
            .build(request(dir, from, List.of("tiny-after"), true, tmp.resolve("work")));

    assertThat(after.digest()).isNotEqualTo(before.digest());
    List<String> old = layers(before.pinned());
    List<String> now = layers(after.pinned());
    assertThat(now).hasSameSizeAs(old);
    int classes = now.size() - 1;
    assertThat(now.subList(0, classes)).isEqualTo(old.subList(0, classes));
    assertThat(now.get(classes)).isNotEqualTo(old.get(classes));
  }

  @Test
  void aBaseImageTheRegistryDoesNotHaveIsNamedInTheRefusal() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    String missing = TestRegistry.address() + "/esteira-test/base:no-such-tag";
    List<String> progress = new ArrayList<>();

    Throwable thrown =
        catchThrowable(
            () ->
                new JavaImageBuilder(progress::add)
                    .build(
                        request(
                            dir,
                            Optional.of(missing),
                            List.of("tiny-1"),
                            true,
                            tmp.resolve("work"))));

    assertThat(thrown).isInstanceOf(ImageException.class);
    ImageException e = (ImageException) thrown;
    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-BASE-UNAVAILABLE");
    assertThat(e.getMessage()).contains(missing).doesNotContain("\n").doesNotContain("at com.");
    // Jib's messages went to the callback, not to the console.
    assertThat(progress).anyMatch(line -> line.contains(missing));
  }

  @Test
  void aBaseRegistryThatDoesNotAnswerIsNamedInTheRefusal() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String unreachable = "127.0.0.1:" + port + "/esteira-test/base:1";

    Throwable thrown =
        catchThrowable(
            () ->
                new JavaImageBuilder()
                    .build(
                        request(
                            dir,
                            Optional.of(unreachable),
                            List.of("tiny-1"),
                            true,
                            tmp.resolve("work"))));

    assertThat(thrown).isInstanceOf(ImageException.class);
    ImageException e = (ImageException) thrown;
    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-BASE-UNAVAILABLE");
    assertThat(e.getMessage()).contains(unreachable);
  }

  @Test
  void aRegistryThatRefusesThePushIsNamedWithTheImage() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Throwable thrown;
    String target;
    try (TestRegistry.ReadOnly readOnly = TestRegistry.startReadOnly(tmp.resolve("read-only"))) {
      target = readOnly.address() + "/" + REPOSITORY + ":tiny-1";
      thrown =
          catchThrowable(
              () ->
                  new JavaImageBuilder()
                      .build(
                          TinyJavaProject.request(
                              dir,
                              Optional.of(base.reference()),
                              readOnly.access(),
                              REPOSITORY,
                              List.of("tiny-1"),
                              true,
                              tmp.resolve("work"))));
    }

    assertThat(thrown).isInstanceOf(ImageException.class);
    ImageException e = (ImageException) thrown;
    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-REFUSED");
    assertThat(e.getMessage()).contains(target).contains("may push");
  }

  @Test
  void aTargetRegistryThatDoesNotAnswerRefusesThePush() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RegistryAccess nowhere = new RegistryAccess("127.0.0.1:" + port, Optional.empty(), true);

    Throwable thrown =
        catchThrowable(
            () ->
                new JavaImageBuilder()
                    .build(
                        TinyJavaProject.request(
                            dir,
                            Optional.of(base.reference()),
                            nowhere,
                            REPOSITORY,
                            List.of("tiny-1"),
                            true,
                            tmp.resolve("work"))));

    assertThat(thrown).isInstanceOf(ImageException.class);
    ImageException e = (ImageException) thrown;
    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-REGISTRY-REFUSED");
    assertThat(e.getMessage())
        .contains("127.0.0.1:" + port + "/" + REPOSITORY + ":tiny-1")
        .contains("Connection refused");
  }
}
