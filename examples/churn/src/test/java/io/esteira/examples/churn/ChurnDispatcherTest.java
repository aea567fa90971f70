package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
import io.esteira.testing.TestStepContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher of {@link ChurnPipeline}, made from the step index the processor wrote and found
 * by project name through {@link Dispatchers} as the step launcher finds it, running every step.
 */
class ChurnDispatcherTest {

  private static final List<String> STEPS =
      List.of("load_customers", "features_usage", "features_billing", "train", "report");

  @TempDir Path workDir;

  @Test
  void theDispatcherForChurnKnowsItsStepsInDeclarationOrder() {
    assertThat(dispatcher().stepIds()).containsExactlyElementsOf(STEPS);
  }

  @Test
  void runningEveryStepLeavesEveryFile() throws Exception {
    StepDispatcher dispatcher = dispatcher();

    for (String step : STEPS) {
      dispatcher.run(step, new TestStepContext("churn", step, workDir));
    }

    assertThat(workDir.resolve(ChurnPipeline.CUSTOMERS_FILE)).isRegularFile();
    assertThat(workDir.resolve(ChurnPipeline.USAGE_FILE)).isRegularFile();
    assertThat(workDir.resolve(ChurnPipeline.BILLING_FILE)).isRegularFile();
    assertThat(workDir.resolve(ChurnPipeline.MODEL_FILE)).isRegularFile();
    assertThat(workDir.resolve(ChurnPipeline.REPORT_FILE)).content().startsWith("churn report\n");
  }

  @Test
  void aStepsOwnExceptionReachesTheCaller() {
    assertThatThrownBy(
            () -> dispatcher().run("train", new TestStepContext("churn", "train", workDir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run load_customers first");
  }

  private static StepDispatcher dispatcher() {
    ClassLoader loader = ChurnDispatcherTest.class.getClassLoader();
    assertThat(Dispatchers.projects(loader))
        .as("projects with a dispatcher (is META-INF/esteira/churn/steps.idx generated?)")
        .containsExactly("churn");
    return Dispatchers.find("churn", loader).orElseThrow();
  }
}
