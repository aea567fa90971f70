package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure inside the processor is a compiler error on the class, never a javac crash. */
class RobustnessTest {

  @TempDir Path dir;

  private static final JavaFileObject RECSYS =
      source(
          "demo.Recsys",
          """
          package demo;

          @io.esteira.Pipeline(name = "recsys", version = "1.0.0")
          public class Recsys {
            @io.esteira.Step public void extract() {}
          }
          """);

  @Test
  void aBugWhileReadingConfigIsReportedOnThePipelineClass() {
    EsteiraProcessor processor =
        new EsteiraProcessor(
            path -> {
              throw new IllegalStateException("kaboom");
            });

    Compilation compilation =
        Compiler.javac()
            .withProcessors(processor)
            .withOptions("-Aesteira.config=" + dir.resolve("config.yaml"))
            .compile(RECSYS);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[ESTEIRA-PROC-INTERNAL-ERROR] unexpected failure while processing")
        .inFile(RECSYS)
        .onLineContaining("@io.esteira.Pipeline");
    assertThat(compilation).hadErrorContaining("kaboom");
  }

  @Test
  void anUnreadableAnnotationValueLeavesTheErrorToJavac() {
    JavaFileObject wrongType =
        source(
            "demo.Wrong",
            """
            package demo;

            @io.esteira.Pipeline(name = "wrong", version = "1.0.0")
            public class Wrong {
              @io.esteira.Step(cpu = "two") public void extract() {}
            }
            """);

    Compilation compilation =
        Compiler.javac().withProcessors(new EsteiraProcessor()).compile(wrongType);

    assertThat(compilation).failed();
    assertThat(compilation.errors()).noneMatch(e -> e.getMessage(null).contains("ESTEIRA-"));
    assertThat(compilation)
        .hadErrorContaining("incompatible types")
        .inFile(wrongType)
        .onLineContaining("cpu = \"two\"");
  }
}
