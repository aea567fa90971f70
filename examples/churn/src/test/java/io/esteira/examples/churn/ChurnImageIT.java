package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.image.JavaImageBuilder;
import io.esteira.image.PipelineImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This example's image, built by {@link JavaImageBuilder} from the built project (target/classes
 * and target/esteira-classpath.txt) on a base image made for the test, pushed to a real registry
 * and read back with skopeo; then its first step, {@code load_customers}, run from the image's
 * unpacked application layers exactly as the generated state machine starts it (its command, its
 * variables), with a local directory as the run store.
 */
class ChurnImageIT {

  private static final String PROJECT = "churn";

  @TempDir Path tmp;

  @Test
  void theImageRunsTheFirstStepAsTheStateMachineStartsIt() throws Exception {
    PipelineImages.FirstStep first = PipelineImages.buildAndRunFirstStep(PROJECT, tmp);

    assertThat(first.step().id()).isEqualTo("load_customers");
    assertThat(first.step().outputs()).containsExactly(ChurnPipeline.CUSTOMERS_FILE);
    // The table the step's code writes when called here, in the test's JVM.
    Path expected = tmp.resolve("expected.csv");
    Customers.write(expected);
    assertThat(first.store().resolve(first.step().id()).resolve(ChurnPipeline.CUSTOMERS_FILE))
        .hasSameBinaryContentAs(expected);
  }
}
