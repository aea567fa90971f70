package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes found before a run starts: each is a {@link RunSetupException} with a catalogue code and
 * a remedy, and nothing ran and no run directory was made.
 */
class LocalRunnerSetupTest {

  @TempDir Path directory;

  private final PipelineModel model =
      builder("p")
          .secret("API_TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/p/token")
          .secret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db")
          .step(step("a"))
          .step(step("b").dependsOn("a"))
          .build();

  private RunOptions options(
      Optional<String> only,
      Optional<String> from,
      Optional<String> resume,
      Map<String, String> env) {
    return RunOptions.defaults(directory)
        .withRunsRoot(directory.resolve("runs"))
        .withOnly(only)
        .withFrom(from)
        .withResumeRunId(resume)
        .withCapacity(new RunOptions.Capacity(4, 8))
        .withHostEnvironment(env)
        .withSharedWorkDir(true);
  }

  private final Map<String, String> secrets = Map.of("API_TOKEN", "t", "DB_PASSWORD", "p");

  private RunSetupException failure(PipelineModel m, RunOptions options) {
    RunSetupException e =
        catchThrowableOfType(
            () -> new LocalRunner(m, options).run(RunListener.NONE), RunSetupException.class);
    assertThat(e).as("a setup failure").isNotNull();
    assertThat(directory.resolve("runs")).doesNotExist();
    return e;
  }

  @Test
  void everyMissingSecretIsNamedWithTheVariableToExport() {
    RunSetupException e =
        failure(
            model,
            options(
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of("API_TOKEN", "t")));

    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-MISSING-SECRET");
    assertThat(e.getMessage())
        .contains("secret DB_PASSWORD")
        .contains("never from AWS")
        .contains("export DB_PASSWORD=<value>")
        .doesNotContain("API_TOKEN");
  }

  @Test
  void anUnknownStepInOnlyOrFromListsTheSteps() {
    RunSetupException e =
        failure(model, options(Optional.of("train"), Optional.empty(), Optional.empty(), secrets));

    assertThat(e.getMessage())
        .isEqualTo(
            "error: [ESTEIRA-RUN-UNKNOWN-SELECTED-STEP] --only names step 'train', which pipeline p"
                + " does not have; use one of: a, b");
    assertThat(
            failure(model, options(Optional.empty(), Optional.of("x"), Optional.empty(), secrets))
                .getMessage())
        .contains("--from names step 'x'");
  }

  @Test
  void onlyAndFromTogetherAreRefused() {
    RunSetupException e =
        failure(model, options(Optional.of("a"), Optional.of("b"), Optional.empty(), secrets));

    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-SELECTION-CONFLICT");
  }

  @Test
  void anUnknownRunToResumeNamesTheRecentRuns() throws Exception {
    Path earlier = directory.resolve("runs/20261126-010000-0001");
    Files.createDirectories(earlier);
    Files.writeString(earlier.resolve("run.json"), "{}");

    RunSetupException e =
        catchThrowableOfType(
            () ->
                new LocalRunner(
                        model,
                        options(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("20261126-999999-zzzz"),
                            secrets))
                    .run(RunListener.NONE),
            RunSetupException.class);

    assertThat(e.getMessage())
        .contains("[ESTEIRA-RUN-UNKNOWN-RUN]")
        .contains("no run '20261126-999999-zzzz'")
        .contains("most recent: 20261126-010000-0001");
  }

  @Test
  void anUnreadableRunJsonCannotBeResumed() throws Exception {
    Path earlier = directory.resolve("runs/20261126-010000-0001");
    Files.createDirectories(earlier);
    Files.writeString(earlier.resolve("run.json"), "{\"formatVersion\": 1, \"steps\": 3}");

    assertThatThrownBy(
            () ->
                new LocalRunner(
                        model,
                        options(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of("20261126-010000-0001"),
                            secrets))
                    .run(RunListener.NONE))
        .isInstanceOf(RunSetupException.class)
        .hasMessageContaining("[ESTEIRA-RUN-UNREADABLE-RECORD]")
        .hasMessageContaining("start a new run instead");
  }

  @Test
  void javaStepsInAChildJvmNeedAClassPath() {
    PipelineModel java =
        builder("p").step(step("a").action(new StepAction.JavaMethod("x.P", "a", true))).build();

    RunSetupException e =
        failure(java, options(Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));

    assertThat(e.problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-NO-CLASS-PATH");
  }

  @Test
  void javaStepsInProcessNeedTheirDispatcher() {
    PipelineModel java =
        builder("nowhere")
            .step(step("a").action(new StepAction.JavaMethod("x.P", "a", true)))
            .build();
    RunOptions inProcess =
        RunOptions.defaults(directory)
            .withRunsRoot(directory.resolve("runs"))
            .withCapacity(new RunOptions.Capacity(4, 8))
            .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
            .withHostEnvironment(Map.of())
            .withSharedWorkDir(true);

    assertThat(failure(java, inProcess).problems())
        .extracting(Diagnostic::code)
        .containsExactly("ESTEIRA-RUN-NO-DISPATCHER");
  }

  @Test
  void aRunThatCannotStartLeavesWhatAnotherRunnerPutInTheNewRunsDirectory() throws Exception {
    PipelineModel java =
        builder("nowhere")
            .step(step("a").action(new StepAction.JavaMethod("x.P", "a", true)))
            .build();
    Path classes = directory.resolve("target/classes");
    Files.createDirectories(classes);
    Files.writeString(classes.resolve("A.class"), "a");
    Path runs = directory.resolve("runs");
    Path otherRun = runs.resolve("20261126-140000-aaaa/run.json");
    Path otherCache = runs.resolve(ClasspathSnapshot.CACHE).resolve("0ther/classes/B.class");
    // Looking for the dispatcher (after the snapshot made the runs directory), another runner
    // starts: it puts its run and its own cache entry there. Then no dispatcher is found.
    ClassLoader loader =
        new ClassLoader(getClass().getClassLoader()) {
          private boolean once;

          @Override
          public java.util.Enumeration<java.net.URL> getResources(String name)
              throws java.io.IOException {
            if (!once) {
              once = true;
              Files.createDirectories(otherRun.getParent());
              Files.writeString(otherRun, "{}");
              Files.createDirectories(otherCache.getParent());
              Files.writeString(otherCache, "b");
            }
            return super.getResources(name);
          }
        };
    RunOptions inProcess =
        RunOptions.defaults(directory)
            .withRunsRoot(runs)
            .withCapacity(new RunOptions.Capacity(4, 8))
            .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
            .withClasspath(List.of(classes))
            .withHostEnvironment(Map.of())
            .withSharedWorkDir(true);

    assertThatThrownBy(
            () -> new LocalRunner(java, inProcess).classLoader(loader).run(RunListener.NONE))
        .isInstanceOf(RunSetupException.class);

    assertThat(otherRun).hasContent("{}");
    assertThat(otherCache).hasContent("b");
    try (var cached = Files.list(runs.resolve(ClasspathSnapshot.CACHE))) {
      // This run's copy of target/classes is gone; the other runner's entry stays.
      assertThat(cached.map(p -> p.getFileName().toString())).containsExactly("0ther");
    }
  }
}
