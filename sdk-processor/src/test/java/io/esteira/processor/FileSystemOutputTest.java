package io.esteira.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.StepContext;
import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor run by a real javac into directories, as Maven runs it: where it finds {@code
 * config.yaml}, what it writes when some pipelines are broken, that the dispatcher the runtime
 * makes from its step index calls the right method, and that compiling one pipeline of two keeps
 * the other registered.
 */
class FileSystemOutputTest {

  @TempDir Path dir;

  private static final String GOOD =
      """
      package demo;

      import io.esteira.Pipeline;
      import io.esteira.Step;
      import io.esteira.StepContext;
      import java.nio.file.Files;

      @Pipeline(name = "good", version = "1.0.0")
      public class Good {
        @Step
        public void extractFeatures() {
          System.setProperty("esteira.test.ran", "extractFeatures");
        }

        @Step(cpu = 2, memoryGb = 4)
        public void scoreModel(StepContext context) throws Exception {
          Files.writeString(context.workDir().resolve("ran-" + context.stepId()), "scoreModel");
        }

        @Step
        public void fail() throws java.io.IOException {
          throw new java.io.IOException("boom");
        }
      }
      """;

  private static final String BAD =
      """
      package demo;

      @io.esteira.Pipeline(name = "bad", version = "1.0.0")
      public class Bad {
        @io.esteira.Step(memoryGb = 64)
        public void train() {}
      }
      """;

  private static final String CONFIG =
      """
      schedule:
        cron: "0 3 * * *"
      infra:
        compute:
          ec2_type: "t3.xlarge"
      """;

  @ParameterizedTest(name = "from {0}")
  @ValueSource(strings = {"target/classes", "target/test-classes", "out"})
  void findsConfigYamlInTheModuleDirectoryFromTheClassOutput(String output) throws IOException {
    Path module = dir.resolve("module");
    Files.createDirectories(module);
    if (!output.equals("out")) {
      Files.writeString(module.resolve("pom.xml"), "<project/>");
    }
    Files.writeString(module.resolve("config.yaml"), "project_name: located\n" + CONFIG);

    JavacRun.Result result =
        JavacRun.compile(module.resolve("src"), module.resolve(output), Map.of("demo.Good", GOOD));

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(module.resolve(output).resolve("META-INF/esteira/located/pipeline.json"))
        .isRegularFile();
    assertThat(module.resolve(output).resolve("META-INF/esteira/located/schedule.dev.json"))
        .isRegularFile();
  }

  @Test
  void theSearchStopsAtTheModuleDirectory() throws IOException {
    Path module = dir.resolve("parent/module");
    Files.createDirectories(module);
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Files.writeString(dir.resolve("parent/config.yaml"), "project_name: parent\n" + CONFIG);

    JavacRun.Result result =
        JavacRun.compile(
            module.resolve("src"), module.resolve("target/classes"), Map.of("demo.Good", GOOD));

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    Path classes = module.resolve("target/classes");
    assertThat(classes.resolve("META-INF/esteira/good/pipeline.json")).isRegularFile();
    assertThat(classes.resolve("META-INF/esteira/parent")).doesNotExist();
    assertThat(result.messages())
        .singleElement()
        .asString()
        .startsWith(
            "WARNING: [ESTEIRA-PROC-CONFIG-MISPLACED] "
                + dir.resolve("parent/config.yaml")
                + " is not read");
    // Without config.yaml there is no schedule: the defaults have no cron.
    assertThat(classes.resolve("META-INF/esteira/good/schedule.dev.json")).doesNotExist();
  }

  @Test
  void aPipelineWithErrorsWritesNothing() throws IOException {
    Path out = dir.resolve("classes");

    JavacRun.Result result =
        JavacRun.compile(
            dir.resolve("src"),
            out,
            Map.of("demo.Bad", BAD),
            "-Aesteira.config=" + config("project_name: bad\n" + CONFIG));

    assertThat(result.success()).isFalse();
    assertThat(result.messages()).anyMatch(m -> m.contains("[ESTEIRA-CONFIG-STEP-DOES-NOT-FIT]"));
    assertThat(out.resolve("META-INF")).doesNotExist();
  }

  @Test
  void oneBadPipelineDoesNotStopTheOther() throws IOException {
    Path out = dir.resolve("classes");

    JavacRun.Result result =
        JavacRun.compile(
            dir.resolve("src"),
            out,
            Map.of("demo.Bad", BAD, "demo.Good", GOOD),
            "-Aesteira.config=" + config(CONFIG));

    assertThat(result.success()).isFalse();
    assertThat(list(out.resolve("META-INF/esteira"))).containsExactly("good", "pipelines.idx");
    assertThat(list(out.resolve("META-INF/esteira/good")))
        .contains("pipeline.json", "state-machine.dev.asl.json", "task-definition.prd.json");
    assertThat(out.resolve("META-INF/esteira/good/steps.idx"))
        .hasContent(
            "esteira-step-index 1\nclass\tdemo.Good\nstep\textract_features\textractFeatures\tnone\n"
                + "step\tscore_model\tscoreModel\tcontext\nstep\tfail\tfail\tnone");
    assertThat(out.resolve("META-INF/esteira/pipelines.idx")).hasContent("good\tdemo.Good");
  }

  @Test
  void theDispatcherCallsTheMethodOfTheStep() throws Exception {
    Path out = dir.resolve("classes");
    JavacRun.Result result =
        JavacRun.compile(
            dir.resolve("src"),
            out,
            Map.of("demo.Good", GOOD),
            "-Aesteira.config=" + config(CONFIG));
    assertThat(result.success()).as("%s", result.messages()).isTrue();
    // No generated source: javac compiles the pipeline class and nothing else.
    assertThat(list(out.resolve("demo"))).containsExactly("Good.class");
    Path work = Files.createDirectories(dir.resolve("work"));

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(Dispatchers.projects(loader)).containsExactly("good");
      StepDispatcher dispatcher = Dispatchers.find("good", loader).orElseThrow();
      assertThat(dispatcher.project()).isEqualTo("good");
      assertThat(dispatcher.stepIds()).containsExactly("extract_features", "score_model", "fail");

      dispatcher.run("score_model", new Context("score_model", work));
      assertThat(work.resolve("ran-score_model")).hasContent("scoreModel");
      assertThat(System.getProperty("esteira.test.ran")).isNull();

      dispatcher.run("extract_features", new Context("extract_features", work));
      assertThat(System.getProperty("esteira.test.ran")).isEqualTo("extractFeatures");

      assertThatThrownBy(() -> dispatcher.run("fail", new Context("fail", work)))
          .isInstanceOf(IOException.class)
          .hasMessage("boom");
      assertThatThrownBy(() -> dispatcher.run("train", new Context("train", work)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pipeline good has no step 'train'");
    } finally {
      System.clearProperty("esteira.test.ran");
    }
  }

  @Test
  void compilingOnePipelineOfTwoKeepsTheOtherRegistered() throws IOException {
    Path out = dir.resolve("classes");
    String other = GOOD.replace("Good", "Other").replace("\"good\"", "\"other\"");
    String options = "-Aesteira.config=" + config(CONFIG);
    assertThat(
            JavacRun.compile(
                    dir.resolve("src"),
                    out,
                    Map.of("demo.Good", GOOD, "demo.Other", other),
                    options)
                .success())
        .isTrue();
    assertThat(out.resolve("META-INF/esteira/pipelines.idx"))
        .hasContent("good\tdemo.Good\nother\tdemo.Other");

    // As an IDE or an incremental build does it: only Other, with the class output on the path.
    JavacRun.Result again =
        JavacRun.compile(
            dir.resolve("src2"),
            out,
            Map.of("demo.Other", other.replace("\"other\"", "\"renamed\"")),
            List.of(out),
            options);

    assertThat(again.success()).as("%s", again.messages()).isTrue();
    assertThat(out.resolve("META-INF/esteira/pipelines.idx"))
        .hasContent("good\tdemo.Good\nrenamed\tdemo.Other");
  }

  @Test
  void recompilingOnePipelineOfTwoKeepsBothResolvable() throws Exception {
    Path out = dir.resolve("classes");
    String other = GOOD.replace("Good", "Other").replace("\"good\"", "\"other\"");
    String options = "-Aesteira.config=" + config(CONFIG);
    assertThat(
            JavacRun.compile(
                    dir.resolve("src"),
                    out,
                    Map.of("demo.Good", GOOD, "demo.Other", other),
                    options)
                .success())
        .isTrue();

    // An IDE rebuilding the one file that changed: Good only, Other's classes on the class path.
    JavacRun.Result again =
        JavacRun.compile(
            dir.resolve("src2"), out, Map.of("demo.Good", GOOD), List.of(out), options);

    assertThat(again.success()).as("%s", again.messages()).isTrue();
    assertThat(out.resolve("META-INF/esteira/pipelines.idx"))
        .hasContent("good\tdemo.Good\nother\tdemo.Other");
    Path work = Files.createDirectories(dir.resolve("work"));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(Dispatchers.projects(loader)).containsExactly("good", "other");
      assertThat(Dispatchers.all(loader))
          .extracting(StepDispatcher::project)
          .containsExactly("good", "other");
      for (String project : List.of("good", "other")) {
        StepDispatcher dispatcher = Dispatchers.find(project, loader).orElseThrow();
        dispatcher.run(
            "score_model",
            new Context("score_model", Files.createDirectories(work.resolve(project))));
      }
    }
    assertThat(work.resolve("good/ran-score_model")).hasContent("scoreModel");
    assertThat(work.resolve("other/ran-score_model")).hasContent("scoreModel");
  }

  @Test
  void aPipelineDeletedBetweenCompilationsLeavesNoLine() throws Exception {
    Path out = dir.resolve("classes");
    String other = GOOD.replace("Good", "Other").replace("\"good\"", "\"other\"");
    String options = "-Aesteira.config=" + config(CONFIG);
    assertThat(
            JavacRun.compile(
                    dir.resolve("src"),
                    out,
                    Map.of("demo.Good", GOOD, "demo.Other", other),
                    options)
                .success())
        .isTrue();
    // The IDE deletes the class of a deleted source; the processor's files of it stay behind.
    Files.delete(out.resolve("demo/Other.class"));

    JavacRun.Result again =
        JavacRun.compile(
            dir.resolve("src2"), out, Map.of("demo.Good", GOOD), List.of(out), options);

    assertThat(again.success()).as("%s", again.messages()).isTrue();
    assertThat(out.resolve("META-INF/esteira/pipelines.idx")).hasContent("good\tdemo.Good");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      assertThat(Dispatchers.projects(loader)).containsExactly("good");
    }
  }

  @Test
  void aRegisteredPipelineWhoseClassOrIndexIsGoneIsDropped() throws IOException {
    Path out = dir.resolve("classes");
    Files.createDirectories(out.resolve("META-INF/esteira"));
    Files.writeString(
        out.resolve("META-INF/esteira/pipelines.idx"),
        // java.lang.String can be found, but there is no index of project "unindexed".
        "deleted\tdemo.Deleted\ngood\tdemo.Old\nunindexed\tjava.lang.String\n");

    JavacRun.Result result =
        JavacRun.compile(
            dir.resolve("src"),
            out,
            Map.of("demo.Good", GOOD),
            List.of(out),
            "-Aesteira.config=" + config(CONFIG));

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(out.resolve("META-INF/esteira/pipelines.idx")).hasContent("good\tdemo.Good");
  }

  private Path config(String yaml) throws IOException {
    Path file = dir.resolve("conf/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** The context the launcher would pass, reduced to what the test steps use. */
  private record Context(String stepId, Path workDir) implements StepContext {
    @Override
    public String project() {
      return "good";
    }

    @Override
    public String environment() {
      return "dev";
    }

    @Override
    public String executionId() {
      return "test";
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public Optional<String> env(String name) {
      return Optional.empty();
    }

    @Override
    public System.Logger logger() {
      return System.getLogger("test");
    }

    @Override
    public Path output(String name) {
      return workDir.resolve(name);
    }

    /** The test steps read no step data. */
    @Override
    public Path input(String step, String name) {
      throw new UnsupportedOperationException("no step data in these tests");
    }
  }
}
