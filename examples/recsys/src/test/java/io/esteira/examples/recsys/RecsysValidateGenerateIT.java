package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.EsteiraJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esteira validate} and {@code esteira generate} on this Java project, as the shaded jar
 * runs them from the project's directory: its {@code config.yaml} has no steps, so both read what
 * this build's processor wrote to {@code target/classes/META-INF/esteira/recsys/}; on a copy whose
 * {@code config.yaml} changed after the build, or that was never built, they say to run {@code mvn
 * package}.
 */
class RecsysValidateGenerateIT {

  static final Path BUILT = Path.of("target/classes/META-INF/esteira/recsys");

  @TempDir Path tmp;

  @Test
  void validateChecksTheBuiltArtifacts() throws Exception {
    EsteiraJar.Result run = EsteiraJar.run(env -> {}, "validate", ".");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("config.yaml: recsys (dev, prd): valid")
        .doesNotContain("missing required key");
  }

  @Test
  void generateCopiesTheBuiltArtifacts() throws Exception {
    Path out = tmp.resolve("out");

    EsteiraJar.Result run = EsteiraJar.run(env -> {}, "generate", ".", "--out", out.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    // inputs.json is the build's record of the config.yaml it read, for esteira-maven-plugin; the
    // artifacts are the rest.
    List<String> built =
        artifactNames(BUILT).stream().filter(name -> !name.equals("inputs.json")).toList();
    assertThat(built).contains("pipeline.json", "task-definition.prd.json");
    assertThat(artifactNames(out.resolve("recsys"))).isEqualTo(built);
    for (String file : built) {
      assertThat(out.resolve("recsys").resolve(file)).hasSameTextualContentAs(BUILT.resolve(file));
    }
  }

  @Test
  void aConfigChangedAfterTheBuildSaysToBuildAgain() throws Exception {
    Path copy = copyOfTheSources(tmp.resolve("recsys"));
    Path artifacts = copy.resolve(BUILT);
    Files.createDirectories(artifacts);
    for (String file : artifactNames(BUILT)) {
      Files.copy(BUILT.resolve(file), artifacts.resolve(file));
    }
    FileTime builtAt = Files.getLastModifiedTime(artifacts.resolve("pipeline.json"));
    Files.setLastModifiedTime(
        copy.resolve("config.yaml"), FileTime.fromMillis(builtAt.toMillis() + 60_000));

    EsteiraJar.Result run = EsteiraJar.run(env -> {}, "validate", copy.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("[ESTEIRA-CLI-JAVA-STALE]")
        .contains("run mvn package (the artifacts are older than config.yaml)");
  }

  @Test
  void anUnbuiltCopySaysWhatToBuild() throws Exception {
    Path copy = copyOfTheSources(tmp.resolve("recsys"));
    Path out = tmp.resolve("out");

    EsteiraJar.Result run =
        EsteiraJar.run(env -> {}, "generate", copy.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(copy + ": error: [ESTEIRA-CLI-JAVA-NOT-BUILT]")
        .contains("build it first with mvn package in " + copy)
        .doesNotContain("missing required key")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  /** The project as checked out: its pom.xml and its step-less config.yaml. */
  private static Path copyOfTheSources(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(Path.of("pom.xml"), dir.resolve("pom.xml"));
    Files.copy(Path.of("config.yaml"), dir.resolve("config.yaml"));
    assertThat(dir.resolve("config.yaml")).content().doesNotContain("steps:");
    return dir;
  }

  /** The artifact files in {@code dir}, sorted: not the processor's step index. */
  private static List<String> artifactNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".json") || name.endsWith(".mmd"))
          .sorted()
          .toList();
    }
  }
}
