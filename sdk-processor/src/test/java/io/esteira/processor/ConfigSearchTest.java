package io.esteira.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.esteira.processor.ProcessorTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.esteira.core.project.BuildInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline built without its config.yaml is never silent: a warning at {@code @Pipeline} says
 * where the processor looked, and where a config.yaml lies that it does not read; {@code
 * -Aesteira.config=none} says there is none on purpose.
 */
class ConfigSearchTest {

  @TempDir Path dir;

  private static final String SIMPLE_TEXT =
      """
      package demo;

      @io.esteira.Pipeline(name = "simple", version = "1.0.0")
      public class Simple {
        @io.esteira.Step public void extract() {}
      }
      """;

  private static final JavaFileObject SIMPLE = source("demo.Simple", SIMPLE_TEXT);

  private static final String CONFIG = "project_name: simple\nversion: \"1.0.0\"\n";

  @Test
  void withoutConfigYamlAWarningAtThePipelineSaysWhereItLooked() {
    // compile-testing keeps the class output in memory: no directory can be searched.
    Compilation compilation =
        Compiler.javac().withProcessors(new EsteiraProcessor()).compile(SIMPLE);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "[ESTEIRA-PROC-CONFIG-NOT-FOUND] no config.yaml found (looked in no directory")
        .inFile(SIMPLE)
        .onLineContaining("@io.esteira.Pipeline");
    assertThat(compilation).hadWarningContaining("compile with -Aesteira.config=none");
    assertThat(compilation.warnings()).hasSize(1);
  }

  @Test
  void optionNoneSaysThereIsNoConfigOnPurpose() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=none")
            .compile(SIMPLE);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void optionNoneStillNeedsNameAndVersion() {
    JavaFileObject unversioned =
        source(
            "demo.Unversioned",
            """
            package demo;

            @io.esteira.Pipeline(name = "simple")
            public class Unversioned {
              @io.esteira.Step public void extract() {}
            }
            """);

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new EsteiraProcessor())
            .withOptions("-Aesteira.config=NONE")
            .compile(unversioned);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            "[ESTEIRA-PROC-NO-CONFIG] no config.yaml (-Aesteira.config=none says there is none),"
                + " and @Pipeline does not set version")
        .inFile(unversioned)
        .onLineContaining("@io.esteira.Pipeline");
  }

  @Test
  void aModuleWithoutConfigYamlIsWarnedAboutWithTheDirectoriesSearched() throws IOException {
    Path module = module();

    JavacRun.Result result = compileInto(module);

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages())
        .singleElement()
        .asString()
        .startsWith("WARNING: [ESTEIRA-PROC-CONFIG-NOT-FOUND] no config.yaml found (looked in")
        .contains(module.resolve("target") + ", " + module + ")")
        .contains("put the project's config.yaml in " + module + " or name it");
  }

  @Test
  void aConfigYamlInTheResourcesIsNamedWithWhereItMustBe() throws IOException {
    Path module = module();
    Path resources = Files.createDirectories(module.resolve("src/main/resources"));
    Files.writeString(resources.resolve("config.yaml"), CONFIG);

    JavacRun.Result result = compileInto(module);

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages())
        .containsExactly(
            "WARNING: [ESTEIRA-PROC-CONFIG-MISPLACED] "
                + resources.resolve("config.yaml")
                + " is not read: the processor looks for config.yaml only in "
                + module.resolve("target")
                + ", "
                + module
                + ", so this pipeline is built without it; move it to "
                + module.resolve("config.yaml")
                + ", or name it with the compiler option -Aesteira.config="
                + resources.resolve("config.yaml")
                + " (or, when it is not this pipeline's configuration, compile with"
                + " -Aesteira.config=none)");
  }

  @Test
  void aConfigYmlBesideThePomIsNamed() throws IOException {
    Path module = module();
    Files.writeString(module.resolve("config.yml"), CONFIG);

    JavacRun.Result result = compileInto(module);

    assertThat(result.messages())
        .singleElement()
        .asString()
        .contains(
            "[ESTEIRA-PROC-CONFIG-MISPLACED] " + module.resolve("config.yml") + " is not read")
        .contains("move it to " + module.resolve("config.yaml"));
  }

  @Test
  void aConfigYamlAboveTheModuleIsNamed() throws IOException {
    Path module = module();
    Files.writeString(dir.resolve("config.yaml"), CONFIG);

    JavacRun.Result result = compileInto(module);

    assertThat(result.messages())
        .singleElement()
        .asString()
        .contains("[ESTEIRA-PROC-CONFIG-MISPLACED] " + dir.resolve("config.yaml") + " is not read")
        .contains("move it to " + module.resolve("config.yaml"));
  }

  @Test
  void anOptionNamingNoFileIsAnErrorThatNamesTheFileTheSearchFinds() throws IOException {
    Path module = module();
    Files.writeString(module.resolve("config.yaml"), CONFIG);
    Path named = module.resolve("conf/config.yaml");

    JavacRun.Result result = compileInto(module, "-Aesteira.config=" + named);

    assertThat(result.success()).isFalse();
    assertThat(result.messages())
        .anyMatch(m -> m.startsWith("ERROR: " + named + ": [ESTEIRA-YAML-UNREADABLE]"))
        .contains(
            "WARNING: [ESTEIRA-PROC-CONFIG-MISPLACED] "
                + module.resolve("config.yaml")
                + " is not read: the processor reads the file -Aesteira.config names, "
                + named
                + ", which does not exist, so this pipeline is built without it; move it to "
                + named
                + ", or name it with the compiler option -Aesteira.config="
                + module.resolve("config.yaml")
                + " (or, when it is not this pipeline's configuration, compile with"
                + " -Aesteira.config=none)");
  }

  @Test
  void aConfigYamlWhereTheSearchLooksGivesNoWarning() throws IOException {
    Path module = module();
    Files.writeString(module.resolve("config.yaml"), CONFIG);
    Files.createDirectories(module.resolve("src/main/resources"));
    Files.writeString(module.resolve("src/main/resources/config.yaml"), "unrelated: true\n");

    JavacRun.Result result = compileInto(module);

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages()).isEmpty();
  }

  @Test
  void theResourcesCopyInTheClassOutputIsNotReadAndTheModulesIs() throws IOException {
    // Maven's process-resources has copied src/main/resources/config.yaml to target/classes.
    Path module = module();
    Files.writeString(module.resolve("config.yaml"), CONFIG);
    Path resources = Files.createDirectories(module.resolve("src/main/resources"));
    Files.writeString(resources.resolve("config.yaml"), "unrelated: true\n");
    Files.copy(
        resources.resolve("config.yaml"),
        Files.createDirectories(module.resolve("target/classes")).resolve("config.yaml"));

    JavacRun.Result result = compileInto(module);

    // The copy holds an unknown key: reading it would fail the build.
    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages()).isEmpty();
    assertThat(
            BuildInputs.parse(
                    Files.readString(
                        module.resolve("target/classes/META-INF/esteira/simple/inputs.json")))
                .config())
        .contains("../../config.yaml");
  }

  @Test
  void aResourcesConfigYamlCopiedToTheClassOutputIsStillNamedWithWhereItMustBe()
      throws IOException {
    Path module = module();
    Path resources = Files.createDirectories(module.resolve("src/main/resources"));
    Files.writeString(resources.resolve("config.yaml"), CONFIG.replace("simple", "copied"));
    Files.copy(
        resources.resolve("config.yaml"),
        Files.createDirectories(module.resolve("target/classes")).resolve("config.yaml"));

    JavacRun.Result result = compileInto(module);

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages())
        .singleElement()
        .asString()
        .startsWith(
            "WARNING: [ESTEIRA-PROC-CONFIG-MISPLACED] "
                + resources.resolve("config.yaml")
                + " is not read")
        .contains("move it to " + module.resolve("config.yaml"));
    assertThat(module.resolve("target/classes/META-INF/esteira/simple")).isDirectory();
    assertThat(module.resolve("target/classes/META-INF/esteira/copied")).doesNotExist();
  }

  @Test
  void aConfigYamlInAClassOutputThatIsNoCopyIsNamedToo() throws IOException {
    // javac -d . in a directory without a build file: the class output is searched no more.
    Path out = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(out.resolve("config.yaml"), CONFIG);

    JavacRun.Result result =
        JavacRun.compile(out.resolve("src"), out, Map.of("demo.Simple", SIMPLE_TEXT), List.of());

    assertThat(result.messages())
        .singleElement()
        .asString()
        .startsWith(
            "WARNING: [ESTEIRA-PROC-CONFIG-MISPLACED] "
                + out.resolve("config.yaml")
                + " is not read")
        .contains("-Aesteira.config=" + out.resolve("config.yaml"));
  }

  @Test
  void aClassOutputThatIsTheModuleRootIsSearched() throws IOException {
    Path module = module();
    Files.writeString(module.resolve("config.yaml"), CONFIG);

    JavacRun.Result result =
        JavacRun.compile(
            module.resolve("src"), module, Map.of("demo.Simple", SIMPLE_TEXT), List.of());

    assertThat(result.success()).as("%s", result.messages()).isTrue();
    assertThat(result.messages()).isEmpty();
  }

  private Path module() throws IOException {
    Path module = Files.createDirectories(dir.resolve("module"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    return module;
  }

  private JavacRun.Result compileInto(Path module, String... options) {
    return JavacRun.compile(
        module.resolve("src/main/java"),
        module.resolve("target/classes"),
        Map.of("demo.Simple", SIMPLE_TEXT),
        List.of(),
        options);
  }
}
