package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code mvn package} of a pipeline project with the plugin as a user adds it: a build after
 * a change to {@code config.yaml} alone writes the artifacts anew (or fails on an invalid file), a
 * build with no change compiles nothing and touches nothing, and without {@code check-config} the
 * {@code classpath} goal fails rather than let stale artifacts through.
 */
class IncrementalBuildIT {

  @TempDir Path dir;

  private static final String PIPELINE =
      """
      package demo;

      import io.esteira.Pipeline;
      import io.esteira.Step;

      @Pipeline(name = "inc", version = "1.0.0")
      public class Inc {
        @Step
        public void extract() {}
      }
      """;

  private static final String CONFIG =
      """
      description: "first description"
      infra:
        compute:
          ec2_type: "t3.large"
      """;

  private static final String BOTH_GOALS =
      """
          <goal>check-config</goal>
          <goal>classpath</goal>
      """;

  @Test
  void aBuildWithNoChangeCompilesNothingAndTouchesNoArtifact() throws Exception {
    Path project = project(BOTH_GOALS);
    assertBuilt(MavenBuild.run(project, "package"));
    Path pipeline = artifacts(project).resolve("pipeline.json");
    FileTime before = Files.getLastModifiedTime(pipeline);
    String classpath = Files.readString(project.resolve("target/esteira-classpath.txt"));

    MavenBuild.Result again = MavenBuild.run(project, "package");

    assertBuilt(again);
    assertThat(again.output())
        .contains("Nothing to compile - all classes are up to date")
        .doesNotContain("ESTEIRA-MAVEN-CONFIG-CHANGED");
    assertThat(Files.getLastModifiedTime(pipeline)).isEqualTo(before);
    // Runtime scope, as build-classpath wrote it: the API jar from the repository, one line.
    assertThat(classpath)
        .contains("esteira-api-" + MavenBuild.version() + ".jar")
        .doesNotContain("esteira-sdk-processor")
        .doesNotContain("\n");
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      assertThat(Path.of(entry)).isAbsolute().isRegularFile();
    }
  }

  @Test
  void aChangeToConfigYamlAloneWritesTheArtifactsAnewOrFailsTheBuild() throws Exception {
    Path project = project(BOTH_GOALS);
    assertBuilt(MavenBuild.run(project, "package"));
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .contains("first description");

    Files.writeString(
        project.resolve("config.yaml"), CONFIG.replace("first", "second"), StandardCharsets.UTF_8);
    MavenBuild.Result changed = MavenBuild.run(project, "package");

    assertBuilt(changed);
    assertThat(changed.output())
        .contains("[ESTEIRA-MAVEN-CONFIG-CHANGED]")
        .contains("config.yaml changed since the artifacts were written from it");
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .contains("second description")
        .doesNotContain("first description");
    assertThat(jarEntry(project, "META-INF/esteira/inc/pipeline.json"))
        .contains("second description");

    // Line 4, column 5: the key with the typo.
    Files.writeString(
        project.resolve("config.yaml"),
        CONFIG.replace("ec2_type", "ec2_typ"),
        StandardCharsets.UTF_8);
    MavenBuild.Result invalid = MavenBuild.run(project, "package");

    assertThat(invalid.exit()).as(invalid.output()).isNotZero();
    assertThat(invalid.output())
        .contains("config.yaml:4:5: [ESTEIRA-CONFIG-UNKNOWN-KEY] unknown key 'ec2_typ'")
        .contains("COMPILATION ERROR");

    Files.writeString(project.resolve("config.yaml"), CONFIG, StandardCharsets.UTF_8);
    MavenBuild.Result fixed = MavenBuild.run(project, "package");

    assertBuilt(fixed);
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .contains("first description");
  }

  @Test
  void withoutCheckConfigTheClasspathGoalFailsOnStaleArtifacts() throws Exception {
    Path project = project("      <goal>classpath</goal>\n");
    assertBuilt(MavenBuild.run(project, "package"));

    Files.writeString(
        project.resolve("config.yaml"), CONFIG.replace("first", "second"), StandardCharsets.UTF_8);
    MavenBuild.Result stale = MavenBuild.run(project, "package");

    assertThat(stale.exit()).as(stale.output()).isNotZero();
    assertThat(stale.output())
        .contains("Nothing to compile")
        .contains("[ESTEIRA-MAVEN-ARTIFACTS-STALE] the artifacts in ")
        .contains("config.yaml changed since the artifacts were written from it")
        .doesNotContain("\tat io.esteira");
  }

  @Test
  void aConfigYamlInTheResourcesIsNotTheModulesEvenAfterMavenCopiedIt() throws Exception {
    // The application's own settings, which process-resources copies to target/classes.
    Path project = project(BOTH_GOALS);
    Path resources = Files.createDirectories(project.resolve("src/main/resources"));
    Files.writeString(resources.resolve("config.yaml"), "server_port: 8080\n");
    assertBuilt(MavenBuild.run(project, "package"));
    assertThat(project.resolve("target/classes/config.yaml")).hasContent("server_port: 8080");
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .contains("first description");

    Files.writeString(
        project.resolve("config.yaml"), CONFIG.replace("first", "second"), StandardCharsets.UTF_8);
    MavenBuild.Result changed = MavenBuild.run(project, "package");

    assertBuilt(changed);
    assertThat(changed.output())
        .contains("[ESTEIRA-MAVEN-CONFIG-CHANGED]")
        .doesNotContain("ESTEIRA-PROC-CONFIG-MISPLACED");
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .contains("second description");
  }

  @Test
  void aConfigYamlOnlyInTheResourcesIsNamedWithWhereItMustBe() throws Exception {
    Path project = project(BOTH_GOALS);
    Files.delete(project.resolve("config.yaml"));
    Path resources = Files.createDirectories(project.resolve("src/main/resources"));
    Files.writeString(resources.resolve("config.yaml"), CONFIG, StandardCharsets.UTF_8);

    MavenBuild.Result result = MavenBuild.run(project, "package");

    assertBuilt(result);
    assertThat(result.output())
        .contains(
            "[ESTEIRA-PROC-CONFIG-MISPLACED] " + resources.resolve("config.yaml") + " is not read")
        .contains("move it to " + project.resolve("config.yaml"));
    assertThat(Files.readString(artifacts(project).resolve("pipeline.json")))
        .doesNotContain("first description");
  }

  private static void assertBuilt(MavenBuild.Result result) {
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("BUILD SUCCESS");
  }

  private static Path artifacts(Path project) {
    return project.resolve("target/classes/META-INF/esteira/inc");
  }

  private static String jarEntry(Path project, String entry) throws IOException {
    try (java.util.zip.ZipFile jar =
        new java.util.zip.ZipFile(project.resolve("target/inc-1.0.jar").toFile())) {
      return new String(
          jar.getInputStream(jar.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A project as a user lays it out, with {@code goals} in the plugin's execution. */
  private Path project(String goals) throws IOException {
    Path project = Files.createDirectories(dir.resolve("inc"));
    Files.writeString(project.resolve("pom.xml"), pom(goals), StandardCharsets.UTF_8);
    Files.writeString(project.resolve("config.yaml"), CONFIG, StandardCharsets.UTF_8);
    Path source = project.resolve("src/main/java/demo/Inc.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, PIPELINE, StandardCharsets.UTF_8);
    return project;
  }

  private static String pom(String goals) {
    return """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>demo</groupId>
          <artifactId>inc</artifactId>
          <version>1.0</version>

          <properties>
            <esteira.version>%s</esteira.version>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>

          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>io.esteira</groupId>
                <artifactId>esteira-bom</artifactId>
                <version>${esteira.version}</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>

          <dependencies>
            <dependency>
              <groupId>io.esteira</groupId>
              <artifactId>esteira-api</artifactId>
            </dependency>
          </dependencies>

          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.14.1</version>
                <configuration>
                  <release>17</release>
                  <annotationProcessorPathsUseDepMgmt>true</annotationProcessorPathsUseDepMgmt>
                  <annotationProcessorPaths>
                    <path>
                      <groupId>io.esteira</groupId>
                      <artifactId>esteira-sdk-processor</artifactId>
                    </path>
                  </annotationProcessorPaths>
                </configuration>
              </plugin>
              <plugin>
                <groupId>io.esteira</groupId>
                <artifactId>esteira-maven-plugin</artifactId>
                <version>${esteira.version}</version>
                <executions>
                  <execution>
                    <goals>
        %s
                    </goals>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """
        .formatted(MavenBuild.version(), goals);
  }
}
