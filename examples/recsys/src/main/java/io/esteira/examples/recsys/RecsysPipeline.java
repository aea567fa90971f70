package io.esteira.examples.recsys;

import io.esteira.Pipeline;
import io.esteira.Step;
import io.esteira.StepContext;
import io.esteira.mlflow.tracking.MlflowTracking;
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
 * The origin document's vehicle recommendation pipeline: extract features, then score them. The
 * project name, version, schedule, instance type and notifications come from {@code config.yaml}
 * beside the pom; the steps and their resources from the annotations below. With no {@code after}
 * on any step, they run in declaration order.
 *
 * <p>The steps hand data over through files in the step's work directory, which holds when both run
 * in one work directory (as the tests run them). The work is small but real: a feature table is
 * written, read back and scored, and the scoring step logs its weights and results to MLflow
 * (MLFLOW_TRACKING_URI), or to mlflow-tracking.jsonl in its work directory when no server is set.
 */
@Pipeline
public class RecsysPipeline {

  /** The feature table {@link #extractFeatures} writes and {@link #scoreModel} reads. */
  public static final String FEATURES_FILE = "features.csv";

  /** The scores {@link #scoreModel} writes, best first. */
  public static final String SCORES_FILE = "scores.csv";

  static final String FEATURES_HEADER = "vehicle_id,category,daily_price,rentals_30d,rating";

  static final String SCORES_HEADER = "vehicle_id,score";

  /** Writes one row of features per vehicle of the (fixed, small) fleet. */
  @Step(cpu = 1, memoryGb = 4)
  public void extractFeatures(StepContext ctx) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(FEATURES_HEADER);
    for (Vehicle v : Fleet.vehicles()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%s,%s,%.2f,%d,%.1f",
              v.id(),
              v.category(),
              v.dailyPrice(),
              v.rentalsLast30Days(),
              v.rating()));
    }
    Path out = ctx.workDir().resolve(FEATURES_FILE);
    Files.write(out, lines, StandardCharsets.UTF_8);
    ctx.logger()
        .log(System.Logger.Level.INFO, "wrote {0} feature rows to {1}", lines.size() - 1, out);
  }

  /** Weights of {@link #score}, logged as the run's params. */
  static final double POPULARITY_WEIGHT = 0.5;

  static final double QUALITY_WEIGHT = 0.3;
  static final double PRICE_WEIGHT = 0.2;

  /**
   * Reads the feature table back and writes a score per vehicle, highest first; logs the weights
   * and the score range as an MLflow run tagged with the step and execution.
   */
  @Step(cpu = 2, memoryGb = 8)
  public void scoreModel(StepContext ctx) throws IOException {
    Path in = ctx.workDir().resolve(FEATURES_FILE);
    if (!Files.isRegularFile(in)) {
      throw new IllegalStateException(
          in + " is missing; run extract_features first in the same work directory");
    }
    List<Vehicle> vehicles = Fleet.parse(Files.readAllLines(in, StandardCharsets.UTF_8));
    try (TrackedRun run = MlflowTracking.forStep(ctx).startRun()) {
      run.logParam("popularity_weight", String.valueOf(POPULARITY_WEIGHT));
      run.logParam("quality_weight", String.valueOf(QUALITY_WEIGHT));
      run.logParam("price_weight", String.valueOf(PRICE_WEIGHT));
      run.logMetric("vehicles_scored", vehicles.size());
      run.logMetric(
          "top_score", vehicles.stream().mapToDouble(RecsysPipeline::score).max().orElse(0));
    }
    List<String> lines = new ArrayList<>();
    lines.add(SCORES_HEADER);
    vehicles.stream()
        .sorted(Comparator.comparingDouble(RecsysPipeline::score).reversed())
        .forEach(v -> lines.add(String.format(Locale.ROOT, "%s,%.4f", v.id(), score(v))));
    Path out = ctx.workDir().resolve(SCORES_FILE);
    Files.write(out, lines, StandardCharsets.UTF_8);
    ctx.logger()
        .log(System.Logger.Level.INFO, "scored {0} vehicles into {1}", vehicles.size(), out);
  }

  /**
   * A hand-made stand-in for the model: popular, well-rated and cheap vehicles rank first. Between
   * 0 and 1 for the fleet's ranges.
   */
  static double score(Vehicle v) {
    double popularity = Math.min(v.rentalsLast30Days(), 30) / 30.0;
    double quality = (v.rating() - 1.0) / 4.0;
    double price = 1.0 - Math.min(v.dailyPrice(), 500.0) / 500.0;
    return POPULARITY_WEIGHT * popularity + QUALITY_WEIGHT * quality + PRICE_WEIGHT * price;
  }
}
