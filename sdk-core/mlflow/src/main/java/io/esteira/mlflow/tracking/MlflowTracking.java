package io.esteira.mlflow.tracking;

import io.esteira.StepContext;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * MLflow tracking for a step, configured from the environment the step received.
 *
 * <pre>{@code
 * try (TrackedRun run = MlflowTracking.forStep(ctx).startRun()) {
 *   run.logParam("alpha", "0.1");
 *   run.logMetric("rmse", 0.84);
 *   run.logArtifact(modelFile, "model");
 *   int version = run.registerModel("recsys", "model");
 * }
 * }</pre>
 *
 * <p>{@code MLFLOW_TRACKING_URI} names the server, {@code MLFLOW_EXPERIMENT_NAME} the experiment
 * (created if missing; the project name when unset). The Java client ignores the credential
 * variables by itself, so they are passed through its credentials hook: {@code
 * MLFLOW_TRACKING_TOKEN} as a bearer token, else {@code MLFLOW_TRACKING_USERNAME} and {@code
 * MLFLOW_TRACKING_PASSWORD} for basic authentication. Without a tracking URI the step still runs:
 * the first such step in the process says once that tracking is off, and runs write JSON lines into
 * the step's working directory.
 */
public final class MlflowTracking {

  /** Run tags that trace a run back to the Step Functions execution that made it. */
  public static final String TAG_PROJECT = "esteira.project";

  public static final String TAG_STEP = "esteira.step";
  public static final String TAG_ENVIRONMENT = "esteira.environment";
  public static final String TAG_EXECUTION = "esteira.execution_id";
  public static final String TAG_ATTEMPT = "esteira.attempt";

  private static final AtomicBoolean SAID_OFF = new AtomicBoolean();

  private final StepContext context;
  private final Optional<MlflowConnection> connection;
  private MlflowClient client;
  private String experimentId;

  private MlflowTracking(StepContext context, Optional<MlflowConnection> connection) {
    this.context = context;
    this.connection = connection;
  }

  /**
   * Tracking for this step.
   *
   * @throws MlflowException when {@code MLFLOW_TRACKING_URI} is set but not an http(s) URL
   */
  public static MlflowTracking forStep(StepContext context) {
    MlflowTracking tracking = new MlflowTracking(context, MlflowConnection.fromEnv(context::env));
    tracking
        .connection
        .flatMap(MlflowConnection::clearCredentialsWarning)
        .ifPresent(w -> context.logger().log(System.Logger.Level.WARNING, w.render()));
    if (tracking.connection.isEmpty() && SAID_OFF.compareAndSet(false, true)) {
      context
          .logger()
          .log(
              System.Logger.Level.WARNING,
              Diagnostic.warning(
                      TrackingMessage.MLFLOW_TRACKING_OFF,
                      null,
                      context.workDir().resolve(LocalRun.FILE))
                  .render());
    }
    return tracking;
  }

  /** Lets a test see the first "tracking is off" again. */
  static void resetSaidOff() {
    SAID_OFF.set(false);
  }

  /** Whether runs go to an MLflow server. */
  public boolean enabled() {
    return connection.isPresent();
  }

  /** The server this step logs to, when tracking is on. */
  public Optional<MlflowConnection> connection() {
    return connection;
  }

  /** The experiment runs go to: {@code MLFLOW_EXPERIMENT_NAME}, else the project name. */
  public String experimentName() {
    return context
        .env(MlflowConnection.EXPERIMENT_NAME)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .orElse(context.project());
  }

  /**
   * The client, with the environment's credentials, when tracking is on. Its calls retry every
   * error answer three times: use it for logging, not for registry writes ({@link
   * TrackedRun#registerModel} sends each once).
   */
  public Optional<MlflowClient> client() {
    if (connection.isEmpty()) {
      return Optional.empty();
    }
    if (client == null) {
      client = new MlflowClient(credentials(connection.get()));
    }
    return Optional.of(client);
  }

  /** Starts a run tagged with the project, step, environment, execution id and attempt. */
  public TrackedRun startRun() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_PROJECT, context.project());
    tags.put(TAG_STEP, context.stepId());
    tags.put(TAG_ENVIRONMENT, context.environment());
    tags.put(TAG_EXECUTION, context.executionId());
    tags.put(TAG_ATTEMPT, String.valueOf(context.attempt()));
    Optional<MlflowClient> remote = client();
    if (remote.isEmpty()) {
      String runId =
          "local-" + context.executionId() + "-" + context.stepId() + "-" + context.attempt();
      return new LocalRun(runId, context.workDir(), tags);
    }
    CreateRun.Builder request =
        CreateRun.newBuilder()
            .setRunName(context.stepId())
            .setStartTime(System.currentTimeMillis());
    tags.forEach((k, v) -> request.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
    TrackingHttp http = new TrackingHttp(connection.get());
    String experiment = http.within("find experiment", () -> experimentId(remote.get()));
    request.setExperimentId(experiment);
    return new RemoteRun(
        remote.get(),
        http,
        http.within("create run", () -> remote.get().createRun(request.build()).getRunId()));
  }

  /** The id of the experiment, created when missing (another step may create it first). */
  private String experimentId(MlflowClient mlflow) {
    if (experimentId == null) {
      String name = experimentName();
      experimentId =
          mlflow
              .getExperimentByName(name)
              .map(e -> e.getExperimentId())
              .orElseGet(
                  () -> {
                    try {
                      return mlflow.createExperiment(name);
                    } catch (MlflowClientException raced) {
                      return mlflow
                          .getExperimentByName(name)
                          .orElseThrow(() -> raced)
                          .getExperimentId();
                    }
                  });
    }
    return experimentId;
  }

  static BasicMlflowHostCreds credentials(MlflowConnection c) {
    if (c.token() != null) {
      return new BasicMlflowHostCreds(c.trackingUri(), c.token());
    }
    if (c.username() != null) {
      return new BasicMlflowHostCreds(
          c.trackingUri(), c.username(), c.password() == null ? "" : c.password());
    }
    return new BasicMlflowHostCreds(c.trackingUri());
  }
}
