package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.StepContext;
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
 * The steps' own work, called directly in an order the graph allows: a deterministic sample, a
 * Tribuo model whose held-out metrics stay above floors that sample guarantees, the report the
 * saved model gives, and what the training run recorded with tracking off.
 */
class ChurnPipelineTest {

  @TempDir Path workDir;

  private final ChurnPipeline pipeline = new ChurnPipeline();

  @Test
  void loadCustomersWritesTheSampleAndReadsBackEqual() throws Exception {
    TestStepContext context = run("load_customers", pipeline::loadCustomers);

    Csv.Table table = Csv.read(workDir.resolve(ChurnPipeline.CUSTOMERS_FILE), "load_customers");
    assertThat(table.header()).isEqualTo(Customer.HEADER);
    assertThat(Customer.parse(table)).isEqualTo(Customer.sample()).hasSize(Customer.SAMPLE_SIZE);
    // A sample with one class only would teach the model nothing.
    assertThat(Customer.sample()).anyMatch(Customer::churned).anyMatch(c -> !c.churned());
    assertThat(context.logger().messages()).containsExactly("INFO loaded 600 customers");
  }

  @Test
  void theTwoFeatureStepsNeedOnlyTheCustomersSoEitherMayRunFirst() throws Exception {
    run("load_customers", pipeline::loadCustomers);

    run("features_billing", pipeline::featuresBilling);
    assertThat(workDir.resolve(ChurnPipeline.USAGE_FILE)).doesNotExist();
    run("features_usage", pipeline::featuresUsage);

    assertThat(lines(ChurnPipeline.USAGE_FILE))
        .hasSize(Customer.SAMPLE_SIZE + 1)
        .first()
        .isEqualTo(String.join(",", Features.USAGE_HEADER));
    assertThat(lines(ChurnPipeline.BILLING_FILE))
        .hasSize(Customer.SAMPLE_SIZE + 1)
        .first()
        .isEqualTo(String.join(",", Features.BILLING_HEADER));
  }

  @Test
  void trainWithoutTheBillingFeaturesSaysWhichStepStoresThem() throws Exception {
    run("load_customers", pipeline::loadCustomers);
    run("features_usage", pipeline::featuresUsage);

    assertThatThrownBy(() -> pipeline.train(context("train")))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining(
            "step 'features_billing' stored no output '" + ChurnPipeline.BILLING_FILE + "'");
  }

  @Test
  void theModelBeatsGuessingOnCustomersItWasNotTrainedOn() throws Exception {
    TrainModel.Result result = trainWithTrackingOff();

    assertThat(result.trained()).isEqualTo(450);
    assertThat(result.heldOut()).isEqualTo(150);
    // The seeded sample gives accuracy 0.773, AUC 0.849, F1 0.667. The floors sit below those and
    // above a constant guess (AUC 0.5; always "stayed" is right for 68% of the sample).
    assertThat(result.evaluation().auc()).isGreaterThan(0.8);
    assertThat(result.evaluation().accuracy()).isGreaterThan(0.72);
    assertThat(result.evaluation().f1()).isGreaterThan(0.6);
  }

  @Test
  void withTrackingOffTrainKeepsParamsMetricsTheModelFileAndTheRegistration() throws Exception {
    run("load_customers", pipeline::loadCustomers);
    run("features_usage", pipeline::featuresUsage);
    run("features_billing", pipeline::featuresBilling);
    TestStepContext train = run("train", pipeline::train);

    String run = "{\"run_id\":\"local-" + train.executionId() + "-train-1\",";
    List<String> tracked = lines("mlflow-tracking.jsonl");
    assertThat(tracked)
        .contains(
            run + "\"type\":\"param\",\"key\":\"epochs\",\"value\":\"30\"}",
            run + "\"type\":\"param\",\"key\":\"held_out_rows\",\"value\":\"150\"}",
            run
                + "\"type\":\"artifact\",\"key\":\"model/model.tribuo\","
                + "\"value\":\"mlflow-artifacts/model/model.tribuo\"}",
            run
                + "\"type\":\"model_version\",\"key\":\"churn\","
                + "\"value\":\"mlflow-artifacts/model\"}");
    assertThat(tracked).anyMatch(l -> l.startsWith(run + "\"type\":\"metric\",\"key\":\"auc\""));
    assertThat(tracked).last().asString().contains("FINISHED");
    assertThat(workDir.resolve("mlflow-artifacts/model/model.tribuo"))
        .hasSameBinaryContentAs(workDir.resolve(ChurnPipeline.MODEL_FILE));
    assertThat(train.logger().messages())
        .singleElement()
        .asString()
        .startsWith("INFO trained on 450 customers; on 150 held out: accuracy 0.")
        .endsWith("tracking is off, so no model version was registered");
  }

  @Test
  void theReportListsTheCustomersTheSavedModelRatesMostAtRisk() throws Exception {
    runAll();

    List<String> report = lines(ChurnPipeline.REPORT_FILE);
    assertThat(report)
        .startsWith(Report.TITLE, "customers: " + Customer.SAMPLE_SIZE)
        .hasSize(4 + Report.TOP);
    assertThat(report.get(2)).startsWith("likely to cancel (p >= 0.5): ");
    assertThat(report.get(3)).isEqualTo("most at risk:");
    List<Double> risks =
        report.subList(4, report.size()).stream()
            .map(l -> Double.parseDouble(l.strip().split(" ")[1]))
            .toList();
    assertThat(risks)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a))
        .allSatisfy(p -> assertThat(p).isGreaterThan(0.5));
    // Those it names cancelled more often than customers at large.
    List<String> named =
        report.subList(4, report.size()).stream().map(l -> l.strip().split(" ")[0]).toList();
    long churnedNamed =
        Customer.sample().stream().filter(c -> named.contains(c.id()) && c.churned()).count();
    assertThat(churnedNamed).isGreaterThanOrEqualTo(3);
  }

  @Test
  void theReportWithoutAModelSaysWhichStepStoresIt() throws Exception {
    run("load_customers", pipeline::loadCustomers);
    run("features_usage", pipeline::featuresUsage);
    run("features_billing", pipeline::featuresBilling);

    assertThatThrownBy(() -> pipeline.report(context("report")))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining("step 'train' stored no output '" + ChurnPipeline.MODEL_FILE + "'");
  }

  @Test
  void theSameRunGivesTheSameReport() throws Exception {
    runAll();
    String first = Files.readString(workDir.resolve(ChurnPipeline.REPORT_FILE));

    runAll();

    assertThat(Files.readString(workDir.resolve(ChurnPipeline.REPORT_FILE))).isEqualTo(first);
  }

  private TrainModel.Result trainWithTrackingOff() throws Exception {
    run("load_customers", pipeline::loadCustomers);
    run("features_usage", pipeline::featuresUsage);
    run("features_billing", pipeline::featuresBilling);
    try (TrackedRun run = MlflowTracking.forStep(context("train")).startRun()) {
      return TrainModel.run(
          workDir.resolve(ChurnPipeline.CUSTOMERS_FILE),
          workDir.resolve(ChurnPipeline.USAGE_FILE),
          workDir.resolve(ChurnPipeline.BILLING_FILE),
          workDir.resolve(ChurnPipeline.MODEL_FILE),
          run,
          ChurnPipeline.MODEL_NAME);
    }
  }

  private void runAll() throws Exception {
    run("load_customers", pipeline::loadCustomers);
    run("features_usage", pipeline::featuresUsage);
    run("features_billing", pipeline::featuresBilling);
    run("train", pipeline::train);
    run("report", pipeline::report);
  }

  /**
   * A context for {@code step}: every step shares the test's work directory, so the test can read
   * what each wrote, and one store, through which inputs come as they do in a run.
   */
  private TestStepContext context(String step) {
    return new TestStepContext("churn", step, workDir, workDir.resolve(".store"));
  }

  /** Runs {@code step} and stores its outputs, as the launcher does when a step returns. */
  private TestStepContext run(String step, StepBody body) throws Exception {
    TestStepContext context = context(step);
    body.run(context);
    context.storeOutputs();
    return context;
  }

  /** A step method of the pipeline. */
  private interface StepBody {
    void run(StepContext context) throws Exception;
  }

  private List<String> lines(String file) throws Exception {
    return Files.readAllLines(workDir.resolve(file), StandardCharsets.UTF_8);
  }
}
