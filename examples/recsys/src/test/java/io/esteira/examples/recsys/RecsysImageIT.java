package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.image.JavaImageBuilder;
import io.esteira.image.PipelineImages;
import java.nio.file.Files;
import java.nio.file.Path;
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
    PipelineImages.FirstStep first = PipelineImages.buildAndRunFirstStep(PROJECT, tmp);

    assertThat(first.step().id()).isEqualTo("extract_features");
    assertThat(first.step().outputs()).containsExactly(RecsysPipeline.FEATURES_FILE);
    Path features = first.store().resolve(first.step().id()).resolve(RecsysPipeline.FEATURES_FILE);
    assertThat(Files.readAllLines(features)).hasSize(601).startsWith(FeatureTable.HEADER);
  }
}
