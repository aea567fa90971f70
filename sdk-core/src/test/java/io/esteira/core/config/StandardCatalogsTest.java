package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The loader with the real cron converter and instance table, as {@code esteira} runs it; the other
 * config tests use {@link Fakes} so that they test the loader alone.
 */
class StandardCatalogsTest {

  @Test
  void theOriginExampleLoadsAndResolvesWithTheRealTables() throws Exception {
    Path seed = Path.of(StandardCatalogsTest.class.getResource("/seed/config.yaml").toURI());
    Loaded loaded = ConfigLoader.read(seed);

    assertThat(loaded.diagnostics()).isEmpty();
    PipelineModel prd = loaded.config().orElseThrow().resolve("prd").model().orElseThrow();
    assertThat(prd.schedule().expression()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(loaded.config().orElseThrow().resolve("dev").diagnostics()).isEmpty();
  }

  @Test
  void aStepAskingForAllOfAnInstancesMemoryDoesNotFit() {
    String yaml =
        """
        project_name: recsys
        version: "1"
        batch:
          pipeline:
            steps:
              - id: score
                command: run
                resources:
                  memory_gb: 16
        infra:
          compute:
            ec2_type: t3.xlarge
        """;
    ProjectConfig config = ConfigLoader.parse("config.yaml", yaml).config().orElseThrow();

    assertThat(config.resolve("dev").diagnostics())
        .extracting(Fakes::where)
        .containsExactly("ESTEIRA-CONFIG-STEP-DOES-NOT-FIT 9:22");
  }

  @Test
  void aMisspeltInstanceTypeIsAWarningWithASuggestion() {
    String yaml =
        "project_name: recsys\nversion: \"1\"\nbatch:\n  pipeline:\n    steps:\n"
            + "      - id: a\n        command: run\ninfra:\n  compute:\n    ec2_type: t3.xlarg\n";
    Loaded loaded = ConfigLoader.parse("config.yaml", yaml);

    assertThat(loaded.diagnostics())
        .extracting(Fakes::where)
        .containsExactly("ESTEIRA-CONFIG-UNKNOWN-INSTANCE-TYPE 10:15");
    assertThat(loaded.diagnostics().get(0).text()).contains("did you mean 't3.xlarge'?");
  }
}
