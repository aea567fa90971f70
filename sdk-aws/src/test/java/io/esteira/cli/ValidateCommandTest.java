package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esteira validate} on the origin example and on broken copies of it. */
class ValidateCommandTest {

  static final Path EXAMPLE_ROOT = Path.of("..", "examples", "yaml-only");
  static final Path EXAMPLE = EXAMPLE_ROOT.resolve("src/projects/recsys");

  @TempDir Path tmp;

  /** A copy of the example's config.yaml with {@code from} replaced by {@code to}. */
  static Path brokenCopy(Path dir, String from, String to) throws IOException {
    String text = Files.readString(EXAMPLE.resolve("config.yaml"));
    assertThat(text).contains(from);
    Path config = dir.resolve("recsys/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, text.replace(from, to));
    return config;
  }

  @Test
  void theOriginExampleIsValidInEveryEnvironment() {
    Cli.Run run = Cli.run("validate", EXAMPLE.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("error:");
    assertThat(run.out()).contains(": recsys (dev, prd): valid");
    assertThat(run.out()).contains("validated 1 project: 0 errors");
  }

  @Test
  void theOriginLayoutRootValidatesEachProjectUnderSrcProjects() {
    Cli.Run run = Cli.run("validate", EXAMPLE_ROOT.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("recsys (dev, prd): valid", "validated 1 project");
  }

  @Test
  void aBadConfigGivesCodeLineAndColumnAndNoStackTrace() throws IOException {
    Path config = brokenCopy(tmp, "memory_gb: 8", "memory_gbs: 8");

    Cli.Run run = Cli.run("validate", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(config + ":41:11: error: [ESTEIRA-CONFIG-UNKNOWN-KEY] unknown key 'memory_gbs'")
        .contains("memory_gb")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(run.out()).contains("validated 1 project: 1 error");
  }

  @Test
  void aFileThatIsNotYamlIsSummedUpByItsNameOnce() throws IOException {
    Path config = tmp.resolve("broken/config.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "project_name: [unclosed\n");

    Cli.Run run = Cli.run("validate", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(config + ": 1 error\n").doesNotContain(config + ": " + config);
  }

  @Test
  void envValuesOverEcsTaskDefinitionLimitAreAnErrorNamingThem() throws IOException {
    Path config =
        brokenCopy(
            tmp,
            "    ENV: \"dev\"\n",
            "    ENV: \"dev\"\n    FEATURES: \"" + "f".repeat(70_000) + "\"\n");

    Cli.Run run = Cli.run("validate", config.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(config + ": error: [ESTEIRA-ECS-TASK-DEFINITION-TOO-LARGE] ")
        .contains("over ECS's limit of 65,536 bytes (64 KiB)")
        .contains("runtime.env_vars.FEATURES (70,008 bytes)")
        .doesNotContain("Exception");
  }

  @Test
  void everyProblemOfEveryFileIsReportedInOneRun() throws IOException {
    Path first = brokenCopy(tmp.resolve("a"), "memory_gb: 8", "memory_gbs: 8");
    Path second = brokenCopy(tmp.resolve("b"), "cpu: 2.0", "cpu: -2.0");

    Cli.Run run = Cli.run("validate", first.toString(), second.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(first + ":41:11: error:").contains(second + ":40:");
  }

  @Test
  void twoFilesNamingTheSameProjectAreAnError() throws IOException {
    Path copy = tmp.resolve("again/config.yaml");
    Files.createDirectories(copy.getParent());
    Files.copy(EXAMPLE.resolve("config.yaml"), copy);

    Cli.Run run = Cli.run("validate", EXAMPLE.toString(), copy.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(copy + ": error: [ESTEIRA-ARTIFACTS-DUPLICATE-PROJECT] project 'recsys'");
  }
}
