package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code asl-validator} npm package (pinned in the repository's {@code package.json}) on
 * generated state machines, many files in one {@code node} process because starting Node costs more
 * than validating. Fails, never skips, when the validator is not installed: {@code bash
 * scripts/install-test-tools.sh} installs it.
 */
public final class AslValidatorSupport {

  private static final String INSTALL_HINT =
      "run 'bash scripts/install-test-tools.sh' at the repository root, then run the tests again";

  private AslValidatorSupport() {}

  /** Asserts that asl-validator accepts every definition; keys name them in the report. */
  public static void assertValid(Map<String, ? extends JsonNode> definitions) {
    if (definitions.isEmpty()) {
      throw new IllegalArgumentException("nothing to validate");
    }
    Path root = repositoryRoot();
    Path cli = validatorCli(root);
    Path dir = createTempDirectory();
    try {
      List<String> command = new ArrayList<>(List.of(node(), cli.toString()));
      Map<String, Path> files = new LinkedHashMap<>();
      int index = 0;
      for (Map.Entry<String, ? extends JsonNode> definition : definitions.entrySet()) {
        Path file = dir.resolve(String.format("%04d.asl.json", index++));
        Files.writeString(file, Json.write(definition.getValue()), StandardCharsets.UTF_8);
        files.put(definition.getKey(), file);
        command.add("--json-path");
        command.add(file.toString());
      }
      Result result = run(command, root);
      long accepted = result.output().lines().filter(l -> l.contains("is valid")).count();
      if (result.exitCode() != 0 || accepted != definitions.size()) {
        StringBuilder legend = new StringBuilder();
        files.forEach(
            (name, file) ->
                legend.append(file.getFileName()).append(" = ").append(name).append('\n'));
        fail(
            "asl-validator rejected generated state machines (exit %d, %d of %d valid):%n%s%n%s",
            result.exitCode(), accepted, definitions.size(), result.output(), legend);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteRecursively(dir);
    }
  }

  /** Asserts that asl-validator accepts one definition. */
  public static void assertValid(String name, JsonNode definition) {
    assertValid(Map.of(name, definition));
  }

  /** The directory holding {@code package.json}, found by walking up from the working directory. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path at = dir; at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("package.json"))
          && Files.isRegularFile(at.resolve("pom.xml"))) {
        return at;
      }
    }
    return fail("no package.json above %s: the tests must run inside the Esteira repository", dir);
  }

  private static Path validatorCli(Path root) {
    Path packageJson = root.resolve("node_modules/asl-validator/package.json");
    if (!Files.isRegularFile(packageJson)) {
      return fail("asl-validator is not installed under %s/node_modules; %s", root, INSTALL_HINT);
    }
    try {
      JsonNode bin = Json.mapper().readTree(packageJson.toFile()).path("bin");
      String relative = bin.isTextual() ? bin.asText() : bin.path("asl-validator").asText();
      Path cli = packageJson.getParent().resolve(relative).normalize();
      if (!Files.isRegularFile(cli)) {
        return fail("asl-validator's command %s is missing; %s", cli, INSTALL_HINT);
      }
      return cli;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String node() {
    try {
      Result version = run(List.of("node", "--version"), Path.of("").toAbsolutePath());
      if (version.exitCode() == 0) {
        return "node";
      }
    } catch (IOException e) {
      // Reported below.
    }
    return fail("node is not on the PATH; install Node.js 18 or newer, then %s", INSTALL_HINT);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path dir) throws IOException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("asl-validator did not finish within 120 s: %s", command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Result(process.exitValue(), output);
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("esteira-asl");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
