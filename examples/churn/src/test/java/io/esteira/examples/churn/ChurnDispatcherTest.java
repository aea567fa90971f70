package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
import io.esteira.runtime.store.MissingItemException;
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
  void runningEveryStepEachInItsOwnWorkDirectoryStoresEveryFile() throws Exception {
    StepDispatcher dispatcher = dispatcher();
    Path store = workDir.resolve("store");

    for (String step : STEPS) {
      TestStepContext context = new TestStepContext("churn", step, workDir.resolve(step), store);
      dispatcher.run(step, context);
      context.storeOutputs();
    }

    assertThat(store.resolve("load_customers").resolve(ChurnPipeline.CUSTOMERS_FILE))
        .isRegularFile();
    assertThat(store.resolve("features_usage").resolve(ChurnPipeline.USAGE_FILE)).isRegularFile();
    assertThat(store.resolve("features_billing").resolve(ChurnPipeline.BILLING_FILE))
        .isRegularFile();
    assertThat(store.resolve("train").resolve(ChurnPipeline.MODEL_FILE)).isRegularFile();
    assertThat(store.resolve("report").resolve(ChurnPipeline.REPORT_FILE))
        .content()
        .startsWith("churn report\n");
  }

  @Test
  void aStepsOwnExceptionReachesTheCaller() {
    assertThatThrownBy(
            () -> dispatcher().run("train", new TestStepContext("churn", "train", workDir)))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining("step 'load_customers' stored no output 'customers.csv'");
  }

  private static StepDispatcher dispatcher() {
    ClassLoader loader = ChurnDispatcherTest.class.getClassLoader();
    assertThat(Dispatchers.projects(loader))
        .as("projects with a dispatcher (is META-INF/esteira/churn/steps.idx generated?)")
        .containsExactly("churn");
    return Dispatchers.find("churn", loader).orElseThrow();
  }
}
