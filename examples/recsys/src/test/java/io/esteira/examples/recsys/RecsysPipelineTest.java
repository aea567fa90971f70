package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.mlflow.tracking.MlflowTracking;
import io.esteira.mlflow.tracking.TrackedRun;
import io.esteira.runtime.store.MissingItemException;
import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps' own work, called directly (the dispatcher's test calls them as the launcher does): a
 * deterministic fleet, a Tribuo model whose held-out metrics stay above floors that data
 * guarantees, the scores file, the saved model and what the run recorded with tracking off.
 */
class RecsysPipelineTest {

  @TempDir Path workDir;

  private final RecsysPipeline pipeline = new RecsysPipeline();

  @Test
  void theFleetIsTheSameOnEveryRunAndHasBothLabels() {
    assertThat(Fleet.vehicles()).isEqualTo(Fleet.vehicles()).hasSize(Fleet.SIZE);
    long rented = Fleet.vehicles().stream().filter(Vehicle::rentedNextWeek).count();
    assertThat(rented).isBetween(Fleet.SIZE / 5L, Fleet.SIZE * 4L / 5);
    assertThat(Fleet.vehicles(10, 1L)).isNotEqualTo(Fleet.vehicles(10, 2L));
  }

  @Test
  void extractFeaturesWritesOneRowPerVehicleThatReadsBackTheSame() throws Exception {
    TestStepContext context = new TestStepContext("recsys", "extract_features", workDir);
    pipeline.extractFeatures(context);

    List<String> lines = read(RecsysPipeline.FEATURES_FILE);
    assertThat(lines).first().isEqualTo(FeatureTable.HEADER);
    assertThat(lines).hasSize(Fleet.SIZE + 1);
    assertThat(FeatureTable.parse(lines)).isEqualTo(Fleet.vehicles());
    assertThat(context.logger().messages())
        .containsExactly("INFO wrote 600 feature rows to " + workDir.resolve("features.csv"));
  }

  @Test
  void theModelBeatsGuessingOnVehiclesItWasNotTrainedOn() throws Exception {
    ScoreModel.Result result = scoreWithTrackingOff();

    assertThat(result.trained()).isEqualTo(450);
    assertThat(result.heldOut()).isEqualTo(150);
    // The seeded fleet gives accuracy 0.793, AUC 0.869, F1 0.752. The floors sit below those and
    // well above a constant guess (AUC 0.5; always "not rented" is right for 56% of the fleet).
    assertThat(result.evaluation().auc()).isGreaterThan(0.8);
    assertThat(result.evaluation().accuracy()).isGreaterThan(0.72);
    assertThat(result.evaluation().f1()).isGreaterThan(0.65);
  }

  @Test
  void scoresCoverEveryVehicleBestFirstAsProbabilities() throws Exception {
    scoreWithTrackingOff();

    List<String> lines = read(RecsysPipeline.SCORES_FILE);
    assertThat(lines).first().isEqualTo(ScoreModel.SCORES_HEADER);
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).hasSize(Fleet.SIZE);
    assertThat(rows.stream().map(r -> r.split(",")[0]).distinct()).hasSize(Fleet.SIZE);
    List<Double> scores = rows.stream().map(r -> Double.parseDouble(r.split(",")[1])).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    // The model learnt the direction of the rule: the vehicles scored highest were rented more
    // often than the ones scored lowest.
    assertThat(rentedShare(rows.subList(0, 100)))
        .isGreaterThan(rentedShare(rows.subList(500, 600)));
  }

  @Test
  void theSavedModelScoresLikeTheTrainedOne() throws Exception {
    scoreWithTrackingOff();

    RentalModel loaded = RentalModel.load(workDir.resolve(RecsysPipeline.MODEL_FILE));
    List<String> rows = read(RecsysPipeline.SCORES_FILE);
    String[] best = rows.get(1).split(",");
    Vehicle vehicle =
        Fleet.vehicles().stream().filter(v -> v.id().equals(best[0])).findFirst().orElseThrow();
    assertThat(String.format(java.util.Locale.ROOT, "%.4f", loaded.score(vehicle)))
        .isEqualTo(best[1]);
  }

  @Test
  void withTrackingOffTheRunKeepsParamsMetricsTheModelFileAndTheRegistration() throws Exception {
    Path store = workDir.resolve("store");
    TestStepContext extract = new TestStepContext("recsys", "extract_features", workDir, store);
    pipeline.extractFeatures(extract);
    extract.storeOutputs();
    TestStepContext context = new TestStepContext("recsys", "score_model", workDir, store);
    pipeline.scoreModel(context);

    // Local run ids are local-<execution id>-<step>-<attempt>.
    String run = "{\"run_id\":\"local-" + context.executionId() + "-score_model-1\",";
    List<String> tracked = read("mlflow-tracking.jsonl");
    assertThat(tracked)
        .contains(
            run + "\"type\":\"param\",\"key\":\"epochs\",\"value\":\"20\"}",
            run + "\"type\":\"param\",\"key\":\"training_rows\",\"value\":\"450\"}",
            run + "\"type\":\"tag\",\"key\":\"esteira.step\",\"value\":\"score_model\"}",
            run
                + "\"type\":\"artifact\",\"key\":\"model/model.tribuo\","
                + "\"value\":\"mlflow-artifacts/model/model.tribuo\"}",
            run
                + "\"type\":\"model_version\",\"key\":\"recsys\","
                + "\"value\":\"mlflow-artifacts/model\"}");
    assertThat(tracked).anyMatch(l -> l.startsWith(run + "\"type\":\"metric\",\"key\":\"auc\""));
    assertThat(tracked).last().asString().contains("FINISHED");
    assertThat(workDir.resolve("mlflow-artifacts/model/model.tribuo"))
        .hasSameBinaryContentAs(workDir.resolve(RecsysPipeline.MODEL_FILE));
    assertThat(context.logger().messages())
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("INFO scored 600 vehicles into " + workDir.resolve("scores.csv"))
                    .contains("trained on 450 vehicles; on 150 held out: accuracy 0.")
                    .endsWith("tracking is off, so no model version was registered"));
  }

  @Test
  void scoreModelReadsTheFeatureFileItIsHandedNotTheFleet() throws Exception {
    Path features = workDir.resolve("seeded.csv");
    FeatureTable.write(features, Fleet.vehicles(40, 7L));

    pipeline.scoreModel(
        new TestStepContext("recsys", "score_model", workDir.resolve("work"))
            .withInput("extract_features", RecsysPipeline.FEATURES_FILE, features));

    assertThat(
            Files.readAllLines(
                workDir.resolve("work").resolve(RecsysPipeline.SCORES_FILE),
                StandardCharsets.UTF_8))
        .hasSize(41);
  }

  @Test
  void scoreModelWithoutFeaturesSaysWhichStepStoresThemAndStartsNoRun() {
    assertThatThrownBy(
            () -> pipeline.scoreModel(new TestStepContext("recsys", "score_model", workDir)))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining(
            "step 'extract_features' stored no output '" + RecsysPipeline.FEATURES_FILE + "'");
    assertThat(workDir.resolve("mlflow-tracking.jsonl")).doesNotExist();
  }

  private ScoreModel.Result scoreWithTrackingOff() throws Exception {
    FeatureTable.write(workDir.resolve(RecsysPipeline.FEATURES_FILE), Fleet.vehicles());
    TestStepContext context = new TestStepContext("recsys", "score_model", workDir);
    try (TrackedRun run = MlflowTracking.forStep(context).startRun()) {
      return ScoreModel.run(
          workDir.resolve(RecsysPipeline.FEATURES_FILE),
          workDir.resolve(RecsysPipeline.SCORES_FILE),
          workDir.resolve(RecsysPipeline.MODEL_FILE),
          run,
          RecsysPipeline.MODEL_NAME);
    }
  }

  private static double rentedShare(List<String> rows) {
    List<String> rented =
        Fleet.vehicles().stream().filter(Vehicle::rentedNextWeek).map(Vehicle::id).toList();
    return rows.stream().filter(r -> rented.contains(r.split(",")[0])).count()
        / (double) rows.size();
  }

  private List<String> read(String file) throws Exception {
    return Files.readAllLines(workDir.resolve(file), StandardCharsets.UTF_8);
  }
}
