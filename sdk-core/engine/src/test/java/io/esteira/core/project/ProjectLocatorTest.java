package io.esteira.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.artifacts.ProjectArtifacts;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How projects are found on disk and their built artifacts read, for every command. */
class ProjectLocatorTest {

  static final Path ORIGIN_REPOSITORY = Path.of("..", "..", "examples", "yaml-only");

  @TempDir Path tmp;

  private Path write(String path, String text) throws IOException {
    Path file = tmp.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private Path jar(String path, String... entries) throws IOException {
    Path jar = tmp.resolve(path);
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(("content of " + entry).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void theOriginRepositoryHoldsOneYamlOnlyProject() throws IOException {
    Located located = ProjectLocator.locate(ORIGIN_REPOSITORY);

    assertThat(located)
        .isEqualTo(
            new Located.Yaml(
                List.of(ORIGIN_REPOSITORY.resolve("src/projects/recsys/config.yaml"))));
  }

  @Test
  void configsComeFromTheDirectoryThenSrcProjectsThenSubdirectoriesSortedByName()
      throws IOException {
    write("repo/src/projects/zeta/config.yaml", "");
    write("repo/src/projects/alpha/config.yaml", "");
    write("flat/b/config.yaml", "");
    write("flat/a/config.yaml", "");
    write("own/config.yaml", "");
    write("own/src/projects/other/config.yaml", "");

    assertThat(ProjectLocator.configsIn(tmp.resolve("repo")))
        .containsExactly(
            tmp.resolve("repo/src/projects/alpha/config.yaml"),
            tmp.resolve("repo/src/projects/zeta/config.yaml"));
    assertThat(ProjectLocator.configsIn(tmp.resolve("flat")))
        .containsExactly(tmp.resolve("flat/a/config.yaml"), tmp.resolve("flat/b/config.yaml"));
    assertThat(ProjectLocator.configsIn(tmp.resolve("own")))
        .containsExactly(tmp.resolve("own/config.yaml"));
    assertThat(ProjectLocator.locate(tmp.resolve("nothing-here"))).isEqualTo(new Located.Nothing());
  }

  @Test
  void anyJavaBuildWithoutArtifactsIsNotBuiltEvenWithAConfig() throws IOException {
    for (String marker : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
      write(marker + "/" + marker, "");
      write(marker + "/config.yaml", "");
      assertThat(ProjectLocator.locate(tmp.resolve(marker)))
          .as(marker)
          .isEqualTo(new Located.NotBuilt());
    }
    Files.createDirectories(tmp.resolve("sources/src/main/java"));
    assertThat(ProjectLocator.locate(tmp.resolve("sources"))).isEqualTo(new Located.NotBuilt());
  }

  @Test
  void theClassOutputWinsOverAJarAndHoldsEveryProject() throws IOException {
    write("app/pom.xml", "");
    write("app/target/classes/META-INF/esteira/b/pipeline.json", "b");
    write("app/target/classes/META-INF/esteira/a/pipeline.json", "a");
    write("app/target/classes/META-INF/esteira/a/task-definition.dev.json", "td");
    jar("app/target/app.jar", "META-INF/esteira/c/pipeline.json");

    Located located = ProjectLocator.locate(tmp.resolve("app"));

    assertThat(located).isInstanceOf(Located.Built.class);
    List<BuiltProject> projects = ((Located.Built) located).projects();
    assertThat(projects).extracting(BuiltProject::name).containsExactly("a", "b");
    assertThat(projects.get(0).files())
        .containsEntry(ProjectArtifacts.PIPELINE_JSON, "a")
        .containsEntry("task-definition.dev.json", "td");
    assertThat(projects.get(0).classOutput()).isEqualTo(tmp.resolve("app/target/classes"));
    assertThat(projects.get(0).location(Path::toString))
        .isEqualTo(tmp.resolve("app/target/classes/META-INF/esteira/a").toString());
  }

  @Test
  void withoutAClassOutputTheFirstJarHoldingProjectsIsRead() throws IOException {
    write("app/pom.xml", "");
    Files.createDirectories(tmp.resolve("app/target/classes/META-INF/esteira"));
    jar("app/target/a-1.0-sources.jar", "META-INF/esteira/src/pipeline.json");
    jar("app/target/b-1.0.jar", "META-INF/esteira/two/pipeline.json");
    Path jar =
        jar(
            "app/target/app-1.0.jar",
            "META-INF/esteira/one/pipeline.json",
            "META-INF/esteira/one/deeper/ignored.json",
            "META-INF/esteira/two/pipeline.json",
            "META-INF/other.txt");

    List<BuiltProject> projects = BuiltArtifacts.find(tmp.resolve("app"));

    assertThat(projects).extracting(BuiltProject::name).containsExactly("one", "two");
    assertThat(projects).allSatisfy(p -> assertThat(p.inJar()).isTrue());
    assertThat(projects.get(0).files().keySet()).containsExactly("pipeline.json");
    assertThat(projects.get(0).location(Path::toString)).isEqualTo(jar + "!/META-INF/esteira/one");
  }

  @Test
  void scanFindsEveryProjectOnceSkippingBuildOutputAndHiddenDirectories() throws IOException {
    write("root/b/config.yaml", "");
    write("root/b/nested/config.yaml", "");
    write("root/group/a/config.yaml", "");
    write("root/target/x/config.yaml", "");
    write("root/.git/y/config.yaml", "");
    write("root/node_modules/z/config.yaml", "");

    assertThat(ProjectLocator.scan(tmp.resolve("root")))
        .containsExactly(tmp.resolve("root/b"), tmp.resolve("root/group/a"));
  }

  @Test
  void aDirectoryNamedConfigYamlIsReportedNotSkipped() throws IOException {
    write("root/good/config.yaml", "");
    Path misplaced = Files.createDirectories(tmp.resolve("root/bad/config.yaml"));

    for (Path dir : List.of(tmp.resolve("root"), tmp.resolve("root/bad"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ProjectLocator.scan(tmp.resolve("root")))
          .isInstanceOf(MisplacedConfigException.class);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectLocator.configsIn(dir))
          .isInstanceOfSatisfying(
              MisplacedConfigException.class,
              e -> {
                assertThat(e.diagnostic().code()).isEqualTo("ESTEIRA-PROJECT-CONFIG-NOT-A-FILE");
                assertThat(e.diagnostic().render())
                    .startsWith(misplaced + ": error: [ESTEIRA-PROJECT-CONFIG-NOT-A-FILE]")
                    .contains("rename or remove this directory");
              });
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ProjectLocator.locate(tmp.resolve("root")))
        .isInstanceOf(MisplacedConfigException.class);
  }
}
