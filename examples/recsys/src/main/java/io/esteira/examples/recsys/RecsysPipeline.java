package io.esteira.examples.recsys;

import io.esteira.Pipeline;
import io.esteira.Step;
import io.esteira.StepContext;
import io.esteira.mlflow.tracking.MlflowTracking;
import io.esteira.mlflow.tracking.TrackedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The origin document's vehicle recommendation pipeline: extract features, then score them. The
 * project name, version, schedule, instance type, notifications and the registered model ({@code
 * mlflow.models}) come from {@code config.yaml} beside the pom; the steps and their resources from
 * the annotations below. With no {@code after} on any step, they run in declaration order.
 *
 * <p>The machine learning is real and small: {@code extract_features} writes a feature table of a
 * deterministic, made-up fleet (who was rented the week after is the label); {@code score_model}
 * trains a Tribuo logistic regression on three quarters of it, evaluates it on the rest (accuracy,
 * AUC, F1), writes every vehicle's probability of a rental, best first, and saves the model in
 * Tribuo's format. To MLflow (MLFLOW_TRACKING_URI) it logs the training settings and metrics,
 * uploads the model file as a run artifact and registers it as a new version of model {@value
 * #MODEL_NAME}, the version {@code esteira models promote} and the deploy gate then act on. With no
 * server set, the same goes to mlflow-tracking.jsonl in the step's work directory.
 *
 * <p>The steps hand their files over through the run's store ({@code docs/step-data.md}): each step
 * declares what it writes ({@code outputs}) and reads ({@code inputs}) on its annotation, writes to
 * {@link StepContext#output} and reads from {@link StepContext#input}, so the same code works
 * locally, where each step starts in an empty work directory, and in AWS, where each step is its
 * own ECS task and the files go through S3. The step methods only say where their files are and
 * hand the work to plain classes ({@link Fleet}, {@link FeatureTable}, {@link ScoreModel}), which
 * the tests call directly.
 */
@Pipeline
public class RecsysPipeline {

  /** The feature table {@link #extractFeatures} writes and {@link #scoreModel} reads. */
  public static final String FEATURES_FILE = "features.csv";

  /** The scores {@link #scoreModel} writes, best first. */
  public static final String SCORES_FILE = "scores.csv";

  /** The trained model {@link #scoreModel} saves, in Tribuo's protobuf format. */
  public static final String MODEL_FILE = "model.tribuo";

  /** The registered model {@link #scoreModel} adds a version to: {@code mlflow.models}. */
  public static final String MODEL_NAME = "recsys";

  /** Writes one row of features per vehicle of the (deterministic) fleet. */
  @Step(cpu = 1, memoryGb = 4, outputs = FEATURES_FILE)
  public void extractFeatures(StepContext ctx) throws IOException {
    Path out = ctx.output(FEATURES_FILE);
    List<Vehicle> fleet = Fleet.vehicles();
    FeatureTable.write(out, fleet);
    ctx.logger().log(System.Logger.Level.INFO, "wrote " + fleet.size() + " feature rows to " + out);
  }

  /**
   * Trains, evaluates and saves the rental model, scores every vehicle, and records the run in
   * MLflow with the model as an artifact and a registered version.
   */
  @Step(
      cpu = 2,
      memoryGb = 8,
      inputs = "extract_features/" + FEATURES_FILE,
      outputs = {SCORES_FILE, MODEL_FILE})
  public void scoreModel(StepContext ctx) throws IOException {
    Path features = ctx.input("extract_features", FEATURES_FILE);
    Path scores = ctx.output(SCORES_FILE);
    Path model = ctx.output(MODEL_FILE);
    try (TrackedRun run = MlflowTracking.forStep(ctx).startRun()) {
      ScoreModel.Result result = ScoreModel.run(features, scores, model, run, MODEL_NAME);
      ctx.logger()
          .log(
              System.Logger.Level.INFO,
              "scored "
                  + (result.trained() + result.heldOut())
                  + " vehicles into "
                  + scores
                  + "; "
                  + result.summary(MODEL_NAME));
    }
  }
}
