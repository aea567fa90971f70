package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.cli.EsteiraCommand;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.registry.DeployGate;
import io.esteira.core.registry.GateReport;
import io.esteira.core.registry.MlflowPython;
import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.RegistryMode;
import io.esteira.local.EsteiraJar;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's main command on this example: {@code esteira run} finds the built project (its
 * {@code pipeline.json} in {@code target/classes}, its class path in {@code
 * target/esteira-classpath.txt}) and runs both Java steps, each in a child JVM, handing the feature
 * table over through the run's store, each step in its own fresh work directory. Run through the
 * command line in this JVM and as {@code java -jar esteira.jar} from the project directory with no
 * DIR argument; the latter with {@code MLFLOW_TRACKING_URI} set to the real MLflow test server,
 * where MLflow's own Python client then finds the run, its metrics, the model file as an artifact
 * and the registered version.
 */
class RecsysLocalRunIT {

  @TempDir Path tmp;

  /**
   * What MLflow's Python client sees of the score_model run of one execution: the run, its model
   * artifact (downloaded) and the model version registered from it.
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

  /** What a successful run of recsys leaves: both steps once, their output, the report. */
  private static void assertRecsysRan(Path runs) throws IOException {
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.environment()).isEqualTo("dev");
    assertThat(record.steps())
        .extracting(StepRecord::id)
        .containsExactly("extract_features", "score_model");
    for (StepRecord step : record.steps()) {
      assertThat(step.attempts()).extracting(AttemptRecord::exitCode).containsExactly(0);
    }
    assertThat(Files.readString(dir.resolve("logs/extract_features.1.log")))
        .contains("wrote 600 feature rows");
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
        .contains("scored 600 vehicles")
        .contains("trained on 450 vehicles; on 150 held out");
    // step data: each step in its own fresh directory, the scores and the model file stored in
    // the run's store and recorded in run.json
    assertThat(
            Files.readAllLines(dir.resolve("artifacts/score_model/" + RecsysPipeline.SCORES_FILE)))
        .hasSize(601)
        .startsWith(ScoreModel.SCORES_HEADER);
    assertThat(dir.resolve("artifacts/score_model/" + RecsysPipeline.MODEL_FILE)).isRegularFile();
    assertThat(dir.resolve("work/score_model/1/" + RecsysPipeline.FEATURES_FILE))
        .hasSameBinaryContentAs(
            dir.resolve("artifacts/extract_features/" + RecsysPipeline.FEATURES_FILE));
    assertThat(record.steps().get(1).outputs())
        .extracting(RunRecord.StoredOutput::name, RunRecord.StoredOutput::size)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                RecsysPipeline.MODEL_FILE,
                Files.size(dir.resolve("artifacts/score_model/" + RecsysPipeline.MODEL_FILE))),
            org.assertj.core.groups.Tuple.tuple(
                RecsysPipeline.SCORES_FILE,
                Files.size(dir.resolve("artifacts/score_model/" + RecsysPipeline.SCORES_FILE))));
    String report = Files.readString(dir.resolve("report.html"));
    assertThat(Pattern.compile("<rect class=\"bar succeeded\"").matcher(report).results().count())
        .isEqualTo(2);
  }

  @Test
  void theCommandLineRunsTheBuiltProject() throws IOException {
    Path runs = tmp.resolve("runs");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine esteira = EsteiraCommand.commandLine();
    esteira.setOut(new PrintWriter(out));
    esteira.setErr(new PrintWriter(err));

    int exitCode = esteira.execute("run", ".", "--runs-dir", runs.toString());

    assertThat(exitCode).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("recsys (dev), 2 steps to run")
        .contains("succeeded extract_features in ")
        .contains("succeeded score_model in ")
        // What the steps print, as they print it, after their ids.
        .containsPattern("(?m)^score_model +\\| .*scored 600 vehicles");
    assertRecsysRan(runs);
    // This JVM's environment reaches the steps: with tracking off (no MLFLOW_TRACKING_URI), the
    // registration is a line of the run's JSON lines; with a server, a version on it.
    Path dir = onlyRun(runs);
    String trackingUri = System.getenv("MLFLOW_TRACKING_URI");
    if (trackingUri == null || trackingUri.isBlank()) {
      assertThat(dir.resolve("work/score_model/1/mlflow-tracking.jsonl"))
          .content()
          .contains("\"type\":\"model_version\",\"key\":\"recsys\"");
      assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
          .contains("tracking is off, so no model version was registered");
      // The held-out metrics it logged, in the report.
      assertThat(Files.readString(dir.resolve("report.html")))
          .contains("<table class=\"metrics\" data-step=\"score_model\">")
          .containsPattern("<td>accuracy</td><td class=\"value\" title=\"0\\.[0-9]+\">0\\.7");
    } else {
      assertTrackedOn(trackingUri, dir);
    }
  }

  @Test
  void theJarRunsTheProjectInTheCurrentDirectory() throws Exception {
    Path runs = tmp.resolve("runs");
    String trackingUri = MlflowTestServer.url();
    EsteiraJar.Result run =
        EsteiraJar.run(
            env -> env.put("MLFLOW_TRACKING_URI", trackingUri),
            "run",
            "--runs-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).containsPattern("(?m)^score_model +succeeded +1 ");
    assertRecsysRan(runs);
    String version = assertTrackedOn(trackingUri, onlyRun(runs));
    assertTheGateActsOnTheVersionTheRunRegistered(trackingUri, version);
  }

  /**
   * The version score_model registered is what the deploy gate and {@code esteira models promote}
   * act on: dev's gate refuses it until it is promoted to Staging, then passes on it.
   */
  private void assertTheGateActsOnTheVersionTheRunRegistered(String trackingUri, String version)
      throws Exception {
    PipelineModel dev =
        PipelineJsonReader.read(
                Files.readString(Path.of("target/classes/META-INF/esteira/recsys/pipeline.json")),
                "pipeline.json")
            .model("dev");
    DeployGate gate =
        DeployGate.connect(trackingUri, RegistryMode.ALIASES, name -> Optional.empty());
    assertThat(gate.check(dev).passed()).as("a version nobody promoted").isFalse();

    EsteiraJar.Result promote =
        EsteiraJar.run(
            env -> {},
            "models",
            "promote",
            RecsysPipeline.MODEL_NAME,
            "--version",
            version,
            "--to",
            "Staging",
            "--tracking-uri",
            trackingUri,
            "--by",
            "recsys-it");
    assertThat(promote.exitCode()).as(promote.output()).isZero();

    GateReport report = gate.check(dev);
    assertThat(report.passed()).as(String.join("\n", report.lines())).isTrue();
    assertThat(String.join("\n", report.lines())).contains("passes with v" + version);
  }

  /**
   * The run of score_model on the server, read with MLflow's Python client: finished, with the
   * training settings and held-out metrics, the model file as its artifact (the same bytes, and a
   * model Tribuo loads), and a READY version of the registered model whose source is that artifact
   * and whose run is this run, the number the step's log names.
   */
  private String assertTrackedOn(String trackingUri, Path dir) throws IOException {
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    JsonNode seen =
        MlflowPython.json(
            trackingUri,
            READ_BACK,
            "recsys",
            record.runId(),
            RecsysPipeline.MODEL_NAME,
            tmp.resolve("download").toString());

    assertThat(seen.path("runs").asInt()).isEqualTo(1);
    assertThat(seen.path("status").asText()).isEqualTo("FINISHED");
    assertThat(seen.path("step").asText()).isEqualTo("score_model");
    assertThat(seen.path("params").path("epochs").asText()).isEqualTo("20");
    assertThat(seen.path("params").path("training_rows").asText()).isEqualTo("450");
    assertThat(seen.path("metrics").path("auc").asDouble()).isGreaterThan(0.8);
    assertThat(seen.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.72);
    assertThat(seen.path("versions").asInt()).isEqualTo(1);
    assertThat(seen.path("version_status").asText()).isEqualTo("READY");
    assertThat(seen.path("version_run").asText()).isEqualTo(seen.path("run_id").asText());
    assertThat(seen.path("source").asText())
        .isEqualTo(seen.path("artifact_uri").asText() + "/model");
    assertThat(seen.path("artifact_uri").asText()).startsWith("mlflow-artifacts:/");
    // step data: the model file score_model saved
    Path saved = dir.resolve("artifacts/score_model/" + RecsysPipeline.MODEL_FILE);
    Path downloaded = Path.of(seen.path("file").asText());
    assertThat(downloaded).hasSameBinaryContentAs(saved);
    assertThat(RentalModel.load(downloaded).score(Fleet.vehicles().get(0)))
        .isEqualTo(RentalModel.load(saved).score(Fleet.vehicles().get(0)));
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
        .contains("registered recsys version " + seen.path("version").asText());
    return seen.path("version").asText();
  }
}
