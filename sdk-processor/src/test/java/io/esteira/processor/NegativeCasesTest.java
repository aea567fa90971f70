package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.RECSYS_CONFIG;
import static io.esteira.processor.ProcessorTesting.recsys;
import static io.esteira.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule of the processor, broken once: the compilation fails with the rule's code, in the file
 * and on the line a user has to change.
 */
class NegativeCasesTest {

  @TempDir Path dir;

  /**
   * One broken pipeline.
   *
   * @param name what is broken
   * @param config the config.yaml to compile against
   * @param source the Java source
   * @param code the expected message code
   * @param line text that only the line at fault contains
   */
  record Case(String name, String config, JavaFileObject source, String code, String line) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case java(String name, String members, String code, String line) {
    return new Case(name, RECSYS_CONFIG, recsys(members), code, line);
  }

  static Case pipeline(String name, String text, String code, String line) {
    return new Case(name, RECSYS_CONFIG, source("demo.Recsys", text), code, line);
  }

  static Stream<Case> cases() {
    return Stream.of(
        java(
            "step not public",
            "@Step(id = \"extract\") void extract() {}",
            "ESTEIRA-PROC-STEP-NOT-PUBLIC",
            "@Step(id = \"extract\")"),
        java(
            "step static",
            "@Step(cpu = 1) public static void extract() {}",
            "ESTEIRA-PROC-STEP-STATIC",
            "@Step(cpu = 1)"),
        java(
            "step returns a value",
            "@Step(name = \"Extract\")\n  public int extract() { return 1; }",
            "ESTEIRA-PROC-STEP-RETURN",
            "@Step(name = \"Extract\")"),
        java(
            "step takes a string",
            "@Step(retries = 1) public void extract(String input) {}",
            "ESTEIRA-PROC-STEP-PARAMETERS",
            "@Step(retries = 1)"),
        java(
            "step takes two parameters",
            "@Step(retries = 2) public void extract(StepContext a, StepContext b) {}",
            "ESTEIRA-PROC-STEP-PARAMETERS",
            "@Step(retries = 2)"),
        java(
            "step is generic",
            "@Step(retries = 3) public <T> void extract() {}",
            "ESTEIRA-PROC-STEP-GENERIC",
            "@Step(retries = 3)"),
        pipeline(
            "pipeline not public",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            class Recsys {
              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-NOT-PUBLIC",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline is an inner class",
            """
            package demo;

            public class Recsys {
              @io.esteira.Pipeline(name = "inner")
              public class Inner {
                @io.esteira.Step public void extract() {}
              }
            }
            """,
            "ESTEIRA-PROC-PIPELINE-NESTING",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline is a record",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public record Recsys() {
              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-KIND",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline nested in a class that is not public",
            """
            package demo;

            public class Recsys {
              static class Hidden {
                @io.esteira.Pipeline(name = "nested")
                public static class Nested {
                  @io.esteira.Step public void extract() {}
                }
              }
            }
            """,
            "ESTEIRA-PROC-PIPELINE-NOT-PUBLIC",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline is abstract",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public abstract class Recsys {
              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-KIND",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline is an interface",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public interface Recsys {
              @io.esteira.Step default void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-KIND",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline has only a constructor with parameters",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public class Recsys {
              public Recsys(String model) {}

              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-CONSTRUCTOR",
            "@io.esteira.Pipeline"),
        pipeline(
            "pipeline's no-argument constructor is private",
            """
            package demo;

            @io.esteira.Pipeline(name = "recsys")
            public class Recsys {
              private Recsys() {}

              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-PROC-PIPELINE-CONSTRUCTOR",
            "@io.esteira.Pipeline"),
        pipeline(
            "step outside a pipeline",
            """
            package demo;

            public class Recsys {
              @io.esteira.Step(id = "orphan") public void orphan() {}
            }
            """,
            "ESTEIRA-PROC-STEP-OUTSIDE-PIPELINE",
            "@io.esteira.Step(id = \"orphan\")"),
        java(
            "two methods with one step id",
            """
              @Step public void extractFeatures() {}
              @Step(id = "extract_features") public void again() {}
            """,
            "ESTEIRA-PROC-DUPLICATE-STEP",
            "id = \"extract_features\""),
        java(
            "step id not snake case",
            "@Step(id = \"Extract-Features\") public void extract() {}",
            "ESTEIRA-CONFIG-STEP-ID",
            "Extract-Features"),
        java(
            "step id derived from a method name that makes no id",
            "@Step(cpu = 2) public void _extract() {}",
            "ESTEIRA-CONFIG-STEP-ID",
            "@Step(cpu = 2)"),
        pipeline(
            "project name not lower case",
            """
            package demo;

            @io.esteira.Pipeline(
                name = "RecSys",
                version = "1.0.0")
            public class Recsys {
              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-CONFIG-PROJECT-NAME",
            "name = \"RecSys\""),
        pipeline(
            "version with a space",
            """
            package demo;

            @io.esteira.Pipeline(
                name = "recsys",
                version = "1.0 beta")
            public class Recsys {
              @io.esteira.Step public void extract() {}
            }
            """,
            "ESTEIRA-CONFIG-VERSION",
            "version = \"1.0 beta\""),
        java(
            "after names no step",
            """
              @Step public void extractFeatures() {}

              @Step(
                  cpu = 2,
                  after = {"extract_featurez"})
              public void scoreModel() {}
            """,
            "ESTEIRA-STEP-UNKNOWN-DEPENDENCY",
            "after = {\"extract_featurez\"}"),
        java(
            "after names no step, in a list over several lines",
            """
              @Step public void extractFeatures() {}

              @Step(
                  after = {
                    "extract_features",
                    "load_users"
                  })
              public void scoreModel() {}
            """,
            "ESTEIRA-STEP-UNKNOWN-DEPENDENCY",
            "\"load_users\""),
        java(
            "after makes a cycle",
            """
              @Step(after = "score_model") public void extractFeatures() {}

              @Step(
                  cpu = 2,
                  after = {"extract_features"})
              public void scoreModel() {}
            """,
            "ESTEIRA-STEP-CYCLE",
            "@Step(after = \"score_model\")"),
        java(
            "memory does not fit the instance",
            """
              @Step(
                  cpu = 2,
                  memoryGb = 64)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-STEP-DOES-NOT-FIT",
            "memoryGb = 64"),
        java(
            "cpu does not fit the instance",
            """
              @Step(
                  cpu = 8,
                  memoryGb = 4)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-STEP-DOES-NOT-FIT",
            "cpu = 8"),
        java(
            "cpu below the minimum",
            """
              @Step(
                  cpu = 0.1,
                  memoryGb = 4)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-OUT-OF-RANGE",
            "cpu = 0.1"),
        java(
            "memory zero",
            """
              @Step(
                  cpu = 1,
                  memoryGb = 0)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-OUT-OF-RANGE",
            "memoryGb = 0"),
        java(
            "timeout below a minute",
            """
              @Step(
                  cpu = 1,
                  timeout = 30)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-OUT-OF-RANGE",
            "timeout = 30"),
        java(
            "timeout longer than the pipeline's",
            """
              @Step(
                  cpu = 1,
                  timeout = 7200)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-OUT-OF-RANGE",
            "timeout = 7200"),
        java(
            "retries over ten",
            """
              @Step(
                  cpu = 1,
                  retries = 11)
              public void scoreModel() {}
            """,
            "ESTEIRA-CONFIG-OUT-OF-RANGE",
            "retries = 11"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsOnTheLineAtFault(Case c) {
    Compilation compilation =
        ProcessorTesting.compile(ProcessorTesting.writeConfig(dir, c.config()), c.source());

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[" + c.code() + "]")
        .inFile(c.source())
        .onLineContaining(c.line());
  }
}
