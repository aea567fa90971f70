package io.esteira.examples.churn;

import io.esteira.mlflow.tracking.TrackedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The work of {@code train}, given where its files are: fit the churn model on three quarters of
 * the customers, evaluate it on the rest, save it, and record all of it in the run (params,
 * metrics, the model file as an artifact, a registered version).
 */
final class TrainModel {

  /** Every fourth customer is held out from training, to evaluate the model on. */
  static final int HOLD_OUT_EVERY = 4;

  /** The run's artifact directory the model file is logged to and registered from. */
  static final String ARTIFACT_PATH = "model";

  private TrainModel() {}

  /**
   * What a run did.
   *
   * @param trained customers trained on
   * @param heldOut customers evaluated on
   * @param evaluation the model's metrics on the held-out customers
   * @param version the registered model version, 0 when tracking is off
   */
  record Result(int trained, int heldOut, ChurnModel.Evaluation evaluation, int version) {

    String summary(String modelName) {
      return String.format(
          Locale.ROOT,
          "trained on %d customers; on %d held out: accuracy %.3f, AUC %.3f, F1 %.3f; %s",
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
   * @param modelFile where to save the trained model
   * @param modelName the registered model to add a version to
   */
  static Result run(
      Path customersFile,
      Path usageFile,
      Path billingFile,
      Path modelFile,
      TrackedRun run,
      String modelName)
      throws IOException {
    try {
      List<Customer> customers = Customers.read(customersFile);
      Features features = Features.read(usageFile, billingFile, customers);
      boolean[] heldOut = new boolean[customers.size()];
      boolean[] training = new boolean[customers.size()];
      int held = 0;
      for (int i = 0; i < heldOut.length; i++) {
        heldOut[i] = i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
        training[i] = !heldOut[i];
        held += heldOut[i] ? 1 : 0;
      }
      run.logParam("model", "tribuo LinearSGDTrainer, LogMulticlass objective, AdaGrad");
      run.logParam("features", String.join(" ", Features.NAMES));
      run.logParam("epochs", String.valueOf(ChurnModel.EPOCHS));
      run.logParam("learning_rate", String.valueOf(ChurnModel.LEARNING_RATE));
      run.logParam("seed", String.valueOf(ChurnModel.SEED));
      run.logParam("training_rows", String.valueOf(customers.size() - held));
      run.logParam("held_out_rows", String.valueOf(held));

      ChurnModel model = ChurnModel.train(features, training);
      ChurnModel.Evaluation evaluation = model.evaluate(features, heldOut);
      run.logMetric("accuracy", evaluation.accuracy());
      run.logMetric("auc", evaluation.auc());
      run.logMetric("f1", evaluation.f1());

      model.save(modelFile);
      run.logArtifact(modelFile, ARTIFACT_PATH);
      int version = run.registerModel(modelName, ARTIFACT_PATH);
      return new Result(customers.size() - held, held, evaluation, version);
    } catch (IOException | RuntimeException e) {
      run.fail();
      throw e;
    }
  }
}
