package io.esteira.examples.recsys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Whether a vehicle is rented next week: a Tribuo logistic regression (linear SGD with the log loss
 * and AdaGrad) over the vehicle's price, popularity, rating and category. Training is
 * deterministic: a fixed seed orders the SGD passes, so the same table gives the same model.
 */
final class RentalModel {

  static final Label RENTED = new Label("rented");
  static final Label NOT_RENTED = new Label("not_rented");

  /** The training settings, logged as the run's params. */
  static final int EPOCHS = 20;

  static final double LEARNING_RATE = 0.5;
  static final long SEED = 12345L;

  /** Tribuo's value for "log no loss every N examples": the step's log stays short. */
  private static final int NO_PROGRESS_LOG = -1;

  private static final LabelFactory LABELS = new LabelFactory();

  private final Model<Label> model;

  private RentalModel(Model<Label> model) {
    this.model = model;
  }

  /**
   * What the model scored on vehicles it was not trained on.
   *
   * @param accuracy the share predicted right
   * @param auc the area under the ROC curve of {@link #RENTED}
   * @param f1 the F1 score of {@link #RENTED}
   */
  record Evaluation(double accuracy, double auc, double f1) {}

  static RentalModel train(List<Vehicle> vehicles) {
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS, NO_PROGRESS_LOG, SEED);
    return new RentalModel(trainer.train(dataset(vehicles, "training")));
  }

  Evaluation evaluate(List<Vehicle> heldOut) {
    LabelEvaluation e = new LabelEvaluator().evaluate(model, dataset(heldOut, "held-out"));
    return new Evaluation(e.accuracy(), e.AUCROC(RENTED), e.f1(RENTED));
  }

  /** The probability that the vehicle is rented next week (its label is not looked at). */
  double score(Vehicle v) {
    Example<Label> unlabelled = example(v, LabelFactory.UNKNOWN_LABEL);
    return model.predict(unlabelled).getOutputScores().get(RENTED.getLabel()).getScore();
  }

  /** Writes the model in Tribuo's own protobuf format, which {@link #load} reads. */
  void save(Path file) throws IOException {
    model.serializeToFile(file);
  }

  static RentalModel load(Path file) throws IOException {
    return new RentalModel(Model.deserializeFromFile(file).castModel(Label.class));
  }

  private static MutableDataset<Label> dataset(List<Vehicle> vehicles, String name) {
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance(name, LABELS), LABELS);
    for (Vehicle v : vehicles) {
      data.add(example(v, v.rentedNextWeek() ? RENTED : NOT_RENTED));
    }
    return data;
  }

  /** The features, each on a scale near 0..1, and the category one-hot. */
  private static Example<Label> example(Vehicle v, Label label) {
    List<String> names = new ArrayList<>(List.of("price", "rentals", "rating"));
    List<Double> values =
        new ArrayList<>(
            List.of(v.dailyPrice() / 500.0, v.rentalsLast30Days() / 30.0, (v.rating() - 1) / 4));
    names.add("category=" + v.category());
    values.add(1.0);
    return new ArrayExample<>(
        label,
        names.toArray(String[]::new),
        values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
