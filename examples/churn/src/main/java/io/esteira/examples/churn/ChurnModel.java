package io.esteira.examples.churn;

import java.io.IOException;
import java.nio.file.Path;
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
 * Whether a customer cancels: a Tribuo logistic regression (linear SGD with the log loss and
 * AdaGrad) over the usage and billing features. Training is deterministic: a fixed seed orders the
 * SGD passes, so the same features give the same model.
 */
final class ChurnModel {

  static final Label CHURNED = new Label("churned");
  static final Label STAYED = new Label("stayed");

  /** The training settings, logged as the run's params. */
  static final int EPOCHS = 30;

  static final double LEARNING_RATE = 0.5;
  static final long SEED = 12345L;

  /** Tribuo's value for "log no loss every N examples": the step's log stays short. */
  private static final int NO_PROGRESS_LOG = -1;

  private static final LabelFactory LABELS = new LabelFactory();

  private final Model<Label> model;

  private ChurnModel(Model<Label> model) {
    this.model = model;
  }

  /**
   * What the model scored on customers it was not trained on.
   *
   * @param accuracy the share predicted right
   * @param auc the area under the ROC curve of {@link #CHURNED}
   * @param f1 the F1 score of {@link #CHURNED}
   */
  record Evaluation(double accuracy, double auc, double f1) {}

  /** Trains on the rows whose {@code use} is true. */
  static ChurnModel train(Features features, boolean[] use) {
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new AdaGrad(LEARNING_RATE), EPOCHS, NO_PROGRESS_LOG, SEED);
    return new ChurnModel(trainer.train(dataset(features, use, "training")));
  }

  /** Evaluates on the rows whose {@code use} is true. */
  Evaluation evaluate(Features features, boolean[] use) {
    LabelEvaluation e = new LabelEvaluator().evaluate(model, dataset(features, use, "held-out"));
    return new Evaluation(e.accuracy(), e.AUCROC(CHURNED), e.f1(CHURNED));
  }

  /** The probability that a customer with these features cancels. */
  double probability(double[] row) {
    Example<Label> unlabelled = example(row, LabelFactory.UNKNOWN_LABEL);
    return model.predict(unlabelled).getOutputScores().get(CHURNED.getLabel()).getScore();
  }

  /** Writes the model in Tribuo's own protobuf format, which {@link #load} reads. */
  void save(Path file) throws IOException {
    model.serializeToFile(file);
  }

  /** Reads a model {@code train} saved; a missing file says which step writes it. */
  static ChurnModel load(Path file) throws IOException {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file + " is missing; run train first in the same work directory");
    }
    return new ChurnModel(Model.deserializeFromFile(file).castModel(Label.class));
  }

  private static MutableDataset<Label> dataset(Features features, boolean[] use, String name) {
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance(name, LABELS), LABELS);
    for (int i = 0; i < features.labels().length; i++) {
      if (use[i]) {
        data.add(example(features.matrix()[i], features.labels()[i] == 1 ? CHURNED : STAYED));
      }
    }
    return data;
  }

  private static Example<Label> example(double[] row, Label label) {
    return new ArrayExample<>(label, Features.NAMES.toArray(String[]::new), row);
  }
}
