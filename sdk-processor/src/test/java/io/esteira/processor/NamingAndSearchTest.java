package io.esteira.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Step ids derived from method names, and the walk from the class output to config.yaml. */
class NamingAndSearchTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "extractFeatures, extract_features",
    "train, train",
    "loadHTTPData, load_http_data",
    "trainV2, train_v2",
    "scoreModel2, score_model2",
    "ETL, etl"
  })
  void methodNamesBecomeSnakeCaseIds(String method, String id) {
    assertThat(PipelineValidator.snakeCase(method)).isEqualTo(id);
  }

  @Test
  void theWalkGoesAtMostFourLevelsUp() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("a/b/c/d/e/f"));
    Files.writeString(dir.resolve("a/config.yaml"), "project_name: far\n");

    ConfigLocator.Located located = ConfigLocator.walkUp(classes);

    assertThat(located.file()).isEmpty();
    assertThat(located.searched())
        .containsExactly(
            dir.resolve("a/b/c/d/e"),
            dir.resolve("a/b/c/d"),
            dir.resolve("a/b/c"),
            dir.resolve("a/b"));
  }

  @Test
  void theNearestConfigYamlWins() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("module/target/classes"));
    Files.writeString(dir.resolve("module/config.yaml"), "project_name: near\n");
    Files.writeString(dir.resolve("config.yaml"), "project_name: far\n");

    assertThat(ConfigLocator.walkUp(classes).file()).contains(dir.resolve("module/config.yaml"));
  }
}
