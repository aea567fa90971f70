package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.asl.AslValidatorSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code target/esteira.jar} run as the README runs it, in its own JVM: its manifest,
 * its bundled dependencies and its exit codes, which in-process tests cannot see.
 */
class EsteiraJarIT {

  private static final Path JAR = Path.of("target", "esteira.jar");
  private static final Path EXAMPLE =
      Path.of("..", "examples", "yaml-only", "src", "projects", "recsys");

  @TempDir Path tmp;

  record Result(int exitCode, String output) {}

  private static Result esteira(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("esteira finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void printsTheVersionItWasBuiltWith() throws Exception {
    Result result = esteira("--version");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).startsWith("esteira ").doesNotContain("${");
  }

  @Test
  void aMissingPathExitsWithTwoAndNoStackTrace() throws Exception {
    Result result = esteira("validate", tmp.resolve("missing").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("[ESTEIRA-CLI-NOT-FOUND]").doesNotContain("\tat ");
  }

  @Test
  void validatesAndGeneratesTheOriginExample() throws Exception {
    Path out = tmp.resolve("out");

    Result validate = esteira("validate", EXAMPLE.toString());
    Result generate = esteira("generate", EXAMPLE.toString(), "--out", out.toString());

    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(generate.exitCode()).as(generate.output()).isZero();
    assertThat(Files.readString(out.resolve("recsys/pipeline.mmd"))).startsWith("flowchart TD");
    Map<String, JsonNode> machines = new TreeMap<>();
    for (String env : List.of("dev", "prd")) {
      Path file = out.resolve("recsys/state-machine." + env + ".asl.json");
      machines.put(file.getFileName().toString(), Json.mapper().readTree(file.toFile()));
    }
    AslValidatorSupport.assertValid(machines);
  }
}
