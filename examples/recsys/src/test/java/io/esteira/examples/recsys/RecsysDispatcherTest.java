package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
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
  void runningBothStepsInOrderWritesFeaturesThenScores() throws Exception {
    StepDispatcher dispatcher = dispatcher();

    dispatcher.run("extract_features", new TestStepContext("recsys", "extract_features", workDir));
    assertThat(workDir.resolve(RecsysPipeline.FEATURES_FILE)).isRegularFile();
    assertThat(workDir.resolve(RecsysPipeline.SCORES_FILE)).doesNotExist();

    dispatcher.run("score_model", new TestStepContext("recsys", "score_model", workDir));
    List<String> scores =
        Files.readAllLines(workDir.resolve(RecsysPipeline.SCORES_FILE), StandardCharsets.UTF_8);
    assertThat(scores).first().isEqualTo(ScoreModel.SCORES_HEADER);
    assertThat(scores).hasSize(Fleet.vehicles().size() + 1);
  }

  @Test
  void aStepsExceptionReachesTheCaller() {
    // score_model before extract_features: the method's own exception, not a wrapper.
    assertThatThrownBy(
            () ->
                dispatcher()
                    .run("score_model", new TestStepContext("recsys", "score_model", workDir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run extract_features first");
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
