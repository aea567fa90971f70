package io.esteira.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform file is read by the engine's YAML layer, with config.yaml's protections: each
 * hostile or broken file is one clear error at its place, with the platform file's own codes, never
 * an exception.
 */
class PlatformFileSafetyTest {

  private static final String GOOD =
      """
      region: us-east-1
      network:
        vpc_id: vpc-0a1b2c3d
        subnets: [subnet-0a1b2c3d]
      ecr:
        repository: ml-pipelines
      environments:
        dev:
          mlflow:
            tracking_uri: https://mlflow.dev.internal
            s3_endpoint_url: https://s3.us-east-1.amazonaws.com
      """;

  @TempDir Path dir;

  private static List<String> rendered(PlatformReader.Result result) {
    assertThat(result.platform()).isEmpty();
    return result.diagnostics().stream().map(Diagnostic::render).toList();
  }

  @Test
  void theGoodFileReads() {
    assertThat(PlatformReader.parse(GOOD, "platform.yaml").platform()).isPresent();
  }

  @Test
  void anAliasBombIsRefusedAtTheKeyWhereItExpandsTooFar() {
    String bomb =
        """
        region: us-east-1
        network:
          vpc_id: vpc-0a1b2c3d
          subnets: &s [subnet-0a1b2c3d]
        a: &a [*s, *s, *s, *s, *s, *s, *s, *s]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a]
        c: [*b, *b, *b, *b, *b, *b, *b, *b]
        """;

    assertThat(rendered(PlatformReader.parse(bomb, "platform.yaml")))
        .containsExactly(
            "platform.yaml:6:1: error: [ESTEIRA-DEPLOY-PLATFORM-UNSAFE] aliases repeat anchored"
                + " blocks more than 50 times; the platform file takes plain YAML only: remove"
                + " tags and deep anchor/alias use");
  }

  @Test
  void absurdNestingIsReportedAtItsPlaceNotThrown() {
    String deep = "region: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";

    assertThat(rendered(PlatformReader.parse(deep, "platform.yaml")))
        .containsExactly(
            "platform.yaml:1:73: error: [ESTEIRA-DEPLOY-PLATFORM-UNSAFE] the document is nested"
                + " more than 64 levels deep; the platform file takes plain YAML only: remove tags"
                + " and deep anchor/alias use");
  }

  @Test
  void aDuplicateKeyNamesBothLines() {
    String twice = GOOD + "region: eu-west-1\n";

    assertThat(rendered(PlatformReader.parse(twice, "platform.yaml")))
        .containsExactly(
            "platform.yaml:12:1: error: [ESTEIRA-DEPLOY-PLATFORM-DUPLICATE-KEY] key 'region'"
                + " appears twice in the same mapping (first at line 1); keep one of them");
  }

  @Test
  void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(file, GOOD + "# filler\n".repeat(30_000), StandardCharsets.UTF_8);
    long size = Files.size(file);

    assertThat(rendered(PlatformReader.read(file, "platform.yaml")))
        .containsExactly(
            "platform.yaml: error: [ESTEIRA-DEPLOY-PLATFORM-TOO-LARGE] the file is "
                + size
                + " bytes, over the 262144-byte limit for a platform file; check that --platform"
                + " names the platform file");
  }

  @Test
  void aTagIsRefusedAtItsPlace() {
    String tagged = GOOD.replace("region: us-east-1", "region: !ENV ${AWS_REGION}");

    assertThat(rendered(PlatformReader.parse(tagged, "platform.yaml")))
        .containsExactly(
            "platform.yaml:1:9: error: [ESTEIRA-DEPLOY-PLATFORM-UNSAFE] the tag '!ENV' is not"
                + " allowed (no tags are needed here); the platform file takes plain YAML only:"
                + " remove tags and deep anchor/alias use");
  }

  @Test
  void aKeyThatIsAListIsReportedNotThrown() {
    String listKey = GOOD + "  ? [qa]\n  : {mlflow: {}}\n";

    assertThat(rendered(PlatformReader.parse(listKey, "platform.yaml")))
        .containsExactly(
            "platform.yaml:12:5: error: [ESTEIRA-DEPLOY-PLATFORM-WRONG-TYPE] 'key' must be plain"
                + " text, but is a list; write keys as plain words followed by a colon, such as"
                + " name:");
  }

  @Test
  void bytesThatAreNotUtf8AreReportedWhereTheyAre() throws IOException {
    Path file = dir.resolve("platform.yaml");
    Files.write(file, (GOOD + "# regi\u00e3o\n").getBytes(StandardCharsets.ISO_8859_1));

    assertThat(rendered(PlatformReader.read(file, "platform.yaml")))
        .containsExactly(
            "platform.yaml:12:7: error: [ESTEIRA-DEPLOY-PLATFORM-SYNTAX] the file is not UTF-8"
                + " text (save it as UTF-8); fix the YAML syntax at this place");
  }
}
