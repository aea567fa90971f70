package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.generate.asl.AslValidatorSupport;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The origin document's example config.yaml, verbatim, against every artifact checked in under
 * {@code golden/seed/}. Regenerate with {@code ./mvnw -B -pl sdk-core test -Dtest=SeedGoldenTest
 * -Desteira.golden.update=true}, then review the diff by eye.
 */
class SeedGoldenTest {

  private static final Path SEED = Path.of("src", "test", "resources", "seed", "config.yaml");

  @Test
  void everyArtifactOfTheOriginExampleMatchesItsGoldenFile() {
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(ConfigLoader.read(SEED), List.of("dev", "prd"));

    assertThat(artifacts.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    GoldenFiles golden = GoldenFiles.standard();
    assertAll(
        artifacts.files().entrySet().stream()
            .map(
                (Map.Entry<String, String> file) ->
                    (Executable)
                        () -> golden.assertMatches("seed/" + file.getKey(), file.getValue())));
    golden.assertOnly("seed", artifacts.files().keySet());
    Map<String, JsonNode> machines = new TreeMap<>();
    artifacts.files().entrySet().stream()
        .filter(file -> file.getKey().endsWith(".asl.json"))
        .forEach(file -> machines.put(file.getKey(), read(file.getValue())));
    assertThat(machines).hasSize(2);
    AslValidatorSupport.assertValid(machines);
  }

  private static JsonNode read(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
