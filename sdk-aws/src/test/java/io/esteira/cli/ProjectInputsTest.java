package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
