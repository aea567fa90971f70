package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.RECSYS_CONFIG;
import static io.esteira.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems found in {@code config.yaml}, or in finding it: reported on the {@code @Pipeline} class,
 * with the file, line and column in the message.
 */
class ConfigProblemsTest {

  @TempDir Path dir;

  private static final JavaFileObject RECSYS =
      source(
          "demo.Recsys",
          """
          package demo;

          import io.esteira.Pipeline;
          import io.esteira.Step;

          @Pipeline(name = "recsys", version = "1.0.0")
          public class Recsys {
            @Step(cpu = 1, memoryGb = 4)
            public void extractFeatures() {}

            @Step(cpu = 2, memoryGb = 8)
            public void scoreModel() {}
          }
          """);

  private Compilation compile(String yaml, JavaFileObject... sources) {
    JavaFileObject[] compiled = sources.length == 0 ? new JavaFileObject[] {RECSYS} : sources;
    return ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, yaml), compiled);
  }

  private void assertConfigError(Compilation compilation, String code, String at) {
    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("config.yaml:" + at + ": [" + code + "]")
        .inFile(RECSYS)
        .onLineContaining("@Pipeline(");
  }

  @Test
  void anUnknownKeyIsReportedAtItsLineAndColumn() {
    Compilation compilation = compile(RECSYS_CONFIG.replace("  spot: true", "  spto: true"));

    assertConfigError(compilation, "ESTEIRA-CONFIG-UNKNOWN-KEY", "13:5");
  }

  @Test
  void aYamlSyntaxErrorIsReportedAtItsLine() {
    // The parser notices the unclosed flow sequence at the colon of the next key, infra:.
    Compilation compilation = compile(RECSYS_CONFIG.replace("retries: 2", "retries: [2"));

    assertConfigError(compilation, "ESTEIRA-YAML-SYNTAX", "10:6");
  }

  @Test
  void aConfigStepWithoutCommandOrMethodNamesBothPlaces() {
    String yaml =
        RECSYS_CONFIG
            + """
            batch:
              pipeline:
                steps:
                  - id: score_modle
                    resources:
                      cpu: 1
            """;

    Compilation compilation = compile(yaml);

    assertConfigError(compilation, "ESTEIRA-CONFIG-STEP-WITHOUT-ACTION", "20:13");
    assertThat(compilation).hadErrorContaining("no @Step method of demo.Recsys has that id");
    assertThat(compilation).hadErrorContaining("did you mean 'score_model'");
  }

  @Test
  void aCommandOnAMethodStepIsRefused() {
    String yaml =
        RECSYS_CONFIG
            + """
            batch:
              pipeline:
                steps:
                  - id: score_model
                    command: "python score.py"
            """;

    assertConfigError(compile(yaml), "ESTEIRA-CONFIG-COMMAND-FOR-METHOD", "21:18");
  }

  @Test
  void memoryRaisedInConfigThatDoesNotFitIsReportedInConfig() {
    String yaml =
        RECSYS_CONFIG
            + """
            environments:
              prd:
                batch:
                  pipeline:
                    steps:
                      - id: score_model
                        resources:
                          memory_gb: 64
            """;

    assertConfigError(compile(yaml), "ESTEIRA-CONFIG-STEP-DOES-NOT-FIT", "24:26");
  }

  @Test
  void anEnvironmentChangingAStepNoMethodHasIsReported() {
    String yaml =
        RECSYS_CONFIG
            + """
            environments:
              dev:
                batch:
                  pipeline:
                    steps:
                      - id: train
                        retries: 1
            """;

    assertConfigError(compile(yaml), "ESTEIRA-CONFIG-UNKNOWN-STEP-OVERRIDE", "22:17");
  }

  @Test
  void aMissingConfigNamedByTheOptionIsAnError() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=" + dir.resolve("missing/config.yaml"))
            .compile(RECSYS);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("config.yaml: [ESTEIRA-YAML-UNREADABLE]")
        .inFile(RECSYS)
        .onLineContaining("@Pipeline(");
  }

  @Test
  void anOptionThatIsNoPathIsAnError() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=bad\0name")
            .compile(RECSYS);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-YAML-UNREADABLE] cannot read the file: -Aesteira.config is not")
        .inFile(RECSYS)
        .onLineContaining("@Pipeline(");
  }

  @Test
  void withoutConfigThePipelineMustNameItsVersion() {
    JavaFileObject unversioned =
        source(
            "demo.Unversioned",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public class Unversioned {
              @io.esteira.Step public void extract() {}
            }
            """);

    Compilation compilation =
        Compiler.javac().withProcessors(new EsteiraProcessor()).compile(unversioned);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-PROC-NO-CONFIG]")
        .inFile(unversioned)
        .onLineContaining("@io.esteira.Pipeline");
    assertThat(compilation).hadErrorContaining("does not set version");
  }

  @Test
  void aProjectNameThatDiffersFromTheAnnotationIsAWarningAtTheConfigLine() {
    Compilation compilation =
        compile(RECSYS_CONFIG.replace("project_name: recsys", "project_name: recsys2"));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "config.yaml:1:15: [ESTEIRA-CONFIG-ANNOTATION-DIFFERS] project_name is 'recsys2' here,"
                + " but @Pipeline(name = \"recsys\") says otherwise; config.yaml wins over the"
                + " annotation, so the project is 'recsys2'")
        .inFile(RECSYS)
        .onLineContaining("@Pipeline(");
    org.assertj.core.api.Assertions.assertThat(compilation.warnings()).hasSize(1);
  }

  @Test
  void twoClassesCannotWriteTheSameProject() {
    JavaFileObject other =
        source(
            "demo.Other",
            """
            package demo;

            @io.esteira.Pipeline(
                name = "other",
                version = "1.0.0")
            public class Other {
              @io.esteira.Step public void extract() {}
            }
            """);

    // config.yaml's project_name wins over both annotations, so both are project recsys; classes
    // are handled in name order, so demo.Other claims it first.
    Compilation compilation = compile(RECSYS_CONFIG, RECSYS, other);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-ARTIFACTS-DUPLICATE-PROJECT] project 'recsys' is also defined by demo.Other")
        .inFile(RECSYS)
        .onLineContaining("@Pipeline(");
  }
}
