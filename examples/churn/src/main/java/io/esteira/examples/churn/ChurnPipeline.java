package io.esteira.examples.churn;

import io.esteira.Pipeline;
import io.esteira.Step;
import io.esteira.StepContext;
import io.esteira.mlflow.tracking.MlflowTracking;
import io.esteira.mlflow.tracking.TrackedRun;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Predicts which customers will cancel. {@code load_customers} writes the customer table; the usage
 * and billing features do not depend on each other, so they run at the same time, in two branches
 * of a Parallel state; {@code train} waits for both; {@code report} comes last. Naming {@code
 * after} on any step makes the graph explicit: each step waits for exactly the steps it names.
 *
 * <p>The machine learning is real and small: the customers are a deterministic, made-up sample (who
 * cancelled is the label); {@code train} fits a Tribuo logistic regression on three quarters of
 * them, evaluates it on the rest (accuracy, AUC, F1) and saves it in Tribuo's format; to MLflow
 * (MLFLOW_TRACKING_URI) it logs the training settings and metrics, uploads the model file as a run
 * artifact and registers it as a new version of model {@value #MODEL_NAME}, the version {@code
 * esteira models promote} and the deploy gate then act on (with no server set, the same goes to
 * mlflow-tracking.jsonl in the step's work directory). {@code report} loads the saved model and
 * lists the customers most likely to cancel.
 *
 * <p>The steps hand their files over through the run's store ({@code docs/step-data.md}): each
 * declares its {@code inputs} and {@code outputs} on its annotation, writes to {@link
 * StepContext#output} and reads from {@link StepContext#input}; the same code runs locally, each
 * step in an empty work directory, and in AWS, each step in its own ECS task with the files in S3.
 * The step methods only say where their files are and hand the work to plain classes ({@link
 * Customers}, {@link Features}, {@link TrainModel}, {@link Report}), which the tests call directly.
 */
@Pipeline
public class ChurnPipeline {

  public static final String CUSTOMERS_FILE = "customers.csv";
  public static final String USAGE_FILE = "features_usage.csv";
  public static final String BILLING_FILE = "features_billing.csv";

  /** The model {@link #train} saves, in Tribuo's protobuf format. */
  public static final String MODEL_FILE = "model.tribuo";

  public static final String REPORT_FILE = "report.txt";

  /** The registered model {@link #train} adds a version to: {@code mlflow.models}. */
  public static final String MODEL_NAME = "churn";

  @Step(cpu = 0.5, memoryGb = 1, outputs = CUSTOMERS_FILE)
  public void loadCustomers(StepContext ctx) throws IOException {
    Path customers = ctx.output(CUSTOMERS_FILE);
    info(ctx, "loaded " + Customers.write(customers) + " customers");
  }

  @Step(
      cpu = 1,
      memoryGb = 2,
      after = "load_customers",
      inputs = "load_customers/" + CUSTOMERS_FILE,
      outputs = USAGE_FILE)
  public void featuresUsage(StepContext ctx) throws IOException {
    Path customers = ctx.input("load_customers", CUSTOMERS_FILE);
    Path usage = ctx.output(USAGE_FILE);
    int rows = Features.writeUsage(Customers.read(customers), usage);
    info(ctx, "wrote usage features of " + rows + " customers");
  }

  @Step(
      cpu = 1,
      memoryGb = 2,
      after = "load_customers",
      inputs = "load_customers/" + CUSTOMERS_FILE,
      outputs = BILLING_FILE)
  public void featuresBilling(StepContext ctx) throws IOException {
    Path customers = ctx.input("load_customers", CUSTOMERS_FILE);
    Path billing = ctx.output(BILLING_FILE);
    int rows = Features.writeBilling(Customers.read(customers), billing);
    info(ctx, "wrote billing features of " + rows + " customers");
  }

  /**
   * Trains, evaluates and saves the churn model, and records the run in MLflow with the model as an
   * artifact and a registered version.
   */
  @Step(
      cpu = 2,
      memoryGb = 8,
      after = {"features_usage", "features_billing"},
      inputs = {
        "load_customers/" + CUSTOMERS_FILE,
        "features_usage/" + USAGE_FILE,
        "features_billing/" + BILLING_FILE
      },
      outputs = MODEL_FILE)
  public void train(StepContext ctx) throws IOException {
    Path customers = ctx.input("load_customers", CUSTOMERS_FILE);
    Path usage = ctx.input("features_usage", USAGE_FILE);
    Path billing = ctx.input("features_billing", BILLING_FILE);
    Path model = ctx.output(MODEL_FILE);
    try (TrackedRun run = MlflowTracking.forStep(ctx).startRun()) {
      TrainModel.Result result = TrainModel.run(customers, usage, billing, model, run, MODEL_NAME);
      info(ctx, result.summary(MODEL_NAME));
    }
  }

  @Step(
      cpu = 0.5,
      memoryGb = 1,
      after = "train",
      inputs = {
        "load_customers/" + CUSTOMERS_FILE,
        "features_usage/" + USAGE_FILE,
        "features_billing/" + BILLING_FILE,
        "train/" + MODEL_FILE
      },
      outputs = REPORT_FILE)
  public void report(StepContext ctx) throws IOException {
    Path customers = ctx.input("load_customers", CUSTOMERS_FILE);
    Path usage = ctx.input("features_usage", USAGE_FILE);
    Path billing = ctx.input("features_billing", BILLING_FILE);
    Path model = ctx.input("train", MODEL_FILE);
    Path report = ctx.output(REPORT_FILE);
    int scored = Report.write(customers, usage, billing, model, report);
    info(ctx, "reported on " + scored + " customers");
  }

  private static void info(StepContext ctx, String message) {
    ctx.logger().log(System.Logger.Level.INFO, message);
  }
}
