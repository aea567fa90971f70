package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.testing.PipelineTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline as the local runner runs it, in this JVM: found by project name on the class
 * path (its pipeline.json and step index), with the feature step replaced by a stub that writes a
 * smaller fleet.
 */
class RecsysPipelineTesterTest {

  @TempDir Path runs;

  @Test
  void scoreModelScoresWhatTheStubbedFeatureStepWrote() throws Exception {
    PipelineTester.Result result =
        PipelineTester.forProject("recsys")
            .runsRoot(runs)
            .stub(
                "extract_features",
                ctx ->
                    FeatureTable.write(
                        ctx.workDir().resolve(RecsysPipeline.FEATURES_FILE),
                        Fleet.vehicles(40, 7L)))
            .run();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.ran()).containsExactly("extract_features", "score_model");
    assertThat(result.attempts("score_model")).isEqualTo(1);
    // A line of its own: the log may also hold what the step's libraries print (Tribuo's
    // training lines, the tracking notice), depending on where the JVM's logging was set up.
    assertThat(result.log("score_model", 1)).containsPattern("(?m)^INFO scored 40 vehicles into ");
    assertThat(Files.readAllLines(result.workDir().resolve(RecsysPipeline.SCORES_FILE)))
        .hasSize(41)
        .startsWith(ScoreModel.SCORES_HEADER);
  }
}
