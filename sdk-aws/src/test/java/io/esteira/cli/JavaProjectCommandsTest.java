package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} and {@code generate} on a Java project, whose {@code config.yaml} has no steps
 * (its {@code @Step} methods have them): they read what its build wrote to {@code
 * target/classes/META-INF/esteira/<project>/}, or say what to build. The built fixture is the
 * artifact set of the origin example, written where the annotation processor writes a build's.
 */
class JavaProjectCommandsTest {

  /** What a Java pipeline's config.yaml holds: settings over the annotations, no steps. */
  static final String JAVA_CONFIG = "project_name: recsys\n";

  @TempDir Path tmp;

  Path project;
  Path built;
  Map<String, String> artifacts;
  FileTime builtAt = FileTime.from(Instant.parse("2026-03-01T10:00:00Z"));

  @BeforeEach
  void buildTheFixture() throws IOException {
    project = tmp.resolve("app");
    built = project.resolve("target/classes/META-INF/esteira/recsys");
    Files.createDirectories(built);
    Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    Files.writeString(project.resolve("config.yaml"), JAVA_CONFIG);
    ProjectArtifacts generated =
        ProjectArtifacts.generate(
            ConfigLoader.read(ValidateCommandTest.EXAMPLE.resolve("config.yaml")), List.of());
    assertThat(generated.hasErrors()).as("%s", generated.diagnostics()).isFalse();
    artifacts = generated.files();
    for (Map.Entry<String, String> file : artifacts.entrySet()) {
      Files.writeString(built.resolve(file.getKey()), file.getValue());
      Files.setLastModifiedTime(built.resolve(file.getKey()), builtAt);
    }
    // The processor also leaves its step index there: not an artifact, never copied.
    Files.writeString(built.resolve("steps.idx"), "index\n");
    Files.setLastModifiedTime(project.resolve("config.yaml"), minutes(-5));
  }

  private FileTime minutes(long n) {
    return FileTime.from(builtAt.toInstant().plusSeconds(60 * n));
  }

  @Test
  void validateReadsTheBuildOfAJavaProjectInsteadOfItsStepLessConfig() {
    Cli.Run run = Cli.run("validate", project.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains(project.resolve("config.yaml") + ": recsys (dev, prd): valid")
        .contains("validated 1 project: 0 errors, 0 warnings");
  }

  @Test
  void validateOnTheConfigFileOfAJavaProjectReadsItsBuildToo() {
    Cli.Run run = Cli.run("validate", project.resolve("config.yaml").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("recsys (dev, prd): valid");
  }

  @Test
  void aJavaProjectWithNoConfigYamlIsReadFromItsBuild() throws IOException {
    Files.delete(project.resolve("config.yaml"));

    Cli.Run run = Cli.run("validate", project.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("recsys (dev, prd): valid");
  }

  @Test
  void generateCopiesTheBuiltArtifactsOfTheAskedEnvironmentOnly() throws IOException {
    Path out = tmp.resolve("out");

    Cli.Run run = Cli.run("generate", project.toString(), "--env", "prd", "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> prd =
        artifacts.keySet().stream().filter(f -> !f.contains(".dev.")).sorted().toList();
    assertThat(prd)
        .contains("pipeline.json", "pipeline.mmd", "task-definition.prd.json")
        .hasSizeLessThan(artifacts.size());
    try (Stream<Path> files = Files.list(out.resolve("recsys"))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(prd);
    }
    for (String file : prd) {
      assertThat(out.resolve("recsys").resolve(file)).hasContent(artifacts.get(file));
    }
    assertThat(run.out()).contains("generated " + prd.size() + " files for recsys (prd)");
  }

  @Test
  void aJavaProjectThatIsNotBuiltSaysWhatToBuildWithACodeAndNoStackTrace() throws IOException {
    Path unbuilt = tmp.resolve("unbuilt");
    Files.createDirectories(unbuilt);
    Files.writeString(unbuilt.resolve("pom.xml"), "<project/>\n");
    Files.writeString(unbuilt.resolve("config.yaml"), JAVA_CONFIG);
    Path out = tmp.resolve("out");

    Cli.Run validate = Cli.run("validate", unbuilt.toString());
    Cli.Run generate = Cli.run("generate", unbuilt.toString(), "--out", out.toString());

    for (Cli.Run run : List.of(validate, generate)) {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains(unbuilt + ": error: [ESTEIRA-CLI-JAVA-NOT-BUILT] this is a Java project")
          .contains("build it first with mvn package in " + unbuilt + ", then run again")
          .doesNotContain("missing required key")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
    assertThat(generate.out()).contains("nothing written: 1 error");
    assertThat(out).doesNotExist();
  }

  @Test
  void aConfigChangedAfterTheBuildIsAnErrorThatSaysToBuildAgain() {
    Path config = project.resolve("config.yaml");
    try {
      Files.setLastModifiedTime(config, minutes(1));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Path out = tmp.resolve("out");

    Cli.Run validate = Cli.run("validate", project.toString());
    Cli.Run generate = Cli.run("generate", project.toString(), "--out", out.toString());

    for (Cli.Run run : List.of(validate, generate)) {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains(config + ": error: [ESTEIRA-CLI-JAVA-STALE] the artifacts in " + built)
          .contains("run mvn package (the artifacts are older than config.yaml)");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void anEnvironmentWithoutItsTaskDefinitionIsAnError() throws IOException {
    Files.delete(built.resolve("task-definition.prd.json"));

    Cli.Run run = Cli.run("validate", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(built + ": error: [ESTEIRA-CLI-JAVA-BAD-ARTIFACTS] environment 'prd' has no")
        .contains("task-definition.prd.json")
        .contains("build the project again with mvn package");
  }

  @Test
  void anArtifactThatIsNotJsonIsAnError() throws IOException {
    Files.writeString(built.resolve("state-machine.dev.asl.json"), "{ not json");
    Files.setLastModifiedTime(built.resolve("state-machine.dev.asl.json"), builtAt);

    Cli.Run run = Cli.run("validate", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("[ESTEIRA-CLI-JAVA-BAD-ARTIFACTS] " + built + "/state-machine.dev.asl.json")
        .contains("is not valid JSON");
  }

  @Test
  void aPipelineJsonThatDoesNotReadIsAnError() throws IOException {
    Files.writeString(built.resolve("pipeline.json"), "[]");
    Files.setLastModifiedTime(built.resolve("pipeline.json"), builtAt);

    Cli.Run run = Cli.run("validate", project.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(built + ": error: [ESTEIRA-CLI-JAVA-BAD-ARTIFACTS] ");
  }

  @Test
  void anEnvironmentTheBuildDidNotWriteIsAnErrorNamingThoseItDid() {
    Path out = tmp.resolve("out");

    Cli.Run run = Cli.run("generate", project.toString(), "--env", "qa", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "[ESTEIRA-CLI-JAVA-NO-ENVIRONMENT] project recsys was built without environment 'qa'"
                + " (it has dev, prd)");
    assertThat(out).doesNotExist();
  }
}
