package io.esteira.examples.churn;

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
import java.util.Map;

/**
 * Predicts which customers will cancel. {@code load_customers} writes the customer table; the usage
 * and billing features do not depend on each other, so they run at the same time, in two branches
 * of a Parallel state; {@code train} waits for both; {@code report} comes last. Naming {@code
 * after} on any step makes the graph explicit: each step waits for exactly the steps it names.
 *
 * <p>The steps hand data over through CSV files in the step's work directory, which holds when they
 * run in one work directory (as the tests run them). The work is small but real: features are
 * computed from the table, a logistic regression is fitted to them, and the report scores every
 * customer with it.
 */
@Pipeline
public class ChurnPipeline {

  public static final String CUSTOMERS_FILE = "customers.csv";
  public static final String USAGE_FILE = "features_usage.csv";
  public static final String BILLING_FILE = "features_billing.csv";
  public static final String MODEL_FILE = "model.csv";
  public static final String REPORT_FILE = "report.txt";

  /** How many customers the report lists as most at risk. */
  static final int REPORT_TOP = 5;

  @Step(cpu = 0.5, memoryGb = 1)
  public void loadCustomers(StepContext ctx) throws IOException {
    List<Customer> customers = Customer.sample();
    List<List<String>> rows = new ArrayList<>();
    customers.forEach(c -> rows.add(c.cells()));
    Csv.write(file(ctx, CUSTOMERS_FILE), Customer.HEADER, rows);
    info(ctx, "loaded {0} customers", customers.size());
  }

  @Step(cpu = 1, memoryGb = 2, after = "load_customers")
  public void featuresUsage(StepContext ctx) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Customer c : customers(ctx)) {
      rows.add(
          List.of(
              c.id(),
              format(c.sessions30d() / (30.0 / 7.0)),
              c.sessions30d() < 5 ? "1" : "0",
              format(Math.min(c.tenureMonths(), 60) / 60.0)));
    }
    Csv.write(file(ctx, USAGE_FILE), Features.USAGE_HEADER, rows);
    info(ctx, "wrote usage features of {0} customers", rows.size());
  }

  @Step(cpu = 1, memoryGb = 2, after = "load_customers")
  public void featuresBilling(StepContext ctx) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Customer c : customers(ctx)) {
      rows.add(
          List.of(
              c.id(),
              format(c.latePayments12m() / 12.0),
              format(c.monthlyFee() / Customer.planFee(c.plan()))));
    }
    Csv.write(file(ctx, BILLING_FILE), Features.BILLING_HEADER, rows);
    info(ctx, "wrote billing features of {0} customers", rows.size());
  }

  @Step(
      cpu = 2,
      memoryGb = 8,
      after = {"features_usage", "features_billing"})
  public void train(StepContext ctx) throws IOException {
    Features features = Features.read(ctx.workDir(), customers(ctx));
    LogisticModel model = LogisticModel.fit(features.matrix(), features.labels());
    Csv.write(file(ctx, MODEL_FILE), LogisticModel.HEADER, model.rows(Features.NAMES));
    info(ctx, "trained on {0} customers", features.labels().length);
  }

  @Step(cpu = 0.5, memoryGb = 1, after = "train")
  public void report(StepContext ctx) throws IOException {
    List<Customer> customers = customers(ctx);
    Features features = Features.read(ctx.workDir(), customers);
    LogisticModel model =
        LogisticModel.read(Csv.read(file(ctx, MODEL_FILE), "train"), Features.NAMES);
    double[][] x = features.matrix();
    int[] y = features.labels();
    int correct = 0;
    List<Map.Entry<String, Double>> risks = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      double p = model.probability(x[i]);
      correct += (p >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
      risks.add(Map.entry(customers.get(i).id(), p));
    }
    risks.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    // To MLflow when MLFLOW_TRACKING_URI is set, else to mlflow-tracking.jsonl in the work dir.
    try (TrackedRun run = MlflowTracking.forStep(ctx).startRun()) {
      run.logParam("customers", String.valueOf(x.length));
      run.logMetric("training_accuracy", correct / (double) x.length);
    }
    List<String> lines = new ArrayList<>();
    lines.add("churn report");
    lines.add(String.format(Locale.ROOT, "customers: %d", x.length));
    lines.add(String.format(Locale.ROOT, "training accuracy: %.3f", correct / (double) x.length));
    lines.add("most at risk:");
    risks.stream()
        .limit(REPORT_TOP)
        .forEach(r -> lines.add(String.format(Locale.ROOT, "  %s %.3f", r.getKey(), r.getValue())));
    Files.write(file(ctx, REPORT_FILE), lines, StandardCharsets.UTF_8);
    info(ctx, "reported on {0} customers", x.length);
  }

  private static List<Customer> customers(StepContext ctx) throws IOException {
    return Customer.parse(Csv.read(file(ctx, CUSTOMERS_FILE), "load_customers"));
  }

  /** A file of the step's work directory, where the steps hand data over. */
  private static Path file(StepContext ctx, String name) {
    return ctx.workDir().resolve(name);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static void info(StepContext ctx, String pattern, Object value) {
    ctx.logger().log(System.Logger.Level.INFO, pattern, value);
  }
}
