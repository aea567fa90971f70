package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps' own work, called directly (the dispatcher's test calls them as the launcher does). */
class RecsysPipelineTest {

  @TempDir Path workDir;

  private final RecsysPipeline pipeline = new RecsysPipeline();

  @Test
  void extractFeaturesWritesOneRowPerVehicle() throws Exception {
    TestStepContext context = new TestStepContext("recsys", "extract_features", workDir);
    pipeline.extractFeatures(context);

    List<String> lines = read(RecsysPipeline.FEATURES_FILE);
    assertThat(lines).first().isEqualTo(RecsysPipeline.FEATURES_HEADER);
    assertThat(lines).hasSize(Fleet.vehicles().size() + 1);
    assertThat(lines).contains("v003,compact,119.00,21,4.8");
    assertThat(Fleet.parse(lines)).isEqualTo(Fleet.vehicles());
    assertThat(context.logger().messages())
        .containsExactly("INFO wrote 8 feature rows to " + workDir.resolve("features.csv"));
  }

  @Test
  void scoreModelScoresEveryVehicleBestFirst() throws Exception {
    pipeline.extractFeatures(new TestStepContext("recsys", "extract_features", workDir));
    pipeline.scoreModel(new TestStepContext("recsys", "score_model", workDir));

    List<String> lines = read(RecsysPipeline.SCORES_FILE);
    assertThat(lines).first().isEqualTo(RecsysPipeline.SCORES_HEADER);
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).hasSize(Fleet.vehicles().size());
    List<Double> scores = rows.stream().map(r -> Double.parseDouble(r.split(",")[1])).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    // The most rented compact beats the rarely rented luxury car.
    assertThat(rows.indexOf(row(rows, "v008"))).isLessThan(rows.indexOf(row(rows, "v006")));
  }

  @Test
  void scoreModelLogsItsWeightsAndScoresLocallyWhenNoMlflowServerIsSet() throws Exception {
    pipeline.extractFeatures(new TestStepContext("recsys", "extract_features", workDir));
    TestStepContext context = new TestStepContext("recsys", "score_model", workDir);
    pipeline.scoreModel(context);

    // Local run ids are local-<execution id>-<step>-<attempt>.
    String runId = "local-" + context.executionId() + "-score_model-1";
    List<String> tracked = read("mlflow-tracking.jsonl");
    assertThat(tracked)
        .contains(
            "{\"run_id\":\""
                + runId
                + "\",\"type\":\"param\","
                + "\"key\":\"popularity_weight\",\"value\":\"0.5\"}",
            "{\"run_id\":\""
                + runId
                + "\",\"type\":\"metric\","
                + "\"key\":\"vehicles_scored\",\"value\":8.0}",
            "{\"run_id\":\""
                + runId
                + "\",\"type\":\"tag\","
                + "\"key\":\"esteira.step\",\"value\":\"score_model\"}");
    assertThat(tracked).last().asString().contains("FINISHED");
  }

  @Test
  void scoreModelReadsTheFeatureFileNotTheFleet() throws Exception {
    Files.write(
        workDir.resolve(RecsysPipeline.FEATURES_FILE),
        List.of(RecsysPipeline.FEATURES_HEADER, "x1,economy,50.00,30,5.0"),
        StandardCharsets.UTF_8);

    pipeline.scoreModel(new TestStepContext("recsys", "score_model", workDir));

    assertThat(read(RecsysPipeline.SCORES_FILE))
        .containsExactly(RecsysPipeline.SCORES_HEADER, "x1,0.9800");
  }

  @Test
  void scoreModelWithoutFeaturesSaysWhichStepToRunFirst() {
    assertThatThrownBy(
            () -> pipeline.scoreModel(new TestStepContext("recsys", "score_model", workDir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(RecsysPipeline.FEATURES_FILE)
        .hasMessageContaining("run extract_features first");
  }

  private List<String> read(String file) throws Exception {
    return Files.readAllLines(workDir.resolve(file), StandardCharsets.UTF_8);
  }

  private static String row(List<String> rows, String vehicle) {
    return rows.stream().filter(r -> r.startsWith(vehicle + ",")).findFirst().orElseThrow();
  }
}
