package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.RECSYS_CONFIG;
import static io.esteira.processor.ProcessorTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.esteira.core.generate.GoldenFiles;
import io.esteira.core.generate.asl.AslValidatorSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid pipelines compile, and what the processor writes (artifacts, step index, registry) equals
 * the golden files under {@code src/test/resources/golden/}. Regenerate them with {@code
 * -Desteira.golden.update=true} and review the diff.
 */
class GoldenOutputTest {

  private static final GoldenFiles GOLDEN = GoldenFiles.standard();

  @TempDir Path dir;

  static final JavaFileObject RECSYS =
      source(
          "demo.recsys.Recsys",
          """
          package demo.recsys;

          import io.esteira.Pipeline;
          import io.esteira.Step;
          import io.esteira.StepContext;

          @Pipeline(name = "recsys", version = "1.0.0")
          public class Recsys {
            @Step(cpu = 1, memoryGb = 4, outputs = "features.csv")
            public void extractFeatures(StepContext context) {}

            @Step(
                name = "Score Model",
                cpu = 2,
                memoryGb = 8,
                inputs = "extract_features/features.csv")
            public void scoreModel() throws Exception {}
          }
          """);

  static final JavaFileObject CHURN =
      source(
          "demo.churn.Churn",
          """
          package demo.churn;

          import io.esteira.Pipeline;
          import io.esteira.Step;

          @Pipeline(name = "churn", version = "2.1.0", description = "Customer churn scores")
          public class Churn {
            @Step(cpu = 0.5, memoryGb = 1)
            public void loadCustomers() {}

            @Step(id = "usage_features", after = "load_customers")
            public void usage() {}

            @Step(id = "billing_features", after = "load_customers", timeout = 900, retries = 0)
            public void billing() {}

            @Step(after = {"usage_features", "billing_features"}, cpu = 2, memoryGb = 4)
            public void scoreChurn() {}
          }
          """);

  @Test
  void recsysWritesTheGoldenArtifactsAndStepIndex() throws Exception {
    Compilation compilation =
        ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, RECSYS_CONFIG), RECSYS);

    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("recsys", compilation);
  }

  @Test
  void churnRunsItsIndependentStepsInParallelBranches() throws Exception {
    // No project_name or version in the file: the annotation gives them.
    String yaml =
        RECSYS_CONFIG
            .replace("project_name: recsys\n", "")
            .replace("version: \"1.0.0\"\n", "")
            .replace("description: \"Sistema de recomendação de veículos\"\n", "");
    Compilation compilation =
        ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, yaml), CHURN);

    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("churn", compilation);
    JsonNode machine =
        new ObjectMapper()
            .readTree(
                GeneratedOutput.metaInf(compilation)
                    .get("esteira/churn/state-machine.dev.asl.json"));
    assertThat(machine.toString()).contains("\"Type\":\"Parallel\"");
  }

  @Test
  void withoutConfigYamlEveryDefaultApplies() throws Exception {
    // -Aesteira.config=none: no config.yaml on purpose, so no warning either.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=none")
            .compile(CHURN);

    assertThat(compilation).succeededWithoutWarnings();
    assertGolden("defaults", compilation);
  }

  @Test
  void aStaticNestedPipelineIsIndexedByItsBinaryName() {
    JavaFileObject nested =
        source(
            "demo.Jobs",
            """
            package demo;

            public class Jobs {
              @io.esteira.Pipeline(name = "nightly", version = "1.0.0")
              public static class Nightly {
                @io.esteira.Step public void refresh(io.esteira.StepContext context) {}
              }
            }
            """);

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=none")
            .compile(nested);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(GeneratedOutput.metaInf(compilation))
        .containsEntry(
            "esteira/nightly/steps.idx",
            "esteira-step-index 1\nclass\tdemo.Jobs$Nightly\nstep\trefresh\trefresh\tcontext\n")
        .containsEntry("esteira/pipelines.idx", "nightly\tdemo.Jobs$Nightly\n")
        .containsKey("esteira/nightly/pipeline.json");
  }

  @Test
  void twoCompilationsWriteTheSameBytes() {
    Path config = ProcessorTesting.writeConfig(dir, RECSYS_CONFIG);

    Compilation first = ProcessorTesting.compile(config, RECSYS);
    Compilation second = ProcessorTesting.compile(config, RECSYS);

    assertThat(GeneratedOutput.metaInf(first))
        .isNotEmpty()
        .isEqualTo(GeneratedOutput.metaInf(second));
    assertThat(GeneratedOutput.sources(first)).isEqualTo(GeneratedOutput.sources(second));
  }

  /** Compares every file written with {@code golden/<name>/}, then runs asl-validator on ASL. */
  private static void assertGolden(String name, Compilation compilation) {
    Map<String, String> written = new TreeMap<>();
    GeneratedOutput.metaInf(compilation)
        .forEach((path, text) -> written.put(path.substring(path.lastIndexOf('/') + 1), text));
    GeneratedOutput.sources(compilation)
        .forEach(
            (path, text) -> written.put(path.substring(path.lastIndexOf('/') + 1) + ".txt", text));
    assertThat(GeneratedOutput.metaInf(compilation)).containsKey("esteira/pipelines.idx");
    assertThat(GeneratedOutput.sources(compilation)).as("generated sources").isEmpty();
    written.forEach((file, text) -> GOLDEN.assertMatches(name + "/" + file, text));
    GOLDEN.assertOnly(name, new ArrayList<>(written.keySet()));

    Map<String, JsonNode> machines = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    for (Map.Entry<String, String> file : written.entrySet()) {
      if (file.getKey().endsWith(".asl.json")) {
        try {
          machines.put(name + "/" + file.getKey(), json.readTree(file.getValue()));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
    assertThat(machines).hasSize(2);
    AslValidatorSupport.assertValid(machines);
  }
}
