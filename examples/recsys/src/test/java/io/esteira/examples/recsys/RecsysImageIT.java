package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.image.BuiltImage;
import io.esteira.image.ImageRequest;
import io.esteira.image.JavaImageBuilder;
import io.esteira.image.PipelineImages;
import io.esteira.image.PipelineImages.StepContainer;
import io.esteira.image.TestBaseImage;
import io.esteira.image.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This example's image, built by {@link JavaImageBuilder} from the built project (target/classes
 * and target/esteira-classpath.txt) on a base image made for the test, pushed to a real registry
 * and read back with skopeo; then its first step, {@code extract_features}, run from the image's
 * unpacked application layers exactly as the generated state machine starts it (its command, its
 * variables), with a local directory as the run store.
 */
class RecsysImageIT {

  private static final String PROJECT = "recsys";

  @TempDir Path tmp;

  @Test
  void theImageRunsTheFirstStepAsTheStateMachineStartsIt() throws Exception {
    Path classes = Path.of("target/classes").toAbsolutePath();
    TestBaseImage base = TestBaseImage.push("esteira-test/base", PROJECT, tmp.resolve("base"));
    String version = PipelineImages.version(classes, PROJECT);
    ImageRequest request =
        new ImageRequest(
            PROJECT,
            Path.of("").toAbsolutePath(),
            "esteira-test/" + PROJECT,
            List.of(PROJECT + "-" + version, PROJECT + "-git-0123456789ab"),
            Optional.of(base.reference()),
            TestRegistry.access(),
            true,
            tmp.resolve("work"));

    long start = System.nanoTime();
    BuiltImage cold = new JavaImageBuilder().build(request);
    Duration coldTime = Duration.ofNanos(System.nanoTime() - start);
    start = System.nanoTime();
    BuiltImage warm = new JavaImageBuilder().build(request);
    Duration warmTime = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "%s image %s: cold build %d ms, warm build %d ms%n",
        PROJECT, cold.pinned(), coldTime.toMillis(), warmTime.toMillis());

    assertThat(warm.digest()).isEqualTo(cold.digest());
    JsonNode config = PipelineImages.assertImage(cold, base, PROJECT, version);

    Path root =
        PipelineImages.unpackApplicationLayers(
            cold.pinned(), TestBaseImage.LAYERS, tmp.resolve("image"));
    Path store = tmp.resolve("store/" + PROJECT + "/dev/" + PipelineImages.EXECUTION_NAME);
    StepContainer step =
        PipelineImages.firstStep(classes, PROJECT, "dev", store.toUri().toString());
    assertThat(step.id()).isEqualTo("extract_features");
    assertThat(step.outputs()).containsExactly(RecsysPipeline.FEATURES_FILE);

    PipelineImages.Run run =
        PipelineImages.run(
            step, PipelineImages.environment(config), root, tmp.resolve("task-work"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    Path features = store.resolve(step.id()).resolve(RecsysPipeline.FEATURES_FILE);
    assertThat(Files.readAllLines(features)).hasSize(601).startsWith(FeatureTable.HEADER);
  }
}
