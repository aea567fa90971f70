package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.EsteiraJar;
import io.esteira.local.MotoS3;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud-shaped run of this example, {@code java -jar esteira.jar run --store s3://BUCKET},
 * against S3 on moto_server: the five Java steps (two of them side by side) each in its own child
 * JVM and fresh work directory, their launchers reading and writing the bucket through esteira-s3
 * on the project's class path, so every file one step hands another goes through {@code
 * s3://BUCKET/churn/dev/<run id>/}, as in AWS.
 */
class ChurnCloudRunIT {

  @TempDir Path tmp;

  /**
   * The files under a directory, relative to it, sorted; MLflow's local tracking files left out.
   */
  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths
          .filter(Files::isRegularFile)
          .map(p -> directory.relativize(p).toString())
          .filter(name -> !name.startsWith("mlflow-"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theJarRunsThePipelineWithItsDataOnlyInTheBucket() throws Exception {
    MotoS3 s3 = MotoS3.find();
    String bucket = s3.createBucket("churn");
    Path runs = tmp.resolve("runs");
    EsteiraJar.Result run =
        EsteiraJar.run(
            env -> {
              env.putAll(s3.environment(System.getenv()));
              env.remove("MLFLOW_TRACKING_URI");
            },
            "run",
            "--store",
            "s3://" + bucket,
            "--runs-dir",
            runs.toString(),
            "--cpus",
            "4",
            "--memory-gb",
            "8");

    assertThat(run.exitCode()).as(run.output()).isZero();
    Path dir;
    // The runs directory also holds the class path snapshots' cache: ask for the runs.
    dir = runs.resolve(RunDirectories.runIds(runs).get(0));
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.steps()).extracting(StepRecord::status).containsOnly(StepStatus.SUCCEEDED);
    String prefix = "churn/dev/" + record.runId() + "/";
    assertThat(record.store()).isEqualTo("s3://" + bucket + "/" + prefix);
    assertThat(s3.keys(bucket))
        .containsExactly(
            prefix + "features_billing/" + ChurnPipeline.BILLING_FILE,
            prefix + "features_usage/" + ChurnPipeline.USAGE_FILE,
            prefix + "load_customers/" + ChurnPipeline.CUSTOMERS_FILE,
            prefix + "report/" + ChurnPipeline.REPORT_FILE,
            prefix + "train/" + ChurnPipeline.MODEL_FILE);

    Path customers =
        s3.download(
            bucket, prefix + "load_customers/" + ChurnPipeline.CUSTOMERS_FILE, tmp.resolve("c"));
    assertThat(Files.readAllLines(customers).get(0)).isEqualTo(String.join(",", Customer.HEADER));
    Path usage =
        s3.download(
            bucket, prefix + "features_usage/" + ChurnPipeline.USAGE_FILE, tmp.resolve("u"));
    assertThat(Files.readAllLines(usage).get(0)).isEqualTo(String.join(",", Features.USAGE_HEADER));
    Path billing =
        s3.download(
            bucket, prefix + "features_billing/" + ChurnPipeline.BILLING_FILE, tmp.resolve("b"));
    assertThat(Files.readAllLines(billing).get(0))
        .isEqualTo(String.join(",", Features.BILLING_HEADER));
    Path model =
        s3.download(bucket, prefix + "train/" + ChurnPipeline.MODEL_FILE, tmp.resolve("m"));
    assertThat(ChurnModel.load(model)).isNotNull();
    Path report =
        s3.download(bucket, prefix + "report/" + ChurnPipeline.REPORT_FILE, tmp.resolve("r"));
    assertThat(report).content().startsWith("churn report\ncustomers: 600\n");

    // Nothing went through the run directory: no local store, and each step's work directory
    // holds what it wrote or was handed.
    assertThat(dir.resolve("artifacts")).doesNotExist();
    assertThat(files(dir.resolve("work/load_customers/1")))
        .containsExactly(ChurnPipeline.CUSTOMERS_FILE);
    assertThat(files(dir.resolve("work/features_usage/1")))
        .containsExactly(ChurnPipeline.CUSTOMERS_FILE, ChurnPipeline.USAGE_FILE);
    assertThat(files(dir.resolve("work/features_billing/1")))
        .containsExactly(ChurnPipeline.CUSTOMERS_FILE, ChurnPipeline.BILLING_FILE);
    assertThat(files(dir.resolve("work/train/1")))
        .containsExactlyInAnyOrder(
            ChurnPipeline.CUSTOMERS_FILE,
            ChurnPipeline.USAGE_FILE,
            ChurnPipeline.BILLING_FILE,
            ChurnPipeline.MODEL_FILE);
    assertThat(files(dir.resolve("work/report/1")))
        .containsExactlyInAnyOrder(
            ChurnPipeline.CUSTOMERS_FILE,
            ChurnPipeline.USAGE_FILE,
            ChurnPipeline.BILLING_FILE,
            ChurnPipeline.MODEL_FILE,
            ChurnPipeline.REPORT_FILE);
    assertThat(dir.resolve("work/report/1/" + ChurnPipeline.MODEL_FILE))
        .hasSameBinaryContentAs(model);
  }
}
