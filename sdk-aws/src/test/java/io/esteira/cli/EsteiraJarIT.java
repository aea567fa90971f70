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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    return esteira(List.of(), args);
  }

  private static Result esteira(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
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

  @Test
  void runningOutOfMemoryIsOneLineAndExitCodeThreeNotAStackTrace() throws Exception {
    String example = Files.readString(EXAMPLE.resolve("config.yaml"));
    int start = example.indexOf("    steps:\n");
    // The steps end at the next key of batch: or of the document.
    Matcher next = Pattern.compile("^(\\S|  \\S)", Pattern.MULTILINE).matcher(example);
    int end = next.find(start + "    steps:\n".length()) ? next.start() : example.length();
    StringBuilder wide = new StringBuilder(example.substring(0, start));
    wide.append("    steps:\n      - id: prep\n        command: \"true\"\n");
    for (int i = 0; i < 800; i++) {
      wide.append("      - id: f")
          .append(i)
          .append("\n        command: \"python run.py ")
          .append(i)
          .append("\"\n        depends_on: [prep]\n");
    }
    wide.append(example.substring(end));
    Path project = Files.createDirectories(tmp.resolve("wide"));
    Files.writeString(project.resolve("config.yaml"), wide);
    Path out = tmp.resolve("out");

    Result result =
        esteira(List.of("-Xmx32m"), "generate", "--out", out.toString(), project.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output())
        .startsWith(
            "error: [ESTEIRA-CLI-INTERNAL-ERROR] unexpected failure: java.lang.OutOfMemoryError")
        .doesNotContain("\tat ")
        .hasLineCount(1);
    assertThat(out).doesNotExist();
  }
}
