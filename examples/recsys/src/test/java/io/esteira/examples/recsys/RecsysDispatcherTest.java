package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
import io.esteira.runtime.store.MissingItemException;
import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher of {@link RecsysPipeline}, found the way the step launcher finds it: through
 * {@link Dispatchers}, by project name, from the step index the processor wrote.
 */
class RecsysDispatcherTest {

  @TempDir Path workDir;

  @Test
  void theDispatchersFindRecsysAndItsStepsByProjectName() {
    assertThat(Dispatchers.projects(loader())).containsExactly("recsys");
    assertThat(dispatcher().project()).isEqualTo("recsys");
    assertThat(dispatcher().stepIds()).containsExactly("extract_features", "score_model");
  }

  @Test
  void runningBothStepsInOrderHandsTheFeaturesOverThroughTheStore() throws Exception {
    StepDispatcher dispatcher = dispatcher();
    Path store = workDir.resolve("store");

    TestStepContext extract =
        new TestStepContext("recsys", "extract_features", workDir.resolve("extract"), store);
    dispatcher.run("extract_features", extract);
    assertThat(extract.storeOutputs()).containsExactly(RecsysPipeline.FEATURES_FILE);

    // score_model starts in its own, empty work directory, as in AWS.
    TestStepContext score =
        new TestStepContext("recsys", "score_model", workDir.resolve("score"), store);
    dispatcher.run("score_model", score);
    assertThat(score.storeOutputs())
        .containsExactlyInAnyOrder(RecsysPipeline.SCORES_FILE, RecsysPipeline.MODEL_FILE);
    List<String> scores =
        Files.readAllLines(
            store.resolve("score_model").resolve(RecsysPipeline.SCORES_FILE),
            StandardCharsets.UTF_8);
    assertThat(scores).first().isEqualTo(ScoreModel.SCORES_HEADER);
    assertThat(scores).hasSize(Fleet.vehicles().size() + 1);
  }

  @Test
  void aStepsExceptionReachesTheCaller() {
    // score_model before extract_features: the store's own exception, not a wrapper.
    assertThatThrownBy(
            () ->
                dispatcher()
                    .run("score_model", new TestStepContext("recsys", "score_model", workDir)))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining("step 'extract_features' stored no output 'features.csv'");
  }

  @Test
  void anUnknownStepIdIsRefused() {
    assertThatThrownBy(
            () ->
                dispatcher()
                    .run("train_model", new TestStepContext("recsys", "train_model", workDir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train_model");
  }

  private static StepDispatcher dispatcher() {
    return Dispatchers.find("recsys", loader())
        .orElseThrow(
            () -> new AssertionError("no dispatcher for recsys (is its steps.idx generated?)"));
  }

  private static ClassLoader loader() {
    return RecsysDispatcherTest.class.getClassLoader();
  }
}
