package io.esteira.examples.recsys;

import io.esteira.mlflow.tracking.TrackedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The work of {@code score_model}, given where its files are: train the rental model on most of the
 * feature table, evaluate it on the rest, score every vehicle, save the model, and record all of it
 * in the run (params, metrics, the model file as an artifact, a registered version).
 */
final class ScoreModel {

  static final String SCORES_HEADER = "vehicle_id,score";

  /** Every fourth vehicle of the table is held out from training, to evaluate the model on. */
  static final int HOLD_OUT_EVERY = 4;

  /** The run's artifact directory the model file is logged to and registered from. */
  static final String ARTIFACT_PATH = "model";

  private ScoreModel() {}

  /**
   * What a run did.
   *
   * @param trained vehicles trained on
   * @param heldOut vehicles evaluated on
   * @param evaluation the model's metrics on the held-out vehicles
   * @param version the registered model version, 0 when tracking is off
   */
  record Result(int trained, int heldOut, RentalModel.Evaluation evaluation, int version) {

    String summary(String modelName) {
      return String.format(
          Locale.ROOT,
          "trained on %d vehicles; on %d held out: accuracy %.3f, AUC %.3f, F1 %.3f; %s",
          trained,
          heldOut,
          evaluation.accuracy(),
          evaluation.auc(),
          evaluation.f1(),
          version > 0
              ? "registered " + modelName + " version " + version
              : "tracking is off, so no model version was registered");
    }
  }

  /**
   * Runs the step's work; a failure ends the run as failed before it is thrown.
   *
   * @param features the feature table to read
   * @param scores where to write every vehicle's score, best first
   * @param modelFile where to save the trained model
   * @param modelName the registered model to add a version to
   */
  static Result run(Path features, Path scores, Path modelFile, TrackedRun run, String modelName)
      throws IOException {
    try {
      List<Vehicle> fleet = FeatureTable.read(features);
      List<Vehicle> training = new ArrayList<>();
      List<Vehicle> heldOut = new ArrayList<>();
      for (int i = 0; i < fleet.size(); i++) {
        (i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1 ? heldOut : training).add(fleet.get(i));
      }
      run.logParam("model", "tribuo LinearSGDTrainer, LogMulticlass objective, AdaGrad");
      run.logParam("epochs", String.valueOf(RentalModel.EPOCHS));
      run.logParam("learning_rate", String.valueOf(RentalModel.LEARNING_RATE));
      run.logParam("seed", String.valueOf(RentalModel.SEED));
      run.logParam("training_rows", String.valueOf(training.size()));
      run.logParam("held_out_rows", String.valueOf(heldOut.size()));

      RentalModel model = RentalModel.train(training);
      RentalModel.Evaluation evaluation = model.evaluate(heldOut);
      run.logMetric("accuracy", evaluation.accuracy());
      run.logMetric("auc", evaluation.auc());
      run.logMetric("f1", evaluation.f1());

      writeScores(scores, fleet, model);
      model.save(modelFile);
      run.logArtifact(modelFile, ARTIFACT_PATH);
      int version = run.registerModel(modelName, ARTIFACT_PATH);
      return new Result(training.size(), heldOut.size(), evaluation, version);
    } catch (IOException | RuntimeException e) {
      run.fail();
      throw e;
    }
  }

  /** One line per vehicle, highest probability of a rental first (ties by id). */
  static void writeScores(Path file, List<Vehicle> fleet, RentalModel model) throws IOException {
    record Scored(String id, double score) {}
    List<String> lines = new ArrayList<>();
    lines.add(SCORES_HEADER);
    fleet.stream()
        .map(v -> new Scored(v.id(), model.score(v)))
        .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id))
        .forEach(s -> lines.add(String.format(Locale.ROOT, "%s,%.4f", s.id(), s.score())));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
