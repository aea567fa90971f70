package io.esteira.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.project.BuildInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor records, beside each project's artifacts, the {@code config.yaml} it read and its
 * hash (or where it looked), so that a build or the runner can tell stale artifacts from the file's
 * contents, not from times.
 */
class InputsRecordTest {

  @TempDir Path dir;

  private static final String PIPELINE =
      """
      package demo;

      @io.esteira.Pipeline(name = "recorded", version = "1.0.0")
      public class Recorded {
        @io.esteira.Step public void only() {}
      }
      """;

  @Test
  void theConfigFoundFromTheClassOutputIsRecordedWithItsHash() throws IOException {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Path config = Files.writeString(module.resolve("config.yaml"), "description: first\n");
    Path classes = module.resolve("target/classes");

    JavacRun.Result result =
        JavacRun.compile(module.resolve("src"), classes, Map.of("demo.Recorded", PIPELINE));

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    BuildInputs inputs = read(classes);
    assertThat(inputs.config()).contains("../../config.yaml");
    assertThat(inputs.sha256()).contains(BuildInputs.sha256(config));
    assertThat(inputs.staleBecause(classes, Optional.empty())).isEmpty();

    Files.writeString(config, "description: second\n");
    assertThat(inputs.staleBecause(classes, Optional.empty())).isPresent();
  }

  @Test
  void theConfigNamedByTheOptionIsRecordedRelativeToTheClassOutput() throws IOException {
    Path config = Files.writeString(dir.resolve("settings/pipeline.yaml".replace('/', '-')), "");
    Path classes = dir.resolve("out");

    JavacRun.Result result =
        JavacRun.compile(
            dir.resolve("src"),
            classes,
            Map.of("demo.Recorded", PIPELINE),
            "-Aesteira.config=" + config);

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(read(classes).config()).contains("../settings-pipeline.yaml");
    assertThat(read(classes).staleBecause(classes, Optional.of(config))).isEmpty();
  }

  @Test
  void withoutConfigTheSearchedDirectoriesAreRecorded() throws IOException {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Path classes = module.resolve("target/classes");

    JavacRun.Result result =
        JavacRun.compile(module.resolve("src"), classes, Map.of("demo.Recorded", PIPELINE));

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    BuildInputs inputs = read(classes);
    assertThat(inputs.config()).isEmpty();
    assertThat(inputs.searched()).isEqualTo(List.of("..", "../.."));

    Files.writeString(module.resolve("config.yaml"), "description: new\n");
    assertThat(inputs.staleBecause(classes, Optional.empty()).orElseThrow())
        .contains("was not there");
  }

  private static BuildInputs read(Path classes) throws IOException {
    return BuildInputs.parse(
        Files.readString(classes.resolve("META-INF/esteira/recorded/" + BuildInputs.FILE)));
  }
}
