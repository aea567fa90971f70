package io.esteira.examples.churn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A logistic regression fitted by batch gradient descent: small enough to read, deterministic (no
 * random start, a fixed number of passes), and good enough to beat guessing on the sample.
 */
final class LogisticModel {

  static final List<String> HEADER = List.of("feature", "weight");

  static final String BIAS = "bias";

  private static final int PASSES = 3000;

  private static final double LEARNING_RATE = 0.5;

  /** The bias first, then one weight per feature. */
  private final double[] weights;

  private LogisticModel(double[] weights) {
    this.weights = weights;
  }

  static LogisticModel fit(double[][] x, int[] y) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException(
          "need one label per row and at least one row, got " + x.length + " and " + y.length);
    }
    int features = x[0].length;
    double[] w = new double[features + 1];
    for (int pass = 0; pass < PASSES; pass++) {
      double[] gradient = new double[w.length];
      for (int i = 0; i < x.length; i++) {
        double error = sigmoid(dot(w, x[i])) - y[i];
        gradient[0] += error;
        for (int f = 0; f < features; f++) {
          gradient[f + 1] += error * x[i][f];
        }
      }
      for (int k = 0; k < w.length; k++) {
        w[k] -= LEARNING_RATE * gradient[k] / x.length;
      }
    }
    return new LogisticModel(w);
  }

  double probability(double[] features) {
    return sigmoid(dot(weights, features));
  }

  /** One row per weight, named; the bias first. */
  List<List<String>> rows(List<String> names) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(BIAS, format(weights[0])));
    for (int f = 0; f < names.size(); f++) {
      rows.add(List.of(names.get(f), format(weights[f + 1])));
    }
    return rows;
  }

  /** Reads what {@link #rows} wrote, checking that the features are the ones expected. */
  static LogisticModel read(Csv.Table table, List<String> names) {
    List<String> expected = new ArrayList<>();
    expected.add(BIAS);
    expected.addAll(names);
    List<String> found = table.rows().stream().map(row -> row.get(0)).toList();
    if (!found.equals(expected)) {
      throw new IllegalArgumentException(
          table.file() + " has weights for " + found + ", expected " + expected);
    }
    double[] weights = new double[expected.size()];
    for (int k = 0; k < weights.length; k++) {
      weights[k] = Double.parseDouble(table.rows().get(k).get(table.column("weight")));
    }
    return new LogisticModel(weights);
  }

  private static double dot(double[] w, double[] x) {
    double z = w[0];
    for (int f = 0; f < x.length; f++) {
      z += w[f + 1] * x[f];
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
