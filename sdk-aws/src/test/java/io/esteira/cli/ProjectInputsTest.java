package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectInputsTest {

  @TempDir Path cwd;

  private Path config(String dir) throws IOException {
    Path file = cwd.resolve(dir).resolve("config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "project_name: x\n");
    return file;
  }

  private List<String> configs(String... arguments) throws IOException {
    return ProjectInputs.find(List.of(arguments), cwd).configs().stream()
        .map(Path::toString)
        .toList();
  }

  @Test
  void acceptsAConfigFileOrTheProjectDirectoryHoldingIt() throws IOException {
    config("recsys");
    Files.writeString(cwd.resolve("recsys/prd.yaml"), "project_name: x\n");

    assertThat(configs("recsys")).containsExactly("recsys/config.yaml");
    assertThat(configs("recsys/config.yaml")).containsExactly("recsys/config.yaml");
    assertThat(configs("recsys/prd.yaml")).containsExactly("recsys/prd.yaml");
  }

  @Test
  void aRepositoryRootGivesEveryProjectUnderSrcProjectsSortedByName() throws IOException {
    config("repo/src/projects/zeta");
    config("repo/src/projects/alpha");
    Files.createDirectories(cwd.resolve("repo/src/projects/no_config_here"));

    assertThat(configs("repo"))
        .containsExactly(
            "repo/src/projects/alpha/config.yaml", "repo/src/projects/zeta/config.yaml");
    assertThat(configs("repo/src/projects"))
        .containsExactly(
            "repo/src/projects/alpha/config.yaml", "repo/src/projects/zeta/config.yaml");
  }

  @Test
  void theSameFileNamedTwiceIsReadOnce() throws IOException {
    config("recsys");

    assertThat(configs("recsys", "./recsys/config.yaml", "recsys/../recsys"))
        .containsExactly("recsys/config.yaml");
  }

  @Test
  void everyArgumentThatNamesNoConfigIsReported() throws IOException {
    config("recsys");
    Files.createDirectories(cwd.resolve("empty"));

    ProjectInputs.Found found = ProjectInputs.find(List.of("missing", "recsys", "empty"), cwd);

    assertThat(found.configs()).containsExactly(Path.of("recsys/config.yaml"));
    assertThat(found.problems())
        .extracting(Diagnostic::code, d -> d.position().orElseThrow().file())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ESTEIRA-CLI-NOT-FOUND", "missing"),
            org.assertj.core.groups.Tuple.tuple("ESTEIRA-CLI-NO-CONFIG", "empty"));
  }

  @Test
  void namesFilesRelativeToTheCurrentDirectoryWhenUnderIt() {
    Path outside = cwd.getParent().resolve("elsewhere/config.yaml");

    assertThat(ProjectInputs.display(cwd, cwd.resolve("a/b/config.yaml")))
        .isEqualTo("a/b/config.yaml");
    assertThat(ProjectInputs.display(cwd, cwd)).isEqualTo(".");
    assertThat(ProjectInputs.display(cwd, outside)).isEqualTo(outside.toString());
  }

  @Test
  void aJarPathIsTheProjectItselfAndItsArtifactsAreRead() throws IOException {
    Path config = Files.createTempFile(cwd, "config", ".yaml");
    Files.writeString(
        config,
        Files.readString(
                Path.of("..", "examples", "yaml-only", "src/projects/recsys", "config.yaml"))
            .replace("project_name: recsys", "project_name: packed"));
    Map<String, String> files =
        ProjectArtifacts.generate(ConfigLoader.read(config), List.of()).files();
    Files.delete(config);
    Path jar = Files.createDirectories(cwd.resolve("path/to")).resolve("pipeline.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry("META-INF/esteira/packed/" + file.getKey()));
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    config("path/to/neighbour");

    ProjectInputs.Found found = ProjectInputs.find(List.of("path/to/pipeline.jar"), cwd);
    List<Path> projects = ProjectInputs.projects(found, cwd);
    ProjectLoader.Loaded loaded = ProjectLoader.load(projects, "prd", Path::toString);

    assertThat(found.problems()).isEmpty();
    assertThat(projects).containsExactly(jar);
    assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
    assertThat(loaded.projects())
        .extracting(DeployableProject::name, DeployableProject::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("packed", jar + "!/META-INF/esteira/packed"));
  }

  @Test
  void aConfigFileIsTheProjectOfItsDirectory() throws IOException {
    config("recsys");

    ProjectInputs.Found found = ProjectInputs.find(List.of("recsys/config.yaml"), cwd);

    assertThat(ProjectInputs.projects(found, cwd)).containsExactly(cwd.resolve("recsys"));
  }
}
