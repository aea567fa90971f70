package io.esteira.benchmarks;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Load + validate + generate, as {@code esteira generate} does it minus the disk: {@code
 * config.yaml} text in, every artifact of {@code dev} and {@code prd} out. {@code origin} is the
 * origin document's example; {@code steps1000} a generated 1,000-step pipeline of chains and
 * fan-out/fan-in (see {@link LargePipeline}), whose state machine is over Step Functions' 1 MiB
 * limit, so it ends in that error with every tree built and nothing serialized; {@code steps800}
 * the same shape at 800 steps, accepted, every file made.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ArtifactsBenchmark {

  private static final List<String> ENVIRONMENTS = List.of("dev", "prd");

  @Param({"origin", "steps800", "steps1000"})
  public String pipeline;

  private String yaml;

  @Setup
  public void setUp() throws IOException {
    yaml =
        switch (pipeline) {
          case "origin" -> origin();
          case "steps800" -> LargePipeline.yaml(800);
          case "steps1000" -> LargePipeline.yaml(1000);
          default -> throw new IllegalArgumentException("unknown pipeline " + pipeline);
        };
    describe(loadValidateGenerate());
  }

  @Benchmark
  public ProjectArtifacts loadValidateGenerate() {
    return ProjectArtifacts.generate(ConfigLoader.parse("config.yaml", yaml), ENVIRONMENTS);
  }

  /**
   * Prints what one run gives (file sizes, or the errors), so a figure is never read without
   * knowing whether it measured a successful generation.
   */
  private void describe(ProjectArtifacts artifacts) {
    System.out.printf(
        "%n[%s] %d bytes of config.yaml, %d errors, %d warnings%n",
        pipeline,
        yaml.length(),
        artifacts.diagnostics().stream().filter(Diagnostic::isError).count(),
        artifacts.diagnostics().stream().filter(d -> !d.isError()).count());
    artifacts.diagnostics().stream()
        .filter(Diagnostic::isError)
        .limit(5)
        .forEach(d -> System.out.println("  " + d.render()));
    for (Map.Entry<String, String> file : artifacts.files().entrySet()) {
      Long sent = artifacts.sentBytes().get(file.getKey());
      System.out.printf(
          "  %-30s %,10d bytes%s%n",
          file.getKey(),
          file.getValue().getBytes(StandardCharsets.UTF_8).length,
          sent == null ? "" : String.format(" (%,d bytes sent, the limit's count)", sent));
    }
  }

  private static String origin() throws IOException {
    try (InputStream in = ArtifactsBenchmark.class.getResourceAsStream("origin/config.yaml")) {
      if (in == null) {
        throw new IOException(
            "origin/config.yaml is not on the class path; build with -Pbenchmarks");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
