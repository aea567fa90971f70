package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The variables a step's process sees locally, built to match what its container sees in the cloud.
 * Lowest precedence first:
 *
 * <ol>
 *   <li>the runner's own environment ({@code PATH}, {@code HOME}, ...): a laptop is not a
 *       container, and a step needs the tools installed there; this passes {@code
 *       MLFLOW_TRACKING_URI} and {@code MLFLOW_S3_ENDPOINT_URL} through when they are set;
 *   <li>{@code runtime.env_vars};
 *   <li>the secrets of {@code runtime.secrets}, each read from the runner's environment by its own
 *       name (never from AWS; a missing one stops the run before it starts);
 *   <li>what the task definition and the state machine set: {@code MLFLOW_EXPERIMENT_NAME}, {@code
 *       ENV} (always the environment run, never the {@code env_vars} value), {@code
 *       ESTEIRA_PROJECT}, {@code ESTEIRA_STEP}, {@code ESTEIRA_EXECUTION_ID} (the run id), {@code
 *       ESTEIRA_ATTEMPT};
 *   <li>the step's data ({@code docs/step-data.md}), as the state machine and the task definition
 *       set them: {@code ESTEIRA_WORK_DIR} (the attempt's own work directory), {@code
 *       ESTEIRA_STORE} (the run's store, a {@code file:} URI ending in {@code /}), {@code
 *       ESTEIRA_INPUTS} ({@code step/name}, space-separated), {@code ESTEIRA_OUTPUTS} (names),
 *       {@code ESTEIRA_UPSTREAM} (every step upstream, directly or not, in declaration order).
 * </ol>
 */
final class StepEnvironment {

  private StepEnvironment() {}

  static Map<String, String> of(
      PipelineModel model,
      Map<String, String> host,
      StepModel step,
      int attempt,
      String runId,
      Path workDir,
      URI store,
      List<String> upstream) {
    Map<String, String> env = new TreeMap<>(host);
    env.putAll(model.runtime().envVars());
    for (String secret : model.runtime().secrets().keySet()) {
      String value = host.get(secret);
      if (value != null) {
        env.put(secret, value);
      }
    }
    env.put("MLFLOW_EXPERIMENT_NAME", model.mlflow().experiment());
    env.put("ENV", model.environment());
    env.put("ESTEIRA_PROJECT", model.project());
    env.put("ESTEIRA_STEP", step.id());
    env.put("ESTEIRA_EXECUTION_ID", runId);
    env.put("ESTEIRA_ATTEMPT", Integer.toString(attempt));
    env.put("ESTEIRA_WORK_DIR", workDir.toString());
    env.put("ESTEIRA_STORE", store.toString());
    env.put(
        "ESTEIRA_INPUTS",
        step.inputs().stream().map(StepInput::toString).collect(Collectors.joining(" ")));
    env.put("ESTEIRA_OUTPUTS", String.join(" ", step.outputs()));
    env.put("ESTEIRA_UPSTREAM", String.join(" ", upstream));
    return env;
  }
}
