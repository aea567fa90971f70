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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with a project that has a step index, as the processor writes it, instead of a
 * registered dispatcher class: the steps run through method handles, with the launcher's exit codes
 * and stderr, and both kinds of project are listed.
 */
class IndexedDispatcherTest {

  @TempDir Path directory;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void clearProperty() {
    System.clearProperty("esteira.test.quiet");
  }

  private ClassLoader classPath(String index) throws Exception {
    Path cp = directory.resolve("cp");
    Files.createDirectories(cp.resolve("META-INF/esteira/indexed"));
    Files.writeString(cp.resolve(StepIndex.resource("indexed")), index);
    Files.writeString(
        cp.resolve(StepIndex.REGISTRY), "indexed\t" + IndexedFixture.class.getName() + "\n");
    Files.createDirectories(cp.resolve("META-INF/services"));
    Files.writeString(
        cp.resolve("META-INF/services/" + StepDispatcher.class.getName()),
        "io.esteira.local.FixtureDispatcher\n");
    return new URLClassLoader(new URL[] {cp.toUri().toURL()}, getClass().getClassLoader());
  }

  private ClassLoader classPath() throws Exception {
    return classPath(
        new StepIndex(
                "indexed",
                IndexedFixture.class.getName(),
                List.of(
                    new StepIndex.Entry("greet", "greet", true),
                    new StepIndex.Entry("quiet_step", "quiet", false),
                    new StepIndex.Entry("fail", "fail", true)))
            .render());
  }

  private int launch(ClassLoader loader, String... args) {
    return StepLauncher.launch(
        args,
        Map.of("ENV", "prd", "ESTEIRA_WORK_DIR", directory.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        loader);
  }

  private List<String> errLines() {
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void aStepWithTheContextRunsOnANewInstance() throws Exception {
    int code = launch(classPath(), "indexed", "greet");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(StepLauncher.SUCCEEDED);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("INFO hello from greet\n");
    assertThat(directory.resolve("greeted.txt")).hasContent("prd");
  }

  @Test
  void aStepWithoutTheContextRunsByItsOwnId() throws Exception {
    assertThat(launch(classPath(), "indexed", "quiet_step")).isEqualTo(StepLauncher.SUCCEEDED);
    assertThat(System.getProperty("esteira.test.quiet")).isEqualTo("ran");
  }

  @Test
  void theMethodsOwnExceptionIsTheCauseNotAWrapper() throws Exception {
    int code = launch(classPath(), "indexed", "fail");

    assertThat(code).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(errLines().get(0)).isEqualTo("java.io.IOException: disk full on line two");
    assertThat(errLines())
        .anyMatch(l -> l.contains("at " + IndexedFixture.class.getName() + ".fail"));
  }

  @Test
  void unknownProjectsAndStepsListWhatTheIndexAndTheServicesHold() throws Exception {
    ClassLoader loader = classPath();

    assertThat(launch(loader, "recsys", "greet")).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0)).contains("[ESTEIRA-RUN-UNKNOWN-PROJECT]");
    assertThat(errLines().subList(1, errLines().size()))
        .containsExactly("  project fixture", "  project indexed");
    err.reset();

    assertThat(launch(loader, "indexed", "train")).isEqualTo(StepLauncher.USAGE);
    assertThat(errLines().get(0)).contains("[ESTEIRA-RUN-UNKNOWN-STEP]");
    assertThat(errLines().subList(1, errLines().size()))
        .containsExactly("  step greet", "  step quiet_step", "  step fail");
  }

  @Test
  void anIndexNamingAMethodTheClassLacksFailsTheStepAskingForARebuild() throws Exception {
    ClassLoader loader =
        classPath(
            new StepIndex(
                    "indexed",
                    IndexedFixture.class.getName(),
                    List.of(new StepIndex.Entry("gone", "removedSinceTheBuild", true)))
                .render());

    assertThat(launch(loader, "indexed", "gone")).isEqualTo(StepLauncher.STEP_FAILED);
    assertThat(errLines().get(0))
        .startsWith("java.lang.IllegalStateException: step 'gone' of project indexed")
        .contains("rebuild the project");
  }

  @Test
  void theDispatcherRefusesAnUnknownStepAndReadsBackWhatItRendered() throws Exception {
    StepDispatcher dispatcher = Dispatchers.find("indexed", classPath()).orElseThrow();

    assertThat(dispatcher.project()).isEqualTo("indexed");
    assertThat(dispatcher.stepIds()).containsExactly("greet", "quiet_step", "fail");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatcher.run("train", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pipeline indexed has no step 'train'; its steps are [greet, quiet_step, fail]");
    assertThat(Dispatchers.find("fixture", classPath())).isPresent();
    assertThat(Dispatchers.find("../indexed", classPath())).isEmpty();
  }
}
