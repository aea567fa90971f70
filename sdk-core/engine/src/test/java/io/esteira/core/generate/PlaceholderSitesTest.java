package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.PlaceholderSites.Site;
import io.esteira.core.generate.ecs.TransferScripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every placeholder the generators write lies on a site of {@link PlaceholderSites}, so the
 * deployer, which substitutes only there, misses none: checked occurrence by occurrence over the
 * golden artifacts and over a project with transfer containers.
 */
class PlaceholderSitesTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  private static final Path YAML_ONLY =
      Path.of("..", "..", "examples", "yaml-only", "src", "projects", "recsys", "config.yaml");

  private static Optional<Artifact> kind(String file) {
    if (file.startsWith("task-definition.")) {
      return Optional.of(Artifact.TASK_DEFINITION);
    }
    if (file.endsWith(".asl.json")) {
      return Optional.of(Artifact.STATE_MACHINE);
    }
    if (file.startsWith("schedule.")) {
      return Optional.of(Artifact.SCHEDULE);
    }
    return Optional.empty();
  }

  private static int count(String text) {
    Matcher matcher = PlaceholderSites.pattern().matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static void assertAllOnSites(String name, Artifact artifact, String json)
      throws IOException {
    JsonNode root = Json.mapper().readTree(json);
    int onSites =
        PlaceholderSites.find(artifact, root).stream().mapToInt(s -> count(s.text())).sum();

    assertThat(onSites).as(name).isEqualTo(count(json)).isPositive();
  }

  @Test
  void everyPlaceholderOfTheGoldenArtifactsLiesOnASite() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(GOLDEN)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    int checked = 0;
    for (Path file : files) {
      Optional<Artifact> artifact = kind(file.getFileName().toString());
      if (artifact.isPresent()) {
        assertAllOnSites(
            file.toString(), artifact.get(), Files.readString(file, StandardCharsets.UTF_8));
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
  }

  @Test
  void theTransferContainersPlaceholdersLieOnSitesToo() throws IOException {
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(ConfigLoader.read(YAML_ONLY), List.of("prd"));
    int checked = 0;
    for (Map.Entry<String, String> file : artifacts.files().entrySet()) {
      Optional<Artifact> artifact = kind(file.getKey());
      if (artifact.isPresent()) {
        assertAllOnSites(file.getKey(), artifact.get(), file.getValue());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3);

    JsonNode task =
        Json.mapper().readTree(artifacts.files().get(ProjectArtifacts.taskDefinitionFile("prd")));
    assertThat(PlaceholderSites.find(Artifact.TASK_DEFINITION, task))
        .map(Site::text)
        .contains(Placeholders.TRANSFER_IMAGE, Placeholders.REGION);
    assertThat(PlaceholderSites.paths(Artifact.TASK_DEFINITION))
        .contains(
            "containerDefinitions/[name="
                + TransferScripts.INPUTS_CONTAINER
                + "]/environment/*/value",
            "containerDefinitions/[name="
                + TransferScripts.OUTPUTS_CONTAINER
                + "]/environment/*/value");
  }

  @Test
  void textOffTheSitesIsNotFound() throws IOException {
    JsonNode task =
        Json.mapper()
            .readTree(
                """
                {"executionRoleArn": "${ExecutionRoleArn}",
                 "containerDefinitions": [{"name": "p", "image": "${ImageUri}",
                   "command": ["${Subnets}"],
                   "environment": [{"name": "A", "value": "${AccountId}"},
                                   {"name": "MLFLOW_TRACKING_URI", "value": "${MlflowTrackingUri}"}]}]}
                """);

    assertThat(PlaceholderSites.placeholders(Artifact.TASK_DEFINITION, task))
        .containsExactly("${ExecutionRoleArn}", "${ImageUri}", "${MlflowTrackingUri}");
  }
}
