package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The steps read back from generated state machines (the engine's golden files, read only). */
class StateMachineStepsTest {

  private static final Path GOLDEN = Path.of("../sdk-core/engine/src/test/resources/golden");

  @Test
  void theOriginsStepsAreItsEcsTasksWithoutTheNotifications() throws Exception {
    assertThat(
            StateMachineSteps.of(
                Files.readString(GOLDEN.resolve("seed/state-machine.dev.asl.json"))))
        .containsExactly("extract_features", "score_model");
  }

  @Test
  void parallelBranchesAreListedInPlace() throws Exception {
    assertThat(StateMachineSteps.of(Files.readString(GOLDEN.resolve("asl/churn.prd.asl.json"))))
        .containsExactly("load_data", "train_gbm", "train_linear", "pick_best");
  }

  @Test
  void textThatIsNotAStateMachineHasNoSteps() {
    assertThat(StateMachineSteps.of("not json")).isEmpty();
    assertThat(StateMachineSteps.of("{}")).isEmpty();
  }
}
