package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.registry.MlflowTestServer;
import io.esteira.core.registry.OriginRegistry;
import io.esteira.core.registry.RegistryMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code esteira models} from the shaded jar in its own JVM, configured only by the MLflow
 * environment variables, as CI runs it: the bundled MLflow classes load, the variables reach the
 * server, and the exit codes are the documented ones.
 */
class ModelsJarIT {

  private static final Path JAR = Path.of("target", "esteira.jar");

  record Result(int exitCode, String output) {}

  private static Result esteira(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("esteira finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void listsTheServerOfMlflowTrackingUri() throws Exception {
    OriginRegistry origin = OriginRegistry.build(MlflowTestServer.registry(RegistryMode.STAGES));

    Result result =
        esteira(
            Map.of("MLFLOW_TRACKING_URI", MlflowTestServer.url()),
            "models",
            "list",
            origin.churn(),
            "--mode",
            "stages");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("(stages mode): 2 versions");
    assertThat(result.output().lines().filter(l -> l.startsWith("v")).map(l -> l.split("\\s+")[1]))
        .containsExactly("Archived", "Production");
  }

  @Test
  void theCredentialVariablesDecideWhetherTheAuthServerAnswers() throws Exception {
    String url = MlflowTestServer.authUrl();
    Map<String, String> right =
        Map.of(
            "MLFLOW_TRACKING_URI", url,
            "MLFLOW_TRACKING_USERNAME", MlflowTestServer.AUTH_USER,
            "MLFLOW_TRACKING_PASSWORD", MlflowTestServer.AUTH_PASSWORD);
    Map<String, String> wrong =
        Map.of(
            "MLFLOW_TRACKING_URI",
            url,
            "MLFLOW_TRACKING_USERNAME",
            MlflowTestServer.AUTH_USER,
            "MLFLOW_TRACKING_PASSWORD",
            "not-the-password");

    Result allowed = esteira(right, "models", "history", "no-such-model");
    Result refused = esteira(wrong, "models", "history", "no-such-model");
    Result anonymous = esteira(Map.of("MLFLOW_TRACKING_URI", url), "models", "history", "x");

    assertThat(allowed.exitCode()).as(allowed.output()).isEqualTo(ExitCodes.ERRORS);
    assertThat(allowed.output()).contains("[ESTEIRA-MLFLOW-UNKNOWN-MODEL]");
    for (Result r : List.of(refused, anonymous)) {
      assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCodes.MLFLOW);
      assertThat(r.output()).contains("[ESTEIRA-MLFLOW-UNAUTHORIZED]").doesNotContain("\tat ");
    }
    assertThat(refused.output()).doesNotContain("not-the-password");
  }
}
