package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MLflow's own Python client, from the virtualenv {@code scripts/install-test-tools.sh} made
 * ({@code .tools/mlflow-venv}): integration tests check what Java wrote to the server the way an ML
 * engineer would read it back, not through Esteira's own HTTP code.
 */
public final class MlflowPython {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MlflowPython() {}

  /**
   * Runs {@code script} ({@code python -c}) with {@code MLFLOW_TRACKING_URI} set to {@code
   * trackingUri} and {@code args} as {@code sys.argv[1:]}, and reads the JSON document it prints
   * last. A non-zero exit fails the test with the script's output.
   */
  public static JsonNode json(String trackingUri, String script, String... args) {
    String output = run(trackingUri, script, args);
    String[] lines = output.strip().split("\\R");
    try {
      return JSON.readTree(lines[lines.length - 1]);
    } catch (IOException e) {
      return fail("the MLflow Python script printed no JSON last:\n" + output);
    }
  }

  /** Like {@link #json}, returning everything the script printed. */
  public static String run(String trackingUri, String script, String... args) {
    Path python = MlflowTestServer.repositoryRoot().resolve(".tools/mlflow-venv/bin/python");
    if (!Files.isExecutable(python)) {
      fail("no MLflow Python client at " + python + ": run scripts/install-test-tools.sh");
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), "-c", script));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("MLFLOW_TRACKING_URI", trackingUri);
      // No telemetry or version checks from a test: nothing leaves loopback.
      builder.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
      builder.environment().put("DO_NOT_TRACK", "true");
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return fail("the MLflow Python script did not end within 2 minutes:\n" + output);
      }
      if (process.exitValue() != 0) {
        return fail(
            "the MLflow Python script failed (exit " + process.exitValue() + "):\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
