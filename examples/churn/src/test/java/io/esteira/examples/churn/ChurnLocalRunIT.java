package io.esteira.examples.churn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.cli.EsteiraCommand;
import io.esteira.core.registry.MlflowPython;
import io.esteira.core.registry.MlflowTestServer;
import io.esteira.local.EsteiraJar;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira run} on the built churn example: five Java steps in child JVMs, the two feature
 * steps side by side, each step reading what the ones before stored in the run's store. Run through
 * the command line in this JVM, and as {@code java -jar esteira.jar} with {@code
 * MLFLOW_TRACKING_URI} set to the real MLflow test server, where MLflow's own Python client then
 * finds train's run, its metrics, the model file as an artifact and the registered version.
 */
class ChurnLocalRunIT {

  @TempDir Path tmp;

  /**
   * What MLflow's Python client sees of the train run of one execution: the run, its model artifact
   * (downloaded) and the model version registered from it.
   */
  static final String READ_BACK =
      String.join(
          "\n",
          "import json, sys",
          "from mlflow import MlflowClient",
          "from mlflow.artifacts import download_artifacts",
          "experiment, execution, model, dest = sys.argv[1:]",
          "c = MlflowClient()",
          "exp = c.get_experiment_by_name(experiment)",
          "runs = c.search_runs([exp.experiment_id],",
          "  filter_string=\"tags.`esteira.execution_id` = '\" + execution + \"'\")",
          "run = runs[0]",
          "found = c.search_model_versions(",
          "  \"name='\" + model + \"' and run_id='\" + run.info.run_id + \"'\")",
          "v = c.get_model_version(model, found[0].version)",
          "local = download_artifacts(run_id=run.info.run_id,",
          "  artifact_path='model/model.tribuo', dst_path=dest)",
          "print(json.dumps({'runs': len(runs), 'versions': len(found), 'run_id': run.info.run_id,",
          "  'status': run.info.status, 'step': run.data.tags.get('esteira.step'),",
          "  'params': run.data.params, 'metrics': run.data.metrics,",
          "  'artifact_uri': run.info.artifact_uri, 'version': v.version, 'source': v.source,",
          "  'version_run': v.run_id, 'version_status': v.status, 'file': local}))");

  private static Path onlyRun(Path runs) throws IOException {
    // The runs directory also holds the class path snapshots' cache: ask for the runs.
    List<String> all = RunDirectories.runIds(runs);
    assertThat(all).hasSize(1);
    return runs.resolve(all.get(0));
  }

  @Test
  void theCommandLineRunsEveryStepInDependencyOrder() throws IOException {
    Path runs = tmp.resolve("runs");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine esteira = EsteiraCommand.commandLine();
    esteira.setOut(new PrintWriter(out));
    esteira.setErr(new PrintWriter(err));

    int exitCode =
        esteira.execute(
            "run", ".", "--runs-dir", runs.toString(), "--cpus", "4", "--memory-gb", "8");

    assertThat(exitCode).as(out + "\n" + err).isZero();
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.steps()).extracting(StepRecord::status).containsOnly(StepStatus.SUCCEEDED);
    StepRecord load = record.steps().get(0);
    StepRecord train =
        record.steps().stream().filter(s -> s.id().equals("train")).findFirst().orElseThrow();
    for (StepRecord step : record.steps()) {
      if (step.id().startsWith("features_")) {
        assertThat(step.attempts().get(0).startedAt())
            .isAfterOrEqualTo(load.attempts().get(0).endedAt());
        assertThat(train.attempts().get(0).startedAt())
            .isAfterOrEqualTo(step.attempts().get(0).endedAt());
      }
    }
    assertThat(dir.resolve("report.html")).exists();
    // step data: the report, stored by the report step in the run's store
    assertThat(dir.resolve("artifacts/report/" + ChurnPipeline.REPORT_FILE))
        .content()
        .startsWith("churn report\ncustomers: 600\n");
    // This JVM's environment reaches the steps: tracking off without MLFLOW_TRACKING_URI.
    String trackingUri = System.getenv("MLFLOW_TRACKING_URI");
    if (trackingUri == null || trackingUri.isBlank()) {
      assertThat(Files.readString(dir.resolve("logs/train.1.log")))
          .contains("trained on 450 customers; on 150 held out")
          .contains("tracking is off, so no model version was registered");
    } else {
      assertTrackedOn(trackingUri, dir);
    }
  }

  @Test
  void theJarRunsChurnAndTrainRegistersAVersionOnTheMlflowServer() throws Exception {
    Path runs = tmp.resolve("runs");
    String trackingUri = MlflowTestServer.url();
    EsteiraJar.Result run =
        EsteiraJar.run(
            env -> env.put("MLFLOW_TRACKING_URI", trackingUri),
            "run",
            ".",
            "--runs-dir",
            runs.toString(),
            "--cpus",
            "4",
            "--memory-gb",
            "8");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertTrackedOn(trackingUri, onlyRun(runs));
  }

  /**
   * The train run on the server, read with MLflow's Python client: finished, with the training
   * settings and held-out metrics, the model file as its artifact (the same bytes, and a model
   * Tribuo loads), and a READY version of the registered model whose source is that artifact and
   * whose run is this run, the number the step's log names.
   */
  private void assertTrackedOn(String trackingUri, Path dir) throws IOException {
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    JsonNode seen =
        MlflowPython.json(
            trackingUri,
            READ_BACK,
            "churn",
            record.runId(),
            ChurnPipeline.MODEL_NAME,
            tmp.resolve("download").toString());

    assertThat(seen.path("runs").asInt()).isEqualTo(1);
    assertThat(seen.path("status").asText()).isEqualTo("FINISHED");
    assertThat(seen.path("step").asText()).isEqualTo("train");
    assertThat(seen.path("params").path("epochs").asText()).isEqualTo("30");
    assertThat(seen.path("params").path("held_out_rows").asText()).isEqualTo("150");
    assertThat(seen.path("metrics").path("auc").asDouble()).isGreaterThan(0.8);
    assertThat(seen.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.72);
    assertThat(seen.path("versions").asInt()).isEqualTo(1);
    assertThat(seen.path("version_status").asText()).isEqualTo("READY");
    assertThat(seen.path("version_run").asText()).isEqualTo(seen.path("run_id").asText());
    assertThat(seen.path("artifact_uri").asText()).startsWith("mlflow-artifacts:/");
    assertThat(seen.path("source").asText())
        .isEqualTo(seen.path("artifact_uri").asText() + "/model");
    // step data: the model file train saved
    Path saved = dir.resolve("artifacts/train/" + ChurnPipeline.MODEL_FILE);
    Path downloaded = Path.of(seen.path("file").asText());
    assertThat(downloaded).hasSameBinaryContentAs(saved);
    double[] row = {1.0, 1.0, 0.1, 0.5, 1.0};
    assertThat(ChurnModel.load(downloaded).probability(row))
        .isEqualTo(ChurnModel.load(saved).probability(row));
    assertThat(Files.readString(dir.resolve("logs/train.1.log")))
        .contains("registered churn version " + seen.path("version").asText());
  }
}
