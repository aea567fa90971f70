package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup docs/processor.md shows is a project that builds: every block marked {@code <!--
 * snippet: PATH -->} is written to PATH in an empty directory, exactly as the page has it (only
 * {@code esteira.version} is set to this build's version), and a real {@code mvn package} builds
 * it, running the pipeline's test.
 */
class DocsSetupIT {

  /** A marker line, then a fenced block: the block is the file's text. */
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```\\n", Pattern.DOTALL);

  private static final Pattern VERSION =
      Pattern.compile("<esteira\\.version>[^<]*</esteira\\.version>");

  private static final Pattern TESTS_RUN =
      Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\n");

  @TempDir Path dir;

  @Test
  void theProcessorPagesSetupBuildsAndRunsItsTest() throws Exception {
    Map<String, String> snippets =
        snippets(Path.of(System.getProperty("esteira.it.docs"), "processor.md"));
    assertThat(snippets)
        .containsKeys(
            "pom.xml",
            "config.yaml",
            "src/main/java/com/example/hello/HelloPipeline.java",
            "src/test/java/com/example/hello/HelloPipelineTest.java");
    assertThat(snippets.get("pom.xml"))
        .containsPattern(VERSION)
        .contains("<artifactId>esteira-maven-plugin</artifactId>");

    Path project = Files.createDirectories(dir.resolve("hello"));
    for (Map.Entry<String, String> snippet : snippets.entrySet()) {
      String text = snippet.getValue() + "\n";
      if (snippet.getKey().equals("pom.xml")) {
        text =
            VERSION
                .matcher(text)
                .replaceFirst(
                    Matcher.quoteReplacement(
                        "<esteira.version>" + MavenBuild.version() + "</esteira.version>"));
      }
      Path file = project.resolve(snippet.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    MavenBuild.Result build = MavenBuild.run(project, "package");

    assertThat(build.exit()).as(build.output()).isZero();
    Matcher tests = TESTS_RUN.matcher(build.output().replace("\r", ""));
    assertThat(tests.find()).as(build.output()).isTrue();
    assertThat(Integer.parseInt(tests.group(1))).isPositive();
    assertThat(project.resolve("target/classes/META-INF/esteira/hello/pipeline.json"))
        .content()
        .contains("\"description\": \"Greets, then shouts\"");
    assertThat(project.resolve("target/esteira-classpath.txt"))
        .content()
        .contains("esteira-api-" + MavenBuild.version() + ".jar");
  }

  /** The page's snippets by path, in the page's order; a path given twice is an error. */
  static Map<String, String> snippets(Path page) throws IOException {
    String text = Files.readString(page, StandardCharsets.UTF_8).replace("\r\n", "\n");
    Map<String, String> snippets = new LinkedHashMap<>();
    Matcher m = SNIPPET.matcher(text);
    while (m.find()) {
      if (snippets.put(m.group(1), m.group(2)) != null) {
        throw new AssertionError(page + " has two snippets for " + m.group(1));
      }
    }
    return snippets;
  }
}
