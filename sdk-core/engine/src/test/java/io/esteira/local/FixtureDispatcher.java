package io.esteira.local;

import io.esteira.StepContext;
import io.esteira.runtime.StepDispatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hand-written dispatcher of project {@code fixture}, found through {@link
 * java.util.ServiceLoader} as hand-written dispatchers are, for the launcher and runner tests. It
 * is registered for {@link java.util.ServiceLoader} only on the class paths {@link
 * FixtureClasspath} makes, so other modules' tests never see it.
 */
public final class FixtureDispatcher implements StepDispatcher {

  static final List<String> STEPS = List.of("hello", "boom", "flaky", "sleepy", "env", "stores");

  @Override
  public String project() {
    return "fixture";
  }

  @Override
  public List<String> stepIds() {
    return STEPS;
  }

  @Override
  public void run(String stepId, StepContext context) throws Exception {
    switch (stepId) {
      case "hello" -> {
        context
            .logger()
            .log(
                System.Logger.Level.INFO,
                "hello from {0} attempt {1} in {2}",
                context.stepId(),
                context.attempt(),
                context.environment());
        Files.writeString(context.workDir().resolve("hello.txt"), context.executionId());
      }
      case "boom" -> throw new IllegalStateException("boom\nsecond line of the message");
      case "flaky" -> {
        Path marker = context.workDir().resolve("flaky.marker");
        if (!Files.exists(marker)) {
          Files.writeString(marker, "failed once");
          throw new IllegalStateException("first attempt fails");
        }
      }
      case "sleepy" -> {
        // Tells the test the JVM is up; the path comes from the runner's own environment.
        Files.writeString(Path.of(context.env("SLEEPY_STARTED").orElseThrow()), "");
        Thread.sleep(60_000);
      }
      case "env" -> {
        StringBuilder text = new StringBuilder();
        for (String name :
            List.of(
                "ENV",
                "ESTEIRA_PROJECT",
                "ESTEIRA_STEP",
                "ESTEIRA_ATTEMPT",
                "MLFLOW_EXPERIMENT_NAME",
                "API_TOKEN")) {
          text.append(name).append('=').append(context.env(name).orElse("")).append('\n');
        }
        Files.writeString(context.workDir().resolve("env.txt"), text, StandardCharsets.UTF_8);
      }
      case "stores" -> {
        // Writes its declared output model.bin and stores it under ESTEIRA_STORE by hand, as the
        // step launcher does once a step returns (a launcher that does so stores the same bytes
        // again), so the runner's side is tested whichever launcher runs it.
        StringBuilder text = new StringBuilder();
        for (String name :
            List.of(
                "ESTEIRA_WORK_DIR",
                "ESTEIRA_STORE",
                "ESTEIRA_INPUTS",
                "ESTEIRA_OUTPUTS",
                "ESTEIRA_UPSTREAM")) {
          text.append(name).append('=').append(context.env(name).orElse("")).append('\n');
        }
        Path stored =
            Path.of(java.net.URI.create(context.env("ESTEIRA_STORE").orElseThrow()))
                .resolve(context.stepId())
                .resolve("model.bin");
        Files.writeString(context.workDir().resolve("model.bin"), text, StandardCharsets.UTF_8);
        Files.createDirectories(stored.getParent());
        Files.writeString(stored, text, StandardCharsets.UTF_8);
        Files.writeString(context.workDir().resolve("scratch.txt"), "not data");
      }
      default -> throw new IllegalArgumentException("no step " + stepId + " in " + STEPS);
    }
  }
}
