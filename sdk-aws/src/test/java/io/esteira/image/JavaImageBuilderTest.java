package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.local.ProjectClasspath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link JavaImageBuilder} puts in an image and what it refuses before it reaches any
 * registry; {@code JavaImageBuilderIT} pushes the image to a real one.
 */
class JavaImageBuilderTest {

  private static final RegistryAccess REGISTRY =
      new RegistryAccess("127.0.0.1:5", Optional.empty(), true);

  @TempDir Path tmp;

  private ImageRequest request(Path dir, Optional<String> base) {
    return TinyJavaProject.request(
        dir, base, REGISTRY, "pipelines", List.of("tiny-2.3.4"), false, tmp.resolve("work"));
  }

  private ImageRequest request(Path dir) {
    return request(dir, Optional.of("127.0.0.1:5/base:1"));
  }

  private static ImageException refusal(ImageRequest request) {
    Throwable thrown = catchThrowable(() -> new JavaImageBuilder().build(request));
    assertThat(thrown).isInstanceOf(ImageException.class);
    return (ImageException) thrown;
  }

  private static List<String> extractionPaths(FileEntriesLayer layer) {
    return layer.getEntries().stream()
        .filter(e -> Files.isRegularFile(e.getSourceFile()))
        .map(e -> e.getExtractionPath().toString())
        .sorted()
        .toList();
  }

  @Test
  void fourApplicationLayersFromTheLeastToTheMostOftenChanged() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    JavaImageBuilder.ProjectFiles files = JavaImageBuilder.projectFiles(request(dir));

    ContainerBuildPlan plan =
        JavaImageBuilder.container(request(dir), files, RegistryImage.named("127.0.0.1:5/base:1"))
            .toContainerBuildPlan();

    List<FileEntriesLayer> layers =
        plan.getLayers().stream().map(FileEntriesLayer.class::cast).toList();
    assertThat(layers)
        .extracting(FileEntriesLayer::getName)
        .containsExactly("dependencies", "snapshot dependencies", "resources", "classes");
    String api = files.dependencies().get(0).getFileName().toString();
    assertThat(extractionPaths(layers.get(0)))
        .containsExactly("/app/libs/" + TinyJavaProject.RELEASED_JAR);
    assertThat(extractionPaths(layers.get(1)))
        .containsExactlyInAnyOrder("/app/libs/" + api, "/app/libs/" + TinyJavaProject.SNAPSHOT_JAR);
    assertThat(extractionPaths(layers.get(2)))
        .containsExactly(
            "/app/resources/META-INF/esteira/tiny/pipeline.json",
            "/app/resources/" + TinyJavaProject.RESOURCE);
    assertThat(extractionPaths(layers.get(3)))
        .containsExactly("/app/classes/" + TinyJavaProject.CLASS_FILE);
    // Every path is under the class path the state machine runs a step with.
    assertThat(AslGenerator.JAVA_STEP_LAUNCHER.get(2))
        .isEqualTo("/app/resources:/app/classes:/app/libs/*");
  }

  @Test
  void keepsTheBaseEntrypointUserAndEnvironmentAndLabelsOnlyProjectAndVersion() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));

    ContainerBuildPlan plan =
        JavaImageBuilder.container(
                request(dir),
                JavaImageBuilder.projectFiles(request(dir)),
                RegistryImage.named("127.0.0.1:5/base:1"))
            .toContainerBuildPlan();

    // Unset (null) means inherited from the base image.
    assertThat(plan.getEntrypoint()).isNull();
    assertThat(plan.getUser()).isNull();
    assertThat(plan.getWorkingDirectory()).isNull();
    assertThat(plan.getEnvironment()).isEmpty();
    assertThat(plan.getCmd()).isEqualTo(AslGenerator.JAVA_STEP_LAUNCHER);
    assertThat(plan.getLabels())
        .isEqualTo(
            Map.of(
                JavaImageBuilder.PROJECT_LABEL,
                TinyJavaProject.NAME,
                JavaImageBuilder.VERSION_LABEL,
                TinyJavaProject.VERSION));
    assertThat(plan.getCreationTime()).isEqualTo(Instant.EPOCH);
    assertThat(plan.getLayers())
        .flatExtracting(l -> ((FileEntriesLayer) l).getEntries())
        .extracting(FileEntry::getModificationTime)
        .containsOnly(FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
  }

  @Test
  void refusesAProjectWithoutClassesSayingHowToBuildIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("empty"));

    ImageException e = refusal(request(dir));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-NOT-BUILT");
    assertThat(e.getMessage())
        .contains("there is no target/classes")
        .contains("mvn package")
        .contains("esteira-maven-plugin")
        .contains(dir.toString());
  }

  @Test
  void refusesClassesWithoutTheProjectsPipeline() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    ImageRequest other =
        new ImageRequest(
            "other",
            dir,
            "pipelines",
            List.of("other-1"),
            Optional.of("127.0.0.1:5/base:1"),
            REGISTRY,
            false,
            tmp.resolve("work"));

    ImageException e = refusal(other);

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-NOT-BUILT");
    assertThat(e.getMessage()).contains("META-INF/esteira/other/pipeline.json");
  }

  @Test
  void refusesAProjectWithoutItsClassPathNamingBothSources() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Files.delete(dir.resolve("target").resolve(ProjectClasspath.CLASSPATH_FILE));

    ImageException e = refusal(request(dir));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-NO-CLASSPATH");
    assertThat(e.getMessage())
        .contains("target/esteira-classpath.txt")
        .contains("target/dependency/")
        .contains("esteira-maven-plugin")
        .contains("mvn package");
  }

  @Test
  void refusesAStaleClassPathFileWithTheRunnersMessage() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Path gone = dir.resolve("target/gone-1.0.jar");
    TinyJavaProject.writeClasspath(
        dir, List.of(TinyJavaProject.apiJar(dir.resolve("target")), gone));

    ImageException e = refusal(request(dir));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-LOCAL-CLASSPATH-STALE");
    assertThat(e.getMessage()).contains(gone.toString());
  }

  @Test
  void refusesAClassPathWithoutTheStepLauncher() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Path target = dir.resolve("target");
    TinyJavaProject.writeClasspath(
        dir,
        List.of(
            target.resolve(TinyJavaProject.RELEASED_JAR),
            target.resolve(TinyJavaProject.SNAPSHOT_JAR)));

    ImageException e = refusal(request(dir));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-NO-LAUNCHER");
    assertThat(e.getMessage())
        .contains("none of the project's 2 dependencies")
        .contains("io.esteira:esteira-api");
  }

  @Test
  void refusesADirectoryOnTheClassPath() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Path module = Files.createDirectories(tmp.resolve("module/target/classes"));
    TinyJavaProject.writeClasspath(
        dir, List.of(TinyJavaProject.apiJar(dir.resolve("target")), module));

    ImageException e = refusal(request(dir));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-CLASSPATH-DIRECTORY");
    assertThat(e.getMessage()).contains(module.toString()).contains("mvn package");
  }

  @Test
  void refusesARequestWithoutABaseImage() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));

    ImageException e = refusal(request(dir, Optional.empty()));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-NO-BASE");
  }

  @Test
  void refusesABaseImageNameThatIsNoReference() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));

    ImageException e = refusal(request(dir, Optional.of("Not An/Image::")));

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-BAD-REFERENCE");
    assertThat(e.getMessage()).contains("Not An/Image::");
  }

  @Test
  void refusesAWorkDirectoryThatCannotHoldTheCaches() throws Exception {
    Path dir = TinyJavaProject.write(tmp.resolve("tiny"));
    Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
    ImageRequest request =
        TinyJavaProject.request(
            dir,
            Optional.of("127.0.0.1:5/base:1"),
            REGISTRY,
            "pipelines",
            List.of("tiny-2.3.4"),
            false,
            file.resolve("work"));

    ImageException e = refusal(request);

    assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-IMAGE-JAVA-CACHE-UNUSABLE");
    assertThat(e.getMessage()).contains(file.resolve("work").toString()).doesNotContain("\n");
  }
}
