package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.testing.TestStepContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps' own work, called directly in an order the graph allows. */
class ChurnPipelineTest {

  @TempDir Path workDir;

  private final ChurnPipeline pipeline = new ChurnPipeline();

  @Test
  void loadCustomersWritesTheSampleAndReadsBackEqual() throws Exception {
    TestStepContext context = context("load_customers");
    pipeline.loadCustomers(context);

    Csv.Table table = Csv.read(workDir.resolve(ChurnPipeline.CUSTOMERS_FILE), "load_customers");
    assertThat(table.header()).isEqualTo(Customer.HEADER);
    assertThat(Customer.parse(table)).isEqualTo(Customer.sample()).hasSize(Customer.SAMPLE_SIZE);
    // A sample with one class only would teach the model nothing.
    assertThat(Customer.sample()).anyMatch(Customer::churned).anyMatch(c -> !c.churned());
    assertThat(context.logger().messages()).containsExactly("INFO loaded 60 customers");
  }

  @Test
  void theTwoFeatureStepsNeedOnlyTheCustomersSoEitherMayRunFirst() throws Exception {
    pipeline.loadCustomers(context("load_customers"));

    pipeline.featuresBilling(context("features_billing"));
    assertThat(workDir.resolve(ChurnPipeline.USAGE_FILE)).doesNotExist();
    pipeline.featuresUsage(context("features_usage"));

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
  void trainWaitsForBothFeatureFiles() throws Exception {
    pipeline.loadCustomers(context("load_customers"));
    pipeline.featuresUsage(context("features_usage"));

    assertThatThrownBy(() -> pipeline.train(context("train")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ChurnPipeline.BILLING_FILE)
        .hasMessageContaining("run features_billing first");
  }

  @Test
  void theWholeRunReportsAModelThatBeatsAlwaysGuessingTheCommonerClass() throws Exception {
    runAll();

    List<String> model = lines(ChurnPipeline.MODEL_FILE);
    assertThat(model.get(0)).isEqualTo("feature,weight");
    assertThat(model.subList(1, model.size()))
        .extracting(line -> line.split(",")[0])
        .containsExactly(
            "bias",
            "sessions_per_week",
            "low_usage",
            "tenure_share",
            "late_payment_rate",
            "fee_ratio");

    List<String> report = lines(ChurnPipeline.REPORT_FILE);
    assertThat(report).startsWith("churn report", "customers: " + Customer.SAMPLE_SIZE);
    double accuracy = Double.parseDouble(report.get(2).replace("training accuracy: ", ""));
    long churned = Customer.sample().stream().filter(Customer::churned).count();
    double baseline =
        Math.max(churned, Customer.SAMPLE_SIZE - churned) / (double) Customer.SAMPLE_SIZE;
    assertThat(accuracy).isGreaterThan(baseline);
    assertThat(report.get(3)).isEqualTo("most at risk:");
    assertThat(report).hasSize(4 + ChurnPipeline.REPORT_TOP);
    // No MLflow server in this test: the same accuracy goes to the local tracking file.
    assertThat(lines("mlflow-tracking.jsonl"))
        .contains(
            "{\"run_id\":\"local-"
                + context("report").executionId()
                + "-report-1\",\"type\":\"metric\","
                + "\"key\":\"training_accuracy\",\"value\":"
                + accuracy
                + "}");
  }

  @Test
  void theSameRunGivesTheSameFiles() throws Exception {
    runAll();
    String first = Files.readString(workDir.resolve(ChurnPipeline.REPORT_FILE));
    String model = Files.readString(workDir.resolve(ChurnPipeline.MODEL_FILE));

    runAll();

    assertThat(Files.readString(workDir.resolve(ChurnPipeline.REPORT_FILE))).isEqualTo(first);
    assertThat(Files.readString(workDir.resolve(ChurnPipeline.MODEL_FILE))).isEqualTo(model);
  }

  private void runAll() throws Exception {
    pipeline.loadCustomers(context("load_customers"));
    pipeline.featuresUsage(context("features_usage"));
    pipeline.featuresBilling(context("features_billing"));
    pipeline.train(context("train"));
    pipeline.report(context("report"));
  }

  private TestStepContext context(String step) {
    return new TestStepContext("churn", step, workDir);
  }

  private List<String> lines(String file) throws Exception {
    return Files.readAllLines(workDir.resolve(file), StandardCharsets.UTF_8);
  }
}
