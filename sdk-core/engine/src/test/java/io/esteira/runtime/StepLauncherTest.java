package io.esteira.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's contract with Step Functions, through a real {@link java.util.ServiceLoader}
 * lookup of a registered dispatcher: exit codes, and the one-line cause first on stderr.
 */
class StepLauncherTest {

  @TempDir Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(Map<String, String> env, String... args) throws Exception {
    Path services = directory.resolve("cp/META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(StepDispatcher.class.getName()), "io.esteira.local.FixtureDispatcher\n");
    ClassLoader loader =
        new URLClassLoader(
            new URL[] {directory.resolve("cp").toUri().toURL()}, getClass().getClassLoader());
    return StepLauncher.launch(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        loader);
  }

  private List<String> errLines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aStepThatReturnsExitsZeroWithItsContextFromTheEnvironment() throws Exception {
    Map<String, String> env =
        Map.of(
            "ENV", "prd",
            "ESTEIRA_EXECUTION_ID", "arn:aws:states:us-east-1:1:execution:p-workflow:x",
            "ESTEIRA_ATTEMPT", "3",
            "ESTEIRA_WORK_DIR", directory.toString());

    int code = launch(env, "fixture", "hello");

    assertThat(code).isEqualTo(StepLauncher.SUCCEEDED);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("INFO hello from hello attempt 3 in prd\n");
    assertThat(Files.readString(directory.resolve("hello.txt")))
        .isEqualTo("arn:aws:states:us-east-1:1:execution:p-workflow:x");
    assertThat(err.size()).isZero();
  }

  @Test
  void aStepThatThrowsPrintsTheCauseOnOneLineThenTheStackTrace() throws Exception {
    int code = launch(Map.of("ESTEIRA_WORK_DIR", directory.toString()), "fixture", "boom");

    assertThat(code).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(errLines().get(0))
        .isEqualTo("java.lang.IllegalStateException: boom second line of the message");
    assertThat(errLines().get(1)).startsWith("java.lang.IllegalStateException: boom");
    assertThat(errLines()).anyMatch(l -> l.contains("at io.esteira.local.FixtureDispatcher.run"));
  }

  @Test
  void anUnknownProjectIsAUsageErrorListingTheProjectsFound() throws Exception {
    int code = launch(Map.of(), "recsys", "extract_features");

    assertThat(code).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .contains("[ESTEIRA-RUN-UNKNOWN-PROJECT]")
        .contains("no step dispatcher for project 'recsys'");
    assertThat(errLines()).contains("  project fixture");
  }

  @Test
  void anUnknownStepIsAUsageErrorListingTheSteps() throws Exception {
    int code = launch(Map.of(), "fixture", "train");

    assertThat(code).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .contains("[ESTEIRA-RUN-UNKNOWN-STEP]")
        .contains("project 'fixture' has no step 'train'");
    assertThat(errLines().subList(1, errLines().size()))
        .containsExactly(
            "  step hello", "  step boom", "  step flaky", "  step sleepy", "  step env");
  }

  @Test
  void wrongArgumentsAndABadAttemptAreUsageErrors() throws Exception {
    assertThat(launch(Map.of(), "fixture")).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .contains("[ESTEIRA-RUN-LAUNCHER-USAGE]")
        .contains("<project> <step id>");
    err.reset();

    assertThat(launch(Map.of("ESTEIRA_ATTEMPT", "zero"), "fixture", "hello"))
        .isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0)).contains("[ESTEIRA-RUN-BAD-ATTEMPT]").contains("'zero'");
  }
}
