package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.EsteiraJar;
import io.esteira.local.MotoS3;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud-shaped run of this example, {@code java -jar esteira.jar run --store s3://BUCKET},
 * against S3 on moto_server: each Java step in its own child JVM and fresh work directory, its
 * launcher reading and writing the bucket through esteira-s3 (on the project's class path, as in
 * its image), so the feature table reaches score_model only through {@code
 * s3://BUCKET/recsys/dev/<run id>/extract_features/features.csv}, as in AWS.
 */
class RecsysCloudRunIT {

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
    String bucket = s3.createBucket("recsys");
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
            runs.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    Path dir;
    // The runs directory also holds the class path snapshots' cache: ask for the runs.
    dir = runs.resolve(RunDirectories.runIds(runs).get(0));
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    String prefix = "recsys/dev/" + record.runId() + "/";
    assertThat(record.store()).isEqualTo("s3://" + bucket + "/" + prefix);
    assertThat(s3.keys(bucket))
        .containsExactly(
            prefix + "extract_features/" + RecsysPipeline.FEATURES_FILE,
            prefix + "score_model/" + RecsysPipeline.MODEL_FILE,
            prefix + "score_model/" + RecsysPipeline.SCORES_FILE);

    Path features =
        s3.download(
            bucket, prefix + "extract_features/" + RecsysPipeline.FEATURES_FILE, tmp.resolve("f"));
    assertThat(Files.readAllLines(features)).hasSize(601).startsWith(FeatureTable.HEADER);
    Path scores =
        s3.download(bucket, prefix + "score_model/" + RecsysPipeline.SCORES_FILE, tmp.resolve("s"));
    assertThat(Files.readAllLines(scores)).hasSize(601).startsWith(ScoreModel.SCORES_HEADER);
    Path model =
        s3.download(bucket, prefix + "score_model/" + RecsysPipeline.MODEL_FILE, tmp.resolve("m"));
    Vehicle first = Fleet.vehicles().get(0);
    assertThat(RentalModel.load(model).score(first)).isBetween(0.0, 1.0);

    // Nothing went through the run directory: no local store, and each step's work directory
    // holds what it wrote or was handed.
    assertThat(dir.resolve("artifacts")).doesNotExist();
    assertThat(files(dir.resolve("work/extract_features/1")))
        .containsExactly(RecsysPipeline.FEATURES_FILE);
    assertThat(files(dir.resolve("work/score_model/1")))
        .containsExactly(
            RecsysPipeline.FEATURES_FILE, RecsysPipeline.MODEL_FILE, RecsysPipeline.SCORES_FILE);
    assertThat(dir.resolve("work/score_model/1/" + RecsysPipeline.FEATURES_FILE))
        .hasSameBinaryContentAs(features);
    StepRecord score = record.steps().get(1);
    assertThat(score.outputs())
        .extracting(RunRecord.StoredOutput::path)
        .containsExactlyInAnyOrder(
            "s3://" + bucket + "/" + prefix + "score_model/" + RecsysPipeline.MODEL_FILE,
            "s3://" + bucket + "/" + prefix + "score_model/" + RecsysPipeline.SCORES_FILE);
  }
}
