package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.RECSYS_CONFIG;
import static io.esteira.processor.ProcessorTesting.recsys;
import static io.esteira.processor.ProcessorTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.file.Path;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's diagnostics land where their typed origin says: on the very annotation value (line and
 * column), on an item of an {@code after} array, or on {@code @Pipeline} with the config.yaml
 * position first; and an internal error shows its stack trace only when asked.
 */
class DiagnosticPlacementTest {

  @TempDir Path dir;

  private Compilation compile(String yaml, JavaFileObject source) {
    return ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, yaml), source);
  }

  /**
   * The 1-based line and column of the value in {@code assignment} ({@code memoryGb = 64}), in the
   * first line of {@code source} that holds it.
   */
  private static long[] valueOf(JavaFileObject source, String assignment) throws IOException {
    String[] lines = source.getCharContent(true).toString().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int at = lines[i].indexOf(assignment);
      if (at >= 0) {
        return new long[] {i + 1, at + assignment.indexOf("= ") + 3};
      }
    }
    throw new AssertionError("no line contains " + assignment);
  }

  @Test
  void memoryThatDoesNotFitIsUnderlinedAtTheMemoryValue() throws IOException {
    String line = "@Step(cpu = 2, memoryGb = 64) public void scoreModel() {}";
    JavaFileObject source = recsys("  " + line);
    long[] value = valueOf(source, "memoryGb = 64");

    Compilation compilation = compile(RECSYS_CONFIG, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-CONFIG-STEP-DOES-NOT-FIT] step 'score_model' asks for 64 GiB")
        .inFile(source)
        .onLine(value[0])
        .atColumn(value[1]);
  }

  @Test
  void aTimeoutOverThePipelinesIsUnderlinedAtTheTimeoutValue() throws IOException {
    String line = "@Step(cpu = 1, timeout = 7200) public void scoreModel() {}";
    JavaFileObject source = recsys("  " + line);
    long[] value = valueOf(source, "timeout = 7200");

    Compilation compilation = compile(RECSYS_CONFIG, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-CONFIG-OUT-OF-RANGE] '@Step(timeout)' is 7200 for step 'score_model', but"
                + " must be at most the pipeline timeout, 3600 seconds (schedule.timeout_seconds at ")
        .inFile(source)
        .onLine(value[0])
        .atColumn(value[1]);
  }

  @Test
  void memoryThatDoesNotFitSaysWhichAttributeToLower() throws IOException {
    String line = "@Step(cpu = 2, memoryGb = 64) public void scoreModel() {}";
    JavaFileObject source = recsys("  " + line);
    long[] value = valueOf(source, "memoryGb = 64");

    Compilation compilation = compile(RECSYS_CONFIG, source);

    assertThat(compilation)
        .hadErrorContaining("; set @Step(memoryGb) to at most 14.78, or choose a larger")
        .inFile(source)
        .onLine(value[0])
        .atColumn(value[1]);
  }

  @Test
  void aTimeoutOverOneEnvironmentsPipelineTimeoutNamesItAndItsConfigLine() throws IOException {
    String yaml =
        RECSYS_CONFIG
            + """
            environments:
              quick:
                schedule:
                  timeout_seconds: 240
            """;
    String line = "@Step(cpu = 1, timeout = 1800) public void train() {}";
    JavaFileObject source = recsys("  " + line);
    long[] value = valueOf(source, "timeout = 1800");

    Compilation compilation = compile(yaml, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-CONFIG-OUT-OF-RANGE] '@Step(timeout)' is 1800 for step 'train' in environment"
                + " 'quick', but must be at most the pipeline timeout, 240 seconds"
                + " (environments.quick.schedule.timeout_seconds at "
                + dir.resolve("config.yaml")
                + ":20:24); lower it, or raise environments.quick.schedule.timeout_seconds")
        .inFile(source)
        .onLine(value[0])
        .atColumn(value[1]);
    assertThat(compilation.errors()).hasSize(1);
  }

  @Test
  void aTimeoutUnderAMinuteIsUnderlinedAtTheTimeoutValue() throws IOException {
    String line = "@Step(cpu = 1, timeout = 30) public void scoreModel() {}";
    JavaFileObject source = recsys("  " + line);
    long[] value = valueOf(source, "timeout = 30");

    Compilation compilation = compile(RECSYS_CONFIG, source);

    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-CONFIG-OUT-OF-RANGE] '@Step(timeout)'")
        .inFile(source)
        .onLine(value[0])
        .atColumn(value[1]);
  }

  @Test
  void aCycleIsReportedAtTheItemOfAfterThatClosesIt() {
    JavaFileObject source =
        recsys(
            """
              @Step public void prepare() {}

              @Step(
                  after = {
                    "prepare",
                    "score_model"
                  })
              public void extractFeatures() {}

              @Step(after = "extract_features") public void scoreModel() {}
            """);

    Compilation compilation = compile(RECSYS_CONFIG, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-STEP-CYCLE]")
        .inFile(source)
        .onLineContaining("\"score_model\"");
  }

  @Test
  void aTimeoutFromConfigIsReportedOnThePipelineWithTheConfigPosition() {
    String yaml =
        RECSYS_CONFIG
            + """
            batch:
              pipeline:
                steps:
                  - id: score_model
                    timeout_seconds: 7200
            """;
    JavaFileObject source = recsys("  @Step(cpu = 1, timeout = 600) public void scoreModel() {}");

    Compilation compilation = compile(yaml, source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("config.yaml:21:26: [ESTEIRA-CONFIG-OUT-OF-RANGE] 'timeout_seconds'")
        .inFile(source)
        .onLineContaining("@Pipeline(");
    assertThat(compilation.errors()).hasSize(1);
  }

  private static final JavaFileObject SIMPLE =
      source(
          "demo.Simple",
          """
          package demo;

          @io.esteira.Pipeline(name = "simple", version = "1.0.0")
          public class Simple {
            @io.esteira.Step public void extract() {}
          }
          """);

  private Compilation compileFailing(String... options) {
    EsteiraProcessor processor =
        new EsteiraProcessor(
            path -> {
              throw new IllegalStateException("kaboom");
            });
    String[] all = new String[options.length + 1];
    all[0] = "-Aesteira.config=" + dir.resolve("config.yaml");
    System.arraycopy(options, 0, all, 1, options.length);
    return Compiler.javac().withProcessors(processor).withOptions((Object[]) all).compile(SIMPLE);
  }

  @Test
  void anInternalErrorSaysHowToSeeItsStackTrace() {
    Compilation compilation = compileFailing();

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("kaboom")
        .inFile(SIMPLE)
        .onLineContaining("@io.esteira.Pipeline");
    assertThat(compilation).hadErrorContaining("compile with -Aesteira.verbose");
    assertThat(compilation.errors()).hasSize(1);
    assertThat(compilation.notes()).noneMatch(n -> n.getMessage(null).contains("kaboom"));
  }

  @Test
  void withVerboseAnInternalErrorShowsItsStackTrace() {
    Compilation compilation = compileFailing("-Aesteira.verbose");

    assertThat(compilation).failed();
    assertThat(compilation.errors()).hasSize(1);
    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-PROC-INTERNAL-ERROR]")
        .inFile(SIMPLE)
        .onLineContaining("@io.esteira.Pipeline");
    assertThat(compilation)
        .hadNoteContaining("java.lang.IllegalStateException: kaboom")
        .inFile(SIMPLE);
    Diagnostic<? extends JavaFileObject> note =
        compilation.notes().stream()
            .filter(n -> n.getMessage(null).contains("kaboom"))
            .findFirst()
            .orElseThrow();
    assertThat(note.getMessage(null))
        .contains("\tat io.esteira.processor.DiagnosticPlacementTest.lambda$compileFailing$");
  }
}
