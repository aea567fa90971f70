package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.EngineMessage;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.model.StepAction;
import io.esteira.core.project.BuildInputs;
import io.esteira.diagnostics.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the runner finds a project: built Java projects, YAML-only ones, and what it refuses. */
class LocalProjectTest {

  static final Path ORIGIN_REPOSITORY = Path.of("..", "..", "examples", "yaml-only");
  static final Path ORIGIN_PROJECT = ORIGIN_REPOSITORY.resolve("src/projects/recsys");

  @TempDir Path tmp;

  private static String pipelineJson(Path config) {
    ProjectArtifacts artifacts = ProjectArtifacts.generate(ConfigLoader.read(config), List.of());
    assertThat(artifacts.hasErrors()).as("%s", artifacts.diagnostics()).isFalse();
    return artifacts.files().get(ProjectArtifacts.PIPELINE_JSON);
  }

  /** A Java project directory as a build leaves it, with the origin pipeline as its artifact. */
  private Path builtProject(String name) throws IOException {
    Path dir = tmp.resolve(name);
    Path meta = dir.resolve("target/classes/META-INF/esteira/recsys");
    Files.createDirectories(meta);
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Files.writeString(
        meta.resolve("pipeline.json"), pipelineJson(ORIGIN_PROJECT.resolve("config.yaml")));
    return dir;
  }

  /** The origin project as projects alpha and beta, each in its own directory under {@code at}. */
  private void originCopies(String at) throws IOException {
    for (String name : List.of("alpha", "beta")) {
      Path dir = Files.createDirectories(tmp.resolve(at + "/" + name));
      Files.writeString(
          dir.resolve("config.yaml"),
          Files.readString(ORIGIN_PROJECT.resolve("config.yaml"))
              .replace("project_name: recsys", "project_name: " + name));
    }
  }

  private static Diagnostic failure(Path dir, Optional<String> name) {
    LocalProjectException e =
        catchThrowableOfType(() -> LocalProject.open(dir, name), LocalProjectException.class);
    assertThat(e).as("an exception").isNotNull();
    assertThat(e.diagnostics()).hasSize(1);
    return e.diagnostics().get(0);
  }

  @Test
  void theOriginProjectIsYamlOnlyAndRunsInItsOwnDirectory() throws IOException {
    LocalProject project = LocalProject.open(ORIGIN_PROJECT, Optional.empty());

    assertThat(project.kind()).isEqualTo(LocalProject.Kind.YAML);
    assertThat(project.directory()).isEqualTo(ORIGIN_PROJECT.toAbsolutePath().normalize());
    assertThat(project.pipeline().project()).isEqualTo("recsys");
    assertThat(project.pipeline().environments()).containsExactly("dev", "prd");
    assertThat(project.pipeline().model("dev").steps().get(0).action())
        .isEqualTo(new StepAction.Command("python steps/extract_features.py"));
    assertThat(project.classpath()).isEmpty();
    assertThat(project.warnings("dev")).isEmpty();
    assertThat(project.warnings("prd"))
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-CONFIG-ENV-OVERRIDDEN");
  }

  @Test
  void aRepositoryRootWithOneProjectRunsThatProject() throws IOException {
    LocalProject project = LocalProject.open(ORIGIN_REPOSITORY, Optional.empty());

    assertThat(project.directory()).isEqualTo(ORIGIN_PROJECT.toAbsolutePath().normalize());
    assertThat(project.source()).endsWith("config.yaml");
  }

  @Test
  void aConfigFileNamesItsProjectDirectory() throws IOException {
    LocalProject project =
        LocalProject.open(ORIGIN_PROJECT.resolve("config.yaml"), Optional.empty());

    assertThat(project.directory()).isEqualTo(ORIGIN_PROJECT.toAbsolutePath().normalize());
  }

  @Test
  void aRepositoryWithSeveralProjectsNeedsAName() throws IOException {
    originCopies("repo/src/projects");
    Path repo = tmp.resolve("repo");

    Diagnostic several = failure(repo, Optional.empty());
    Diagnostic unknown = failure(repo, Optional.of("gamma"));
    LocalProject beta = LocalProject.open(repo, Optional.of("beta"));

    assertThat(several.message()).isEqualTo(EngineMessage.LOCAL_SEVERAL_PROJECTS);
    assertThat(several.render()).contains("(alpha, beta)").contains("--project NAME");
    assertThat(unknown.message()).isEqualTo(EngineMessage.LOCAL_UNKNOWN_PROJECT);
    assertThat(unknown.render()).contains("'gamma'").contains("alpha, beta");
    assertThat(beta.pipeline().project()).isEqualTo("beta");
  }

  @Test
  void aDirectoryOfProjectDirectoriesRunsTheOneNamed() throws IOException {
    originCopies("flat");

    LocalProject alpha = LocalProject.open(tmp.resolve("flat"), Optional.of("alpha"));

    assertThat(alpha.directory()).isEqualTo(tmp.resolve("flat/alpha").toAbsolutePath());
    assertThat(failure(tmp.resolve("flat"), Optional.empty()).message())
        .isEqualTo(EngineMessage.LOCAL_SEVERAL_PROJECTS);
  }

  @Test
  void aBuiltProjectReadsItsPipelineAndClassPathFile() throws IOException {
    Path dir = builtProject("built");
    Path dependency = Files.writeString(tmp.resolve("dep.jar"), "not really a jar");
    Files.writeString(
        dir.resolve("target/esteira-classpath.txt"),
        dependency.toAbsolutePath() + File.pathSeparator + "\n");

    LocalProject project = LocalProject.open(dir, Optional.empty());

    assertThat(project.kind()).isEqualTo(LocalProject.Kind.BUILT);
    assertThat(project.directory()).isEqualTo(dir.toAbsolutePath());
    assertThat(project.pipeline().model("prd").project()).isEqualTo("recsys");
    assertThat(project.classpath())
        .containsExactly(dir.resolve("target/classes").toAbsolutePath(), dependency);
    assertThat(project.warnings("dev")).isEmpty();
  }

  @Test
  void withoutAClassPathFileTheCopiedDependenciesAreUsed() throws IOException {
    Path dir = builtProject("copied");
    Path copied = Files.createDirectories(dir.resolve("target/dependency"));
    Files.writeString(copied.resolve("b.jar"), "");
    Files.writeString(copied.resolve("a.jar"), "");
    Files.writeString(copied.resolve("notes.txt"), "");

    LocalProject project = LocalProject.open(dir, Optional.empty());

    assertThat(project.classpath())
        .containsExactly(
            dir.resolve("target/classes").toAbsolutePath(),
            copied.resolve("a.jar").toAbsolutePath(),
            copied.resolve("b.jar").toAbsolutePath());
  }

  @Test
  void aBuiltProjectWithNoWayToFindItsDependenciesSaysWhatToAdd() throws IOException {
    Diagnostic d = failure(builtProject("nocp"), Optional.empty());

    assertThat(d.message()).isEqualTo(EngineMessage.LOCAL_NO_CLASSPATH);
    assertThat(d.render())
        .contains("target/esteira-classpath.txt")
        .contains("esteira-maven-plugin")
        .contains("docs/local-runner.md");
  }

  @Test
  void aClassPathEntryThatIsGoneAsksForARebuild() throws IOException {
    Path dir = builtProject("stalecp");
    Path gone = tmp.resolve("gone.jar").toAbsolutePath();
    Files.writeString(dir.resolve("target/esteira-classpath.txt"), gone.toString());

    Diagnostic d = failure(dir, Optional.empty());

    assertThat(d.message()).isEqualTo(EngineMessage.LOCAL_CLASSPATH_STALE);
    assertThat(d.render()).contains(gone.toString()).contains("build the project again");
  }

  @Test
  void aJarUnderTargetIsReadWhenTheClassOutputIsGone() throws IOException {
    Path dir = tmp.resolve("jarred");
    Files.createDirectories(dir.resolve("target"));
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Files.writeString(dir.resolve("target/esteira-classpath.txt"), "");
    Path jar = dir.resolve("target/app-1.0.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("META-INF/esteira/recsys/pipeline.json"));
      zip.write(
          pipelineJson(ORIGIN_PROJECT.resolve("config.yaml")).getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Files.writeString(dir.resolve("target/app-1.0-sources.jar"), "not a zip");

    LocalProject project = LocalProject.open(dir, Optional.empty());

    assertThat(project.source()).endsWith("app-1.0.jar!/META-INF/esteira/recsys/pipeline.json");
    assertThat(project.classpath()).containsExactly(jar.toAbsolutePath());
  }

  @Test
  void anUnbuiltJavaProjectSaysHowToBuildIt() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("unbuilt/src/main/java"));
    Files.writeString(tmp.resolve("unbuilt/pom.xml"), "<project/>");
    Files.writeString(tmp.resolve("unbuilt/config.yaml"), "project_name: x\n");

    Diagnostic d = failure(dir.getParent().getParent().getParent(), Optional.empty());

    assertThat(d.message()).isEqualTo(EngineMessage.LOCAL_NOT_BUILT);
    assertThat(d.render()).contains("not built").contains("mvn -B -q package");
  }

  @Test
  void aConfigChangedSinceTheRecordedBuildIsAWarning() throws IOException {
    Path dir = builtProject("changed");
    Files.writeString(dir.resolve("target/esteira-classpath.txt"), "");
    Path config = Files.writeString(dir.resolve("config.yaml"), "project_name: recsys\n");
    Path classes = dir.resolve("target/classes");
    Files.writeString(
        classes.resolve("META-INF/esteira/recsys/" + BuildInputs.FILE),
        BuildInputs.of(classes, Optional.of(config), List.of()).render());
    // A checkout makes the file newer than the build without changing it: no warning.
    Path pipeline = classes.resolve("META-INF/esteira/recsys/pipeline.json");
    Files.setLastModifiedTime(pipeline, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));

    assertThat(LocalProject.open(dir, Optional.empty()).warnings("dev")).isEmpty();

    Files.writeString(config, "project_name: recsys\ndescription: changed\n");
    List<Diagnostic> warnings = LocalProject.open(dir, Optional.empty()).warnings("dev");

    assertThat(warnings)
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.LOCAL_STALE_BUILD);
    assertThat(warnings.get(0).render())
        .contains("config.yaml changed since the artifacts were written from it")
        .contains("build the project again");
  }

  @Test
  void aConfigNewerThanAnUnrecordedBuildIsAWarning() throws IOException {
    Path dir = builtProject("stale");
    Files.writeString(dir.resolve("target/esteira-classpath.txt"), "");
    Path pipeline = dir.resolve("target/classes/META-INF/esteira/recsys/pipeline.json");
    Files.setLastModifiedTime(pipeline, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    Files.writeString(dir.resolve("config.yaml"), "project_name: recsys\n");

    LocalProject project = LocalProject.open(dir, Optional.empty());

    assertThat(project.warnings("dev"))
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.LOCAL_STALE_BUILD);
  }

  @Test
  void aDirectoryWithNoPipelineSaysWhatItLookedFor() {
    Diagnostic d = failure(tmp, Optional.empty());

    assertThat(d.message()).isEqualTo(EngineMessage.LOCAL_NO_PROJECT);
    assertThat(d.render()).contains(tmp.toString()).contains("src/projects/<name>/");
  }

  @Test
  void aMissingDirectoryIsNotFound() {
    assertThat(failure(tmp.resolve("nope"), Optional.empty()).message())
        .isEqualTo(EngineMessage.CLI_NOT_FOUND);
  }

  @Test
  void aYamlProjectWithErrorsGivesEveryDiagnosticAsPipelineErrors() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(
        dir.resolve("config.yaml"),
        Files.readString(ORIGIN_PROJECT.resolve("config.yaml"))
            .replace("memory_gb: 8", "memory_gbs: 8"));

    LocalProjectException e =
        catchThrowableOfType(
            () -> LocalProject.open(dir, Optional.empty()), LocalProjectException.class);

    assertThat(e.pipelineErrors()).isTrue();
    assertThat(e.diagnostics())
        .anySatisfy(d -> assertThat(d.code()).isEqualTo("ESTEIRA-CONFIG-UNKNOWN-KEY"));
  }
}
