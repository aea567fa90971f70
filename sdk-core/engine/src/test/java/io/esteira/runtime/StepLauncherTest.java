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
            "  step hello",
            "  step boom",
            "  step flaky",
            "  step sleepy",
            "  step env",
            "  step stores");
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

  @Test
  void aMissingWorkDirectoryIsMadeAndADirectoryStoreReceivesTheDeclaredOutputs() throws Exception {
    Path work = directory.resolve("work/hello/1");
    Path store = directory.resolve("artifacts");
    Map<String, String> env =
        Map.of(
            "ESTEIRA_WORK_DIR", work.toString(),
            "ESTEIRA_STORE", store.toUri().toString(),
            "ESTEIRA_UPSTREAM", "",
            "ESTEIRA_INPUTS", "",
            "ESTEIRA_OUTPUTS", "hello.txt");

    int code = launch(env, "fixture", "hello");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StepLauncher.SUCCEEDED);
    assertThat(store.resolve("hello/hello.txt")).hasContent("local");
    assertThat(err.size()).isZero();
  }

  @Test
  void aDeclaredOutputTheStepDidNotWriteExitsOneWithTheCauseOnTheFirstLine() throws Exception {
    int code =
        launch(
            Map.of(
                "ESTEIRA_WORK_DIR", directory.toString(), "ESTEIRA_OUTPUTS", "hello.txt model.bin"),
            "fixture",
            "hello");

    assertThat(code).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(errLines().get(0))
        .isEqualTo(
            "io.esteira.runtime.store.MissingOutputException: [ESTEIRA-DATA-MISSING-OUTPUT] step"
                + " 'hello' succeeded but its output 'model.bin' is not a file in its work"
                + " directory "
                + directory
                + "; write it there (ctx.output(\"model.bin\") gives the path), or stop declaring"
                + " it");
  }

  @Test
  void anS3StoreWithoutEsteiraS3IsAUsageErrorNamingTheDependency() throws Exception {
    int code =
        launch(
            Map.of(
                "ESTEIRA_WORK_DIR",
                directory.toString(),
                "ESTEIRA_STORE",
                "s3://bucket/fixture/dev/exec-1/"),
            "fixture",
            "hello");

    assertThat(code).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .startsWith("error: [ESTEIRA-RUN-STORE-NEEDS-S3]")
        .contains("add the dependency io.esteira:esteira-s3");
    assertThat(directory.resolve("hello.txt")).doesNotExist();
  }

  @Test
  void malformedDataVariablesAreUsageErrorsNamingTheVariable() throws Exception {
    assertThat(
            launch(
                Map.of("ESTEIRA_WORK_DIR", directory.toString(), "ESTEIRA_INPUTS", "features.csv"),
                "fixture",
                "hello"))
        .isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .isEqualTo(
            "error: [ESTEIRA-RUN-BAD-DATA-VARIABLE] ESTEIRA_INPUTS is 'features.csv':"
                + " [ESTEIRA-DATA-BAD-INPUT] input 'features.csv' is not <step>/<name>; write the"
                + " producing step's id, '/', and the output's name, such as"
                + " extract_features/features.csv");
    err.reset();

    assertThat(
            launch(
                Map.of("ESTEIRA_WORK_DIR", directory.toString(), "ESTEIRA_OUTPUTS", "../up.txt"),
                "fixture",
                "hello"))
        .isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0))
        .startsWith("error: [ESTEIRA-RUN-BAD-DATA-VARIABLE] ESTEIRA_OUTPUTS is '../up.txt':");
  }

  @Test
  void aWorkDirectoryThatCannotBeMadeIsAUsageError() throws Exception {
    Path file = Files.writeString(directory.resolve("a-file"), "x");

    int code =
        launch(Map.of("ESTEIRA_WORK_DIR", file.resolve("work").toString()), "fixture", "hello");

    assertThat(code).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0)).startsWith("error: [ESTEIRA-RUN-WORK-DIR-UNUSABLE]");
  }
}
