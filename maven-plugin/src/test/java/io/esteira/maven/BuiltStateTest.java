package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.project.BuildInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the plugin concludes from a class output and the disk, before and after the compiler. */
class BuiltStateTest {

  @TempDir Path module;

  private Path classes;
  private Path config;
  private Path sources;

  @BeforeEach
  void layOut() throws IOException {
    classes = Files.createDirectories(module.resolve("target/classes"));
    config = Files.writeString(module.resolve("config.yaml"), "description: one\n");
    sources = Files.createDirectories(module.resolve("src/main/java"));
  }

  /** What the processor leaves for project {@code inc} with pipeline class {@code demo.Inc}. */
  private void built(boolean withRecord) throws IOException {
    Path dir = Files.createDirectories(classes.resolve("META-INF/esteira/inc"));
    Files.writeString(dir.resolve("pipeline.json"), "{}\n");
    Files.writeString(dir.resolve("steps.idx"), "esteira-step-index 1\nclass\tdemo.Inc\n");
    Files.createDirectories(classes.resolve("demo"));
    Files.write(classes.resolve("demo/Inc.class"), new byte[] {1});
    if (withRecord) {
      Files.writeString(
          dir.resolve(BuildInputs.FILE),
          BuildInputs.of(classes, Optional.of(config), List.of()).render());
    }
  }

  private List<BuiltState.Finding> check() throws IOException {
    return BuiltState.check(classes, Optional.empty(), List.of(sources));
  }

  @Test
  void nothingCompiledYetIsNothingToSay() throws IOException {
    Files.writeString(
        sources.resolve("Inc.java"), "import io.esteira.Pipeline; @Pipeline class Inc {}");

    assertThat(check()).isEmpty();
  }

  @Test
  void artifactsOfTheCurrentConfigAreCurrent() throws IOException {
    built(true);

    assertThat(check()).isEmpty();
  }

  @Test
  void aChangedConfigNamesTheProjectAndItsClassFile() throws IOException {
    built(true);
    Files.writeString(config, "description: two\n");

    List<BuiltState.Finding> findings = check();

    assertThat(findings).hasSize(1);
    BuiltState.Finding finding = findings.get(0);
    assertThat(finding.kind()).isEqualTo(BuiltState.Kind.CHANGED);
    assertThat(finding.project()).contains("inc");
    assertThat(finding.pipelineClass()).contains(classes.resolve("demo/Inc.class"));
    assertThat(finding.detail())
        .endsWith("config.yaml changed since the artifacts were written from it");
  }

  @Test
  void theOptionWinsOverTheRecordedPath() throws IOException {
    built(true);
    Path other = Files.copy(config, module.resolve("other.yaml"));

    assertThat(BuiltState.check(classes, Optional.of(other), List.of(sources)))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).contains("the build now reads " + other));
  }

  @Test
  void artifactsWithoutARecordAreUnrecorded() throws IOException {
    built(false);

    assertThat(check())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(BuiltState.Kind.UNRECORDED));
  }

  @Test
  void aBrokenRecordIsUnreadable() throws IOException {
    built(true);
    Files.writeString(classes.resolve("META-INF/esteira/inc/" + BuildInputs.FILE), "{\"x\": 1}");

    assertThat(check())
        .singleElement()
        .satisfies(f -> assertThat(f.kind()).isEqualTo(BuiltState.Kind.UNREADABLE));
  }

  @Test
  void classesAndAPipelineSourceWithoutArtifactsAreMissing() throws IOException {
    Files.write(classes.resolve("Other.class"), new byte[] {1});
    Path source =
        Files.writeString(
            Files.createDirectories(sources.resolve("demo")).resolve("Inc.java"),
            "package demo;\n\n@io.esteira.Pipeline(name = \"inc\")\npublic class Inc {}\n");

    assertThat(check())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(BuiltState.Kind.MISSING);
              assertThat(f.where()).isEqualTo(source);
            });
  }

  @Test
  void aModuleWithoutPipelinesNeedsNoArtifacts() throws IOException {
    Files.write(classes.resolve("Other.class"), new byte[] {1});
    Files.writeString(sources.resolve("Other.java"), "/** Not a @Pipeline. */ class Other {}");

    assertThat(check()).isEmpty();
  }

  @Test
  void aHelperModuleThatMentionsPipelineInAJavadocNeedsNoArtifacts() throws IOException {
    Files.write(classes.resolve("Helper.class"), new byte[] {1});
    Files.writeString(
        sources.resolve("Helper.java"),
        """
        package demo;

        import io.esteira.StepContext;

        /**
         * Reads the inputs of a {@code @Pipeline} step; see {@link io.esteira.Pipeline}.
         */
        class Helper {
          // Not a @io.esteira.Pipeline: no name, no version.
          String doc = "@Pipeline(name = \\"x\\")";
          char at = '@';
          /* @io.esteira.Pipeline */ void read(StepContext context) {}
        }
        """);

    assertThat(check()).isEmpty();
  }

  @Test
  void onlyIoEsteirasPipelineDeclaresAPipeline() {
    String annotated = "\n@Pipeline(name = \"inc\")\nclass Inc {}\n";

    assertThat(BuiltState.declaresPipeline("import io.esteira.Pipeline;" + annotated)).isTrue();
    assertThat(BuiltState.declaresPipeline("import io.esteira.*;" + annotated)).isTrue();
    assertThat(BuiltState.declaresPipeline("@ io.esteira.Pipeline(name = \"inc\") class Inc {}"))
        .isTrue();
    assertThat(
            BuiltState.declaresPipeline(
                "import io.esteira.*;\nimport org.other.Pipeline;" + annotated))
        .isFalse();
    assertThat(
            BuiltState.declaresPipeline(
                "import io.esteira.Step;\nimport org.other.Pipeline;" + annotated))
        .isFalse();
    assertThat(BuiltState.declaresPipeline("// import io.esteira.Pipeline;" + annotated)).isFalse();
    assertThat(BuiltState.declaresPipeline("import io.esteira.Pipeline;\n@PipelineStep class X {}"))
        .isFalse();
  }

  @Test
  void codeKeepsCodeAndDropsCommentsAndLiterals() {
    assertThat(
            BuiltState.code(
                "a // b\nc /* d\n e */ f \"g \\\" h\" i 'j' '\\'' k \"\"\"\n l \"\" m\n\"\"\" n"))
        .isEqualTo("a  \nc   f   i     k   n");
  }

  @Test
  void forgettingTheCompilerInputsDeletesEveryExecutionsList() throws IOException {
    Path build = module.resolve("target");
    Path status = build.resolve(CheckConfigMojo.COMPILER_STATUS);
    Path first = Files.createDirectories(status.resolve("default-compile"));
    Path second = Files.createDirectories(status.resolve("other"));
    for (Path dir : List.of(first, second)) {
      Files.writeString(dir.resolve(CheckConfigMojo.INPUT_FILES), "Inc.java\n");
      Files.writeString(dir.resolve("createdFiles.lst"), "demo/Inc.class\n");
    }

    CheckConfigMojo.forgetCompilerInputs(build);

    assertThat(first.resolve(CheckConfigMojo.INPUT_FILES)).doesNotExist();
    assertThat(second.resolve(CheckConfigMojo.INPUT_FILES)).doesNotExist();
    // Kept: the compiler deletes the previous outputs it lists before compiling again.
    assertThat(first.resolve("createdFiles.lst")).exists();
  }
}
