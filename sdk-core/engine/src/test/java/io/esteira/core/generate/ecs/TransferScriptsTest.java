package io.esteira.core.generate.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer scripts run for real with {@code sh}, against an {@code aws} on the {@code PATH}
 * that records its arguments and copies files between the work directory and a directory standing
 * for the bucket. (Against S3 itself, on moto_server, they run in the cloud-shaped run test.)
 */
class TransferScriptsTest {

  @TempDir Path dir;

  private Path bin;
  private Path bucket;
  private Path work;
  private Path status;
  private Path calls;

  private static final String STORE = "s3://bucket/recsys/dev/exec-1/";

  /**
   * {@code aws s3 cp [--only-show-errors] SRC DST}, where an {@code s3://bucket/key} is the file
   * {@code $FAKE_S3/key}; a missing source fails as the CLI does (exit 1, a message on stderr).
   */
  private static final String FAKE_AWS =
      """
      #!/bin/sh
      echo "$*" >> "$FAKE_CALLS"
      [ "$1 $2" = "s3 cp" ] || { echo "fake aws: unexpected $*" >&2; exit 2; }
      shift 2
      [ "$1" = "--only-show-errors" ] && shift
      map() { case "$1" in s3://bucket/*) echo "$FAKE_S3/${1#s3://bucket/}" ;; *) echo "$1" ;; esac; }
      src=$(map "$1"); dst=$(map "$2")
      [ -f "$src" ] || { echo "fatal error: An error occurred (404) when calling the HeadObject operation: Key \\"$1\\" does not exist" >&2; exit 1; }
      mkdir -p "$(dirname "$dst")" && cp "$src" "$dst"
      """;

  @BeforeEach
  void fakeAws() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    bucket = Files.createDirectories(dir.resolve("bucket"));
    work = Files.createDirectories(dir.resolve("work"));
    status = Files.createDirectories(dir.resolve("status"));
    calls = dir.resolve("calls.txt");
    Path aws = bin.resolve("aws");
    Files.writeString(aws, FAKE_AWS);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int exitCode, String output) {}

  private Run sh(Map<String, String> env, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("FAKE_S3", bucket.toString());
    builder.environment().put("FAKE_CALLS", calls.toString());
    builder.environment().put("ESTEIRA_WORK_DIR", work.toString());
    builder.environment().put("ESTEIRA_STATUS_DIR", status.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private Run script(String script, Map<String, String> env) throws Exception {
    return sh(env, List.of("sh", "-c", script));
  }

  private List<String> calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private void stored(String key, String content) throws IOException {
    Path file = bucket.resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void noScriptWritesWhatLooksLikeADeployerPlaceholder() {
    // The deployer fills ${Name} in the artifacts; a shell expansion written that way would be
    // taken for one (and the deployed state machine is checked to hold none).
    List<String> texts =
        new ArrayList<>(List.of(TransferScripts.inputs(), TransferScripts.outputs()));
    texts.addAll(TransferScripts.recordingExitCode(List.of("true")));
    assertThat(texts).noneMatch(t -> t.contains("${"));
  }

  @Test
  void inputsAreCopiedIntoTheWorkDirectoryUnderTheirNames() throws Exception {
    stored("recsys/dev/exec-1/extract/features.csv", "a,b\n");
    stored("recsys/dev/exec-1/extract/stats/summary.json", "{}");

    Run run =
        script(
            TransferScripts.inputs(),
            Map.of(
                "ESTEIRA_STORE",
                STORE,
                "ESTEIRA_INPUTS",
                "extract/features.csv extract/stats/summary.json"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(work.resolve("features.csv")).hasContent("a,b");
    assertThat(work.resolve("stats/summary.json")).hasContent("{}");
    assertThat(calls())
        .containsExactly(
            "s3 cp --only-show-errors " + STORE + "extract/features.csv " + work + "/features.csv",
            "s3 cp --only-show-errors "
                + STORE
                + "extract/stats/summary.json "
                + work
                + "/stats/summary.json");
  }

  @Test
  void noInputsCopiesNothing() throws Exception {
    Run run = script(TransferScripts.inputs(), Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(calls()).isEmpty();
  }

  @Test
  void anInputThatCannotBeFetchedFailsWithItsAddress() throws Exception {
    Run run =
        script(
            TransferScripts.inputs(),
            Map.of("ESTEIRA_STORE", STORE, "ESTEIRA_INPUTS", "extract/features.csv"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "esteira-inputs: cannot fetch input extract/features.csv from "
                + STORE
                + "extract/features.csv; step extract must store features.csv in this execution"
                + " before this step runs (it declares it in outputs)");
  }

  /** The step container's command, as the state machine overrides it, run by sh. */
  private Run step(String command) throws Exception {
    return sh(Map.of(), TransferScripts.recordingExitCode(List.of("sh", "-c", command)));
  }

  @Test
  void theStepRecordsItsExitCodeAndOutputsAreUploaded() throws Exception {
    Run step = step("printf 'x,y\\n' > \"$ESTEIRA_WORK_DIR/scores.csv\"");
    assertThat(step.exitCode()).as(step.output()).isZero();
    assertThat(status.resolve(TransferScripts.EXIT_CODE_FILE)).hasContent("0");

    Run run =
        script(
            TransferScripts.outputs(),
            Map.of(
                "ESTEIRA_STORE", STORE, "ESTEIRA_STEP", "score", "ESTEIRA_OUTPUTS", "scores.csv"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(bucket.resolve("recsys/dev/exec-1/score/scores.csv")).hasContent("x,y");
    assertThat(calls())
        .containsExactly(
            "s3 cp --only-show-errors " + work + "/scores.csv " + STORE + "score/scores.csv");
  }

  @Test
  void aMissingDeclaredOutputFailsWithAMessageAndStoresNothing() throws Exception {
    Files.writeString(work.resolve("scores.csv"), "x");
    step("true");

    Run run =
        script(
            TransferScripts.outputs(),
            Map.of(
                "ESTEIRA_STORE",
                STORE,
                "ESTEIRA_STEP",
                "score",
                "ESTEIRA_OUTPUTS",
                "scores.csv report.html"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "esteira-outputs: score declares output report.html, but there is no file "
                + work
                + "/report.html; write it to $ESTEIRA_WORK_DIR/report.html, or remove it from the"
                + " step's outputs");
    assertThat(calls()).isEmpty();
  }

  @Test
  void aFailedStepsExitCodeIsMirroredAndNothingIsStored() throws Exception {
    Files.writeString(work.resolve("scores.csv"), "x");
    Run step = step("echo failing; exit 3");
    assertThat(step.exitCode()).isEqualTo(3);
    assertThat(status.resolve(TransferScripts.EXIT_CODE_FILE)).hasContent("3");

    Run run =
        script(
            TransferScripts.outputs(),
            Map.of(
                "ESTEIRA_STORE", STORE, "ESTEIRA_STEP", "score", "ESTEIRA_OUTPUTS", "scores.csv"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.output())
        .contains("esteira-outputs: score exited with code 3; its outputs are not stored");
    assertThat(calls()).isEmpty();
  }

  @Test
  void noRecordedStatusFailsWithOne() throws Exception {
    Run run =
        script(
            TransferScripts.outputs(),
            Map.of("ESTEIRA_STORE", STORE, "ESTEIRA_STEP", "score", "ESTEIRA_OUTPUTS", "x.csv"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains(
            "esteira-outputs: score recorded no exit code: it never started (see the"
                + " esteira-inputs log: an input could not be fetched) or it was stopped; nothing"
                + " is stored");
  }

  @Test
  void theRecordingShellPassesArgumentsThrough() throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", "exit \"$1\"", "inner", "7"));
    Run run = sh(Map.of(), TransferScripts.recordingExitCode(command));

    assertThat(run.exitCode()).isEqualTo(7);
    assertThat(status.resolve(TransferScripts.EXIT_CODE_FILE)).hasContent("7");
  }
}
