package io.esteira.deploy.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the deployer takes each project's artifacts from, and what it refuses. */
class ProjectLoaderTest {

  static final Path ORIGIN_PROJECT = Path.of("..", "examples", "yaml-only", "src/projects/recsys");

  @TempDir Path tmp;

  /** The origin project's artifacts for prd, named as {@code name}. */
  private static Map<String, String> artifacts(String name) throws IOException {
    Path config = Files.createTempFile("config", ".yaml");
    Files.writeString(
        config,
        Files.readString(ORIGIN_PROJECT.resolve("config.yaml"))
            .replace("project_name: recsys", "project_name: " + name));
    ProjectArtifacts artifacts = ProjectArtifacts.generate(ConfigLoader.read(config), List.of());
    Files.delete(config);
    assertThat(artifacts.hasErrors()).as("%s", artifacts.diagnostics()).isFalse();
    return artifacts.files();
  }

  @Test
  void theOriginProjectCompilesInMemory() throws IOException {
    ProjectLoader.Loaded loaded =
        ProjectLoader.load(List.of(ORIGIN_PROJECT), "prd", Path::toString);

    assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
    assertThat(loaded.projects()).extracting(DeployableProject::name).containsExactly("recsys");
    assertThat(loaded.projects().get(0).source()).endsWith("config.yaml");
  }

  @Test
  void aJarUnderTargetDeploysEveryProjectItHolds() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("app/target"));
    Files.writeString(tmp.resolve("app/pom.xml"), "<project/>");
    Path jar = dir.resolve("app-1.0.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String name : List.of("beta", "alpha")) {
        for (Map.Entry<String, String> file : artifacts(name).entrySet()) {
          zip.putNextEntry(new ZipEntry("META-INF/esteira/" + name + "/" + file.getKey()));
          zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
          zip.closeEntry();
        }
      }
    }

    ProjectLoader.Loaded loaded =
        ProjectLoader.load(List.of(tmp.resolve("app")), "prd", Path::toString);

    assertThat(loaded.hasErrors()).as("%s", loaded.diagnostics()).isFalse();
    assertThat(loaded.projects())
        .extracting(DeployableProject::name, DeployableProject::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alpha", jar + "!/META-INF/esteira/alpha"),
            org.assertj.core.groups.Tuple.tuple("beta", jar + "!/META-INF/esteira/beta"));
  }

  @Test
  void anUnbuiltJavaProjectSaysWhereItLookedAndHowToBuild() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("unbuilt"));
    Files.writeString(dir.resolve("build.gradle"), "");
    Files.writeString(
        dir.resolve("config.yaml"), Files.readString(ORIGIN_PROJECT.resolve("config.yaml")));

    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(dir), "prd", Path::toString);

    assertThat(loaded.projects()).isEmpty();
    assertThat(loaded.diagnostics()).hasSize(1);
    Diagnostic d = loaded.diagnostics().get(0);
    assertThat(d.code()).isEqualTo("ESTEIRA-DEPLOY-NOT-BUILT");
    assertThat(d.render())
        .contains(dir.resolve("target/classes").toString())
        .contains("or in a jar under " + dir.resolve("target"))
        .contains("build it first");
  }
}
