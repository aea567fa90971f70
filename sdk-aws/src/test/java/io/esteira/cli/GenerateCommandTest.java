package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esteira generate} on the origin example: what it writes, and that it writes nothing on
 * error.
 */
class GenerateCommandTest {

  private static final List<String> ALL_FILES =
      List.of(
          "pipeline.json",
          "pipeline.mmd",
          "schedule.dev.json",
          "schedule.prd.json",
          "state-machine.dev.asl.json",
          "state-machine.prd.asl.json",
          "task-definition.dev.json",
          "task-definition.prd.json");

  @TempDir Path tmp;

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void writesEveryArtifactOfEveryEnvironmentUnderTheProjectName() throws IOException {
    Path out = tmp.resolve("out");

    Cli.Run run =
        Cli.run("generate", ValidateCommandTest.EXAMPLE.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(files(out))
        .containsExactlyElementsOf(ALL_FILES.stream().map(f -> "recsys/" + f).toList());
    assertThat(run.out())
        .contains("wrote " + out.resolve("recsys/pipeline.json"))
        .contains("generated 8 files for recsys (dev, prd) in " + out.resolve("recsys"));
    assertThat(Files.readString(out.resolve("recsys/pipeline.json")))
        .contains("\"formatVersion\": 2");
  }

  @Test
  void aStateMachineIsReportedAtTheSizeTheDeployerSendsNotTheFileSize() throws IOException {
    Path out = tmp.resolve("out");

    Cli.Run run =
        Cli.run("generate", ValidateCommandTest.EXAMPLE.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path file = out.resolve("recsys/state-machine.prd.asl.json");
    java.util.regex.Matcher line =
        java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote("wrote " + file)
                    + " \\(sent as about ([0-9,]+) bytes of compact JSON, ([0-9.]+)% of Step"
                    + " Functions' 1,048,576-byte limit\\)")
            .matcher(run.out());
    assertThat(line.find()).as(run.out()).isTrue();
    long sent = Long.parseLong(line.group(1).replace(",", ""));
    long onDisk = Files.size(file);
    long compact =
        io.esteira.core.generate.Json.writeCompact(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
            .length;
    // The compact JSON plus the placeholders' growth (ARNs, subnets): more than the compact file,
    // far less than the pretty-printed one.
    assertThat(sent).isGreaterThan(compact).isLessThan(compact + 2_000).isLessThan(onDisk);
    assertThat(Double.parseDouble(line.group(2))).isEqualTo(100.0 * sent / 1_048_576, within(0.05));
    assertThat(run.out()).contains("wrote " + out.resolve("recsys/pipeline.json") + "\n");
  }

  @Test
  void generatingTwiceGivesByteIdenticalFiles() throws IOException {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    String example = ValidateCommandTest.EXAMPLE.toString();

    assertThat(Cli.run("generate", example, "--out", first.toString()).exitCode()).isZero();
    assertThat(Cli.run("generate", example, "--out", second.toString()).exitCode()).isZero();
    assertThat(Cli.run("generate", example, "--out", second.toString()).exitCode()).isZero();

    assertThat(files(second)).isEqualTo(files(first));
    for (String file : files(first)) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void anErrorWritesNothingAndLeavesAnEarlierSetAlone() throws IOException {
    Path out = tmp.resolve("out");
    assertThat(
            Cli.run("generate", ValidateCommandTest.EXAMPLE.toString(), "--out", out.toString())
                .exitCode())
        .isZero();
    byte[] before = Files.readAllBytes(out.resolve("recsys/pipeline.json"));
    Path broken =
        ValidateCommandTest.brokenCopy(tmp.resolve("broken"), "memory_gb: 8", "memory_gbs: 8");

    Cli.Run run = Cli.run("generate", broken.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(broken + ":41:11: error: [ESTEIRA-CONFIG-UNKNOWN-KEY]");
    assertThat(run.out()).startsWith("nothing written: 1 error");
    assertThat(Files.readAllBytes(out.resolve("recsys/pipeline.json"))).isEqualTo(before);
    assertThat(files(out)).hasSize(ALL_FILES.size());
  }

  @Test
  void anErrorInOneProjectWritesNoProjectAtAll() throws IOException {
    Path out = tmp.resolve("out");
    Path broken =
        ValidateCommandTest.brokenCopy(
            tmp.resolve("broken"), "project_name: recsys", "project_name: recsys2\nbogus: 1");

    Cli.Run run =
        Cli.run(
            "generate",
            ValidateCommandTest.EXAMPLE.toString(),
            broken.toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void onlyTheEnvironmentAskedForAndStaleFilesOfTheOtherAreRemoved() throws IOException {
    Path out = tmp.resolve("out");
    String example = ValidateCommandTest.EXAMPLE.toString();
    assertThat(Cli.run("generate", example, "--out", out.toString()).exitCode()).isZero();

    Cli.Run run = Cli.run("generate", example, "--out", out.toString(), "--env", "prd");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(files(out))
        .containsExactly(
            "recsys/pipeline.json",
            "recsys/pipeline.mmd",
            "recsys/schedule.prd.json",
            "recsys/state-machine.prd.asl.json",
            "recsys/task-definition.prd.json");
    assertThat(run.out()).contains("removed " + out.resolve("recsys/task-definition.dev.json"));
  }

  @Test
  void anEnvironmentTheConfigDoesNotDeclareIsAnError() {
    Path out = tmp.resolve("out");

    Cli.Run run =
        Cli.run(
            "generate",
            ValidateCommandTest.EXAMPLE.toString(),
            "--out",
            out.toString(),
            "-e",
            "stg");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: [ESTEIRA-ARTIFACTS-UNKNOWN-ENVIRONMENT] environment 'stg'");
    assertThat(out).doesNotExist();
  }
}
