package io.esteira.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files and text that are hostile, huge, unreadable or oddly encoded. */
class SafeReadingTest {

  @TempDir Path dir;

  private static List<String> where(Loaded loaded) {
    return loaded.diagnostics().stream().map(ConfigTesting::where).toList();
  }

  @Test
  void textOverTheSizeLimitIsRefusedBeforeParsing() {
    String huge = "project_name: x\n" + "# filler\n".repeat(YamlLimits.CONFIG.maxBytes() / 9);
    Loaded loaded = ConfigLoader.parse("config.yaml", huge);

    assertThat(loaded.config()).isEmpty();
    assertThat(where(loaded)).containsExactly("ESTEIRA-YAML-TOO-LARGE 0:0");
    assertThat(loaded.diagnostics().get(0).text()).contains("1048576-byte limit");
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.write(file, new byte[YamlLimits.CONFIG.maxBytes() + 1]);

    assertThat(where(ConfigLoader.read(file))).containsExactly("ESTEIRA-YAML-TOO-LARGE 0:0");
  }

  @Test
  void textOfExactlyTheLimitIsRead() {
    String head = "project_name: recsys\n";
    String text = head + "#".repeat(YamlLimits.CONFIG.maxBytes() - head.length() - 1) + "\n";
    Loaded loaded = ConfigLoader.parse("config.yaml", text);

    assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(YamlLimits.CONFIG.maxBytes());
    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.config()).isPresent();
  }

  @Test
  void aThousandStepPipelineWrittenOneKeyPerLineLoads() throws IOException {
    StringBuilder yaml =
        new StringBuilder("project_name: recsys\nversion: \"1.0.0\"\nbatch:\n  pipeline:\n");
    yaml.append("    steps:\n");
    for (int i = 0; i < 1000; i++) {
      yaml.append(
          """
                - id: "step_%1$04d"
                  name: "Step %1$04d"
                  command: "python steps/score.py --part %1$04d --of 1000"
                  resources:
                    cpu: 1.0
                    memory_gb: 4
          """
              .formatted(i));
      if (i > 0) {
        yaml.append("        depends_on:\n          - \"step_%04d\"\n".formatted(i - 1));
      }
      yaml.append("        timeout_seconds: 1800\n        retries: 1\n\n");
    }
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    Loaded loaded = ConfigLoader.read(file);

    assertThat(Files.size(file)).isBetween(256L * 1024, 300L * 1000); // about 268 KB
    assertThat(loaded.diagnostics()).isEmpty();
    Resolved prd = loaded.config().orElseThrow().resolve("prd");
    assertThat(prd.diagnostics()).isEmpty();
    assertThat(prd.model().orElseThrow().steps()).hasSize(1000);
    assertThat(prd.model().orElseThrow().step("step_0999").dependsOn())
        .containsExactly("step_0998");
  }

  @Test
  void absurdNestingIsReportedNotThrown() {
    String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    Loaded loaded = ConfigLoader.parse("config.yaml", deep);

    assertThat(loaded.config()).isEmpty();
    // At the list that goes one level too deep, not at the whole file.
    assertThat(where(loaded)).containsExactly("ESTEIRA-YAML-UNSAFE 1:68");
  }

  @Test
  void nestingBeyondTheLimitIsUnsafeAtTheListThatGoesTooDeep() {
    String deep =
        "a: "
            + "[".repeat(YamlLimits.CONFIG.maxDepth() + 2)
            + "]".repeat(YamlLimits.CONFIG.maxDepth() + 2);

    assertThat(where(ConfigLoader.parse("config.yaml", deep)))
        .containsExactly("ESTEIRA-YAML-UNSAFE 1:68");
  }

  @Test
  void aLongScalarAnchorReusedInThousandsOfStepsIsRefusedWhereTheLimitIsCrossed() {
    // The shape of a file that once took 5 GB and died: a 700 KB anchor reused in 7,905 steps,
    // about 1 MB on disk. Aliases share one string while reading, but every use becomes a copy in
    // the model and the artifacts, so the expanded text is what is bounded.
    StringBuilder yaml =
        new StringBuilder("project_name: recsys\nversion: \"1\"\n")
            .append("description: &big \"")
            .append("x".repeat(700_000))
            .append("\"\nbatch:\n  pipeline:\n    steps:\n");
    for (int i = 0; i < 7905; i++) {
      yaml.append("      - id: s%04d\n        command: *big\n".formatted(i));
    }
    assertThat(yaml.length()).isBetween(1_000_000, YamlLimits.CONFIG.maxBytes());
    Loaded loaded = ConfigLoader.parse("config.yaml", yaml.toString());

    assertThat(loaded.config()).isEmpty();
    // The anchor and four uses fit in the 4 MiB of expanded text; the fifth use (step s0004,
    // line 16) does not.
    assertThat(where(loaded)).containsExactly("ESTEIRA-YAML-UNSAFE 16:9");
    assertThat(loaded.diagnostics().get(0).text())
        .contains("aliases expand the document to more than 4194304 characters of text");
  }

  @Test
  void aScalarAnchorSharedWithinTheExpandedTextLimitLoads() {
    StringBuilder yaml =
        new StringBuilder("project_name: recsys\nversion: \"1\"\n")
            .append("description: &cmd \"python steps/run.py ")
            .append("--flag ".repeat(10_000))
            .append("\"\nbatch:\n  pipeline:\n    steps:\n");
    for (int i = 0; i < 20; i++) {
      yaml.append("      - id: s%04d\n        command: *cmd\n".formatted(i));
    }
    Loaded loaded = ConfigLoader.parse("config.yaml", yaml.toString());

    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.config()).isPresent();
  }

  @Test
  void aMissingFileIsADiagnostic() {
    Loaded loaded = ConfigLoader.read(dir.resolve("nope.yaml"));

    assertThat(loaded.config()).isEmpty();
    assertThat(where(loaded)).containsExactly("ESTEIRA-YAML-UNREADABLE 0:0");
    assertThat(loaded.diagnostics().get(0).position().orElseThrow().file()).endsWith("nope.yaml");
  }

  @Test
  void aDirectoryIsADiagnostic() {
    assertThat(where(ConfigLoader.read(dir))).containsExactly("ESTEIRA-YAML-UNREADABLE 0:0");
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWhereTheyAre() throws IOException {
    Path file = dir.resolve("config.yaml");
    byte[] latin1 =
        "project_name: recsys\ndescription: Recomenda\u00e7\u00e3o\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);

    assertThat(where(ConfigLoader.read(file))).containsExactly("ESTEIRA-YAML-SYNTAX 2:23");
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndingsAreAccepted() throws IOException {
    Path file = dir.resolve("config.yaml");
    String text =
        "\uFEFFproject_name: recsys\r\nversion: \"1\"\r\nbatch:\r\n  pipeline:\r\n    steps:\r\n      - id: a\r\n        command: run\r\n";
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Loaded loaded = ConfigLoader.read(file);

    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.config().orElseThrow().resolve("dev").model()).isPresent();
  }

  @Test
  void anEmptyFileIsMissingItsRequiredKeys() {
    Loaded loaded = ConfigLoader.parse("config.yaml", "# nothing yet\n");

    assertThat(loaded.diagnostics()).isEmpty();
    assertThat(loaded.config().orElseThrow().resolve("dev").diagnostics())
        .extracting(ConfigTesting::where)
        .containsExactly(
            "ESTEIRA-CONFIG-MISSING-KEY 1:1",
            "ESTEIRA-CONFIG-MISSING-KEY 1:1",
            "ESTEIRA-CONFIG-MISSING-KEY 1:1");
  }

  @Test
  void aScalarDocumentIsNotAConfig() {
    assertThat(where(ConfigLoader.parse("config.yaml", "just text")))
        .containsExactly("ESTEIRA-CONFIG-WRONG-TYPE 1:1");
  }
}
