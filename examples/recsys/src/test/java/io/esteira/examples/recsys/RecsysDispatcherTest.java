package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.StepDispatcher;
import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher the processor generated for {@link RecsysPipeline}, found the way the step
 * launcher finds it: through {@link ServiceLoader}, by project name.
 */
class RecsysDispatcherTest {

  @TempDir Path workDir;

  @Test
  void serviceLoaderFindsExactlyOneDispatcherForRecsys() {
    List<StepDispatcher> recsys = dispatchers("recsys");

    assertThat(recsys).hasSize(1);
    assertThat(recsys.get(0).stepIds()).containsExactly("extract_features", "score_model");
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
    assertThat(scores).first().isEqualTo(RecsysPipeline.SCORES_HEADER);
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
    List<StepDispatcher> recsys = dispatchers("recsys");
    assertThat(recsys)
        .as("StepDispatcher services for project recsys (is META-INF/services generated?)")
        .hasSize(1);
    return recsys.get(0);
  }

  private static List<StepDispatcher> dispatchers(String project) {
    return ServiceLoader.load(StepDispatcher.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(d -> d.project().equals(project))
        .toList();
  }
}
