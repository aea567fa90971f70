package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code config/bad/} is a broken config.yaml whose leading comments say which
 * diagnostics it must produce ({@code # expect: ESTEIRA-CODE line:column}); no other error may
 * appear. A {@code # code-steps: a, b} line resolves it as a Java pipeline with those methods.
 *
 * <p>Each expected problem is reported as many times as it is listed (once, as a rule), both by
 * {@link ProjectConfig#validate} and by each environment's {@link ProjectConfig#resolve}: a value
 * that every environment uses is still one problem at one place.
 */
class BadConfigCorpusTest {

  static Stream<Path> corpus() throws IOException, URISyntaxException {
    Path dir = Path.of(BadConfigCorpusTest.class.getResource("/config/bad").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void corpusHasAtLeastFortyFiles() throws Exception {
    assertThat(corpus().count()).isGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void reportsExactlyTheExpectedProblemsAtTheirPlace(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> expected = directives(text, "expect");
    String name = file.getFileName().toString();
    List<Diagnostic> actual = check(name, text);

    List<String> found = actual.stream().map(ConfigTesting::where).toList();
    List<String> unexpectedErrors =
        actual.stream()
            .filter(Diagnostic::isError)
            .map(ConfigTesting::where)
            .filter(w -> !expected.contains(w))
            .toList();
    assertThat(expected).as("expectations of %s", file.getFileName()).isNotEmpty();
    assertThat(found).as("diagnostics:%n%s", render(actual)).containsAll(expected);
    assertThat(counts(found, expected))
        .as("times reported by validate:%n%s", render(actual))
        .isEqualTo(counts(expected, expected));
    for (Map.Entry<String, List<Diagnostic>> env : resolveEach(name, text).entrySet()) {
      List<String> inEnv = env.getValue().stream().map(ConfigTesting::where).toList();
      assertThat(counts(inEnv, expected))
          .as("times reported when resolving %s:%n%s", env.getKey(), render(env.getValue()))
          .allSatisfy(
              (code, times) -> assertThat(times).isLessThanOrEqualTo(count(expected, code)));
    }
    assertThat(unexpectedErrors).as("diagnostics:%n%s", render(actual)).isEmpty();
    assertThat(actual)
        .allSatisfy(
            d -> {
              assertThat(d.position()).isPresent();
              assertThat(d.position().get().file()).isEqualTo(file.getFileName().toString());
              assertThat(d.text()).doesNotContain("%s", "null");
            });
  }

  @Test
  void noFileOfTheCorpusThrows() throws Exception {
    for (Path file : corpus().toList()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertThatCode(() -> check(file.getFileName().toString(), text))
          .as("%s", file.getFileName())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void noTruncationOrLineDeletionOfTheOriginExampleThrows() throws Exception {
    String text =
        Files.readString(
            Path.of(BadConfigCorpusTest.class.getResource("/seed/config.yaml").toURI()),
            StandardCharsets.UTF_8);
    List<String> lines = Arrays.asList(text.split("\n", -1));
    for (int i = 0; i <= lines.size(); i++) {
      String prefix = String.join("\n", lines.subList(0, i));
      List<String> without = new ArrayList<>(lines);
      if (i < lines.size()) {
        without.remove(i);
      }
      for (String variant : List.of(prefix, String.join("\n", without))) {
        assertThatCode(() -> check("variant.yaml", variant))
            .as("line %d", i + 1)
            .doesNotThrowAnyException();
      }
    }
  }

  private static List<Diagnostic> check(String name, String text) {
    Loaded loaded = ConfigLoader.parse(name, text);
    if (loaded.config().isEmpty()) {
      return loaded.diagnostics();
    }
    return loaded.config().get().validate(code(text));
  }

  /** The Java pipeline a {@code # code-steps:} line describes, or none. */
  private static CodeDefaults code(String text) {
    List<String> codeSteps = directives(text, "code-steps");
    if (codeSteps.isEmpty()) {
      return CodeDefaults.NONE;
    }
    List<CodeStep> steps =
        Arrays.stream(codeSteps.get(0).split(","))
            .map(String::trim)
            .map(id -> ConfigTesting.codeStep(id))
            .toList();
    return new CodeDefaults(Optional.of("recsys"), Optional.empty(), Optional.of("1.0.0"), steps);
  }

  /** Each environment's diagnostics, in the order of {@link ProjectConfig#environments}. */
  private static Map<String, List<Diagnostic>> resolveEach(String name, String text) {
    Map<String, List<Diagnostic>> all = new LinkedHashMap<>();
    ConfigLoader.parse(name, text)
        .config()
        .ifPresent(
            config ->
                config
                    .environments()
                    .forEach(env -> all.put(env, config.resolve(env, code(text)).diagnostics())));
    return all;
  }

  /** How often each of {@code keys} occurs in {@code values}. */
  private static Map<String, Long> counts(List<String> values, List<String> keys) {
    Map<String, Long> counts = new TreeMap<>();
    keys.forEach(k -> counts.put(k, count(values, k)));
    return counts;
  }

  private static long count(List<String> values, String key) {
    return values.stream().filter(key::equals).count();
  }

  private static List<String> directives(String text, String name) {
    List<String> values = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      String prefix = "# " + name + ":";
      if (line.startsWith(prefix)) {
        values.add(line.substring(prefix.length()).trim());
      }
    }
    return values;
  }

  private static String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    diagnostics.forEach(d -> out.append("  ").append(d.render()).append('\n'));
    return out.toString();
  }
}
