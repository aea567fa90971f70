package io.esteira.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.config.ConfigLoader;
import io.esteira.core.config.Loaded;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From config.yaml text to the artifact set, through the real loader and generators. */
class ProjectArtifactsFromConfigTest {

  private static final String CONFIG =
      """
      project_name: tiny
      version: "1.0.0"
      schedule:
        enabled: true
        cron: "0 3 * * *"
      batch:
        enabled: true
        orchestrator: "step_functions"
        pipeline:
          steps:
            - id: "hello"
              name: "Hello"
              command: "echo hello"
              resources:
                cpu: 1.0
                memory_gb: 2
      infra:
        compute:
          provider: "ec2"
          ec2_type: "t3.xlarge"
          min_quantity: 0
          max_quantity: 1
          spot: true
      """;

  @Test
  void everyDeclaredEnvironmentWhenNoneIsNamed() {
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(ConfigLoader.parse("config.yaml", CONFIG), List.of());

    assertThat(artifacts.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    assertThat(artifacts.project()).isEqualTo("tiny");
    assertThat(artifacts.environments()).containsExactly("dev", "prd");
    assertThat(artifacts.files().keySet())
        .containsExactly(
            "pipeline.json",
            "pipeline.mmd",
            "state-machine.dev.asl.json",
            "task-definition.dev.json",
            "schedule.dev.json",
            "state-machine.prd.asl.json",
            "task-definition.prd.json",
            "schedule.prd.json");
  }

  @Test
  void onlyTheEnvironmentsAskedFor() {
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(ConfigLoader.parse("config.yaml", CONFIG), List.of("prd"));

    assertThat(artifacts.files().keySet())
        .containsExactly(
            "pipeline.json",
            "pipeline.mmd",
            "state-machine.prd.asl.json",
            "task-definition.prd.json",
            "schedule.prd.json");
  }

  @Test
  void anUndeclaredEnvironmentIsAnErrorNamingTheFile() {
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(ConfigLoader.parse("config.yaml", CONFIG), List.of("stg"));

    assertThat(artifacts.files()).isEmpty();
    assertThat(artifacts.diagnostics())
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::render)
        .containsExactly(
            "config.yaml: error: [ESTEIRA-ARTIFACTS-UNKNOWN-ENVIRONMENT] environment 'stg' is not"
                + " declared in this config.yaml; use one of dev, prd, or add an environments.stg"
                + " section");
  }

  @Test
  void aConfigWithAnUnknownKeyGivesNoFileAndTheKeysPosition() {
    Loaded loaded =
        ConfigLoader.parse("config.yaml", CONFIG.replace("memory_gb: 2", "memory_gbs: 2"));

    ProjectArtifacts artifacts = ProjectArtifacts.generate(loaded, List.of());

    assertThat(artifacts.files()).isEmpty();
    assertThat(artifacts.diagnostics())
        .filteredOn(Diagnostic::isError)
        .extracting(Diagnostic::code, d -> d.position().orElseThrow().line())
        .contains(org.assertj.core.groups.Tuple.tuple("ESTEIRA-CONFIG-UNKNOWN-KEY", 16));
  }

  @Test
  void generatingTwiceGivesTheSameBytes() {
    Loaded loaded = ConfigLoader.parse("config.yaml", CONFIG);
    assertThat(ProjectArtifacts.generate(loaded, List.of()).files())
        .isEqualTo(ProjectArtifacts.generate(loaded, List.of()).files());
  }

  @Test
  void aStateMachineOverAStepFunctionsLimitIsAnErrorNamingTheFileAndWritesNothing() {
    String longCommand = "echo " + "x".repeat(9000);
    ProjectArtifacts artifacts =
        ProjectArtifacts.generate(
            ConfigLoader.parse(
                "projects/tiny/config.yaml", CONFIG.replace("echo hello", longCommand)),
            List.of("dev"));

    assertThat(artifacts.files()).isEmpty();
    assertThat(artifacts.diagnostics())
        .filteredOn(Diagnostic::isError)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo("ESTEIRA-ASL-OVERRIDES-TOO-LARGE");
              assertThat(d.render()).startsWith("projects/tiny/config.yaml: error: ");
            });
  }
}
