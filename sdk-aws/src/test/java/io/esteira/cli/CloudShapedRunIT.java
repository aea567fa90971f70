package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.local.MotoS3;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A cloud-shaped run of YAML-only projects, {@code esteira run --store s3://BUCKET}, against S3 on
 * moto_server with the real AWS CLI: each step in its own fresh work directory, its declared inputs
 * fetched and its declared outputs stored by the transfer containers' own scripts, so the data goes
 * only through the bucket, at {@code <project>/<env>/<run id>/<step>/<name>} as in AWS. Run as
 * {@code java -jar target/esteira.jar}, the way a user runs it, and through the command line in
 * this JVM for the failures.
 */
class CloudShapedRunIT {

  @TempDir Path tmp;

  private final MotoS3 s3 = MotoS3.find();

  private static Path onlyRun(Path runs) throws IOException {
    return RunCommandIT.onlyRun(runs);
  }

  /** The files under a work directory, relative to it, sorted. */
  private static List<String> files(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths
          .filter(Files::isRegularFile)
          .map(p -> directory.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private Cli.Run run(Map<String, String> environment, String... args) {
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.hostEnvironment = environment;
    command.live = false;
    return Cli.run(commandLine, args);
  }

  @Test
  void theYamlOnlyExampleHandsItsDataOverOnlyThroughTheBucket() throws Exception {
    String bucket = s3.createBucket("yaml-only");
    Path runs = tmp.resolve("runs");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                RunCommandIT.JAR.toString(),
                "run",
                RunCommandIT.ORIGIN_PROJECT.toString(),
                "--store",
                "s3://" + bucket,
                "--runs-dir",
                runs.toString())
            .redirectErrorStream(true);
    builder.environment().putAll(s3.environment(System.getenv()));
    Process esteira = builder.start();
    esteira.getOutputStream().close();
    String output = new String(esteira.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(esteira.waitFor(2, TimeUnit.MINUTES)).isTrue();
    if (!RunCommandIT.hasPython()) {
      assertThat(esteira.exitValue()).as(output).isEqualTo(2);
      assertThat(output).contains("ESTEIRA-LOCAL-COMMAND-NOT-FOUND");
      return;
    }
    assertThat(esteira.exitValue()).as(output).isZero();
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    String prefix = "recsys/dev/" + record.runId() + "/";
    assertThat(record.store()).isEqualTo("s3://" + bucket + "/" + prefix);
    assertThat(s3.keys(bucket))
        .containsExactly(
            prefix + "extract_features/features.csv", prefix + "score_model/scores.csv");
    Path features =
        s3.download(bucket, prefix + "extract_features/features.csv", tmp.resolve("f.csv"));
    List<String> rows = Files.readAllLines(features);
    assertThat(rows).hasSize(201);
    assertThat(rows.get(0))
        .isEqualTo(
            "customer_id,favourite_category,rentals_last_year,days_since_last_rental,"
                + "avg_daily_price");
    Path scores = s3.download(bucket, prefix + "score_model/scores.csv", tmp.resolve("s.csv"));
    assertThat(Files.readAllLines(scores)).hasSize(201);

    // Nothing went through the run directory's store; each step's directory holds what it wrote
    // or was handed, and the features reached score_model from the bucket.
    assertThat(dir.resolve("artifacts")).doesNotExist();
    assertThat(files(dir.resolve("work/extract_features/1"))).containsExactly("features.csv");
    assertThat(files(dir.resolve("work/score_model/1")))
        .containsExactly("features.csv", "scores.csv");
    assertThat(dir.resolve("work/score_model/1/features.csv")).hasSameBinaryContentAs(features);
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
        .contains("esteira-inputs: extract_features/features.csv -> ")
        .contains("esteira-outputs: scores.csv -> s3://" + bucket + "/" + prefix);

    // run.json: each output's address in the bucket, with the digest of the bytes stored there.
    StoredOutput stored = record.steps().get(0).outputs().get(0);
    assertThat(stored.path())
        .isEqualTo("s3://" + bucket + "/" + prefix + "extract_features/features.csv");
    assertThat(stored.size()).isEqualTo(Files.size(features));
    assertThat(stored.sha256()).isEqualTo(sha256(features));
  }

  /** A step that declares an output it never writes, and one that reads it. */
  private static final String LOST =
      """
      project_name: lost
      version: "1.0.0"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: make
              command: "echo 'made nothing'"
              outputs: ["result.csv"]
              retries: 0
            - id: use
              command: "cat $ESTEIRA_WORK_DIR/result.csv"
              inputs: ["make/result.csv"]
      """;

  private Path project(String config) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("lost"));
    Files.writeString(dir.resolve("config.yaml"), config);
    return dir;
  }

  @Test
  void aMissingDeclaredOutputFailsTheStepWithTheOutputsScriptsMessageAndStoresNothing()
      throws IOException {
    String bucket = s3.createBucket("lost");
    Path runs = tmp.resolve("runs");

    Cli.Run run =
        run(
            s3.environment(Map.of("PATH", System.getenv("PATH"))),
            "run",
            project(LOST).toString(),
            "--store",
            "s3://" + bucket,
            "--runs-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.FAILED);
    assertThat(record.steps())
        .extracting(RunRecord.StepRecord::status)
        .containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
    String expected =
        "esteira-outputs: make declares output result.csv, but there is no file "
            + dir.resolve("work/make/1/result.csv");
    assertThat(record.steps().get(0).attempts().get(0).cause()).startsWith(expected);
    assertThat(run.err()).contains("step 'make' failed").contains(expected);
    assertThat(record.steps().get(0).outputs()).isEmpty();
    assertThat(s3.keys(bucket)).isEmpty();
    assertThat(dir.resolve("artifacts")).doesNotExist();
  }

  @Test
  void aBucketThatDoesNotExistFailsTheStepNamingWhereItCouldNotStore() throws IOException {
    String bucket = "never-made-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Path runs = tmp.resolve("runs");
    String config =
        LOST.replace(
            "command: \"echo 'made nothing'\"",
            "command: \"echo 'a,b' > $ESTEIRA_WORK_DIR/result.csv\"");

    Cli.Run run =
        run(
            s3.environment(Map.of("PATH", System.getenv("PATH"))),
            "run",
            project(config).toString(),
            "--store",
            "s3://" + bucket,
            "--runs-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    // The outputs script's own line, not the AWS CLI's error printed before it (in the log).
    assertThat(record.steps().get(0).attempts().get(0).cause())
        .isEqualTo(
            "esteira-outputs: cannot store output result.csv at s3://"
                + bucket
                + "/lost/dev/"
                + record.runId()
                + "/make/result.csv");
    assertThat(Files.readString(dir.resolve("logs/make.1.log"))).contains("NoSuchBucket");
  }

  @Test
  void commandStepsThatHandDataOverNeedTheAwsCliAndNothingRuns() throws IOException {
    Path runs = tmp.resolve("runs");
    // This machine's PATH without any directory that holds an aws.
    String path =
        Stream.of(System.getenv("PATH").split(":"))
            .filter(d -> !d.isEmpty() && !Files.exists(Path.of(d, "aws")))
            .collect(Collectors.joining(":"));
    Map<String, String> env = new HashMap<>(s3.awsVariables());
    env.put("PATH", path);

    Cli.Run run =
        run(
            env,
            "run",
            project(LOST).toString(),
            "--store",
            "s3://some-bucket",
            "--runs-dir",
            runs.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("[ESTEIRA-RUN-STORE-NEEDS-AWS-CLI] command step 'make' hands data over")
        .contains("pip install awscli")
        .doesNotContain("\tat ");
    assertThat(runs).doesNotExist();
  }

  private static String sha256(Path file) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
