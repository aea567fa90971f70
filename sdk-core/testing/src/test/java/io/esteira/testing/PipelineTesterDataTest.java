package io.esteira.testing;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.generate.Json;
import io.esteira.core.generate.PipelineJsonGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.local.RunRecord.StepStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step data through the tester: seeded outputs replace a step, steps read them with {@code
 * ctx.input} in this JVM (the in-process launcher with a real directory store), and the test reads
 * what the steps stored.
 */
class PipelineTesterDataTest {

  @TempDir Path directory;

  private static final RetryPolicy NO_RETRY = new RetryPolicy(0, 0, 1.0, 0, false);

  private PipelineTester tester() throws Exception {
    PipelineModel model =
        builder("fixture")
            .step(step("hello").action(java("hello")).retry(NO_RETRY))
            .step(step("score").action(java("flaky")).dependsOn("hello").retry(NO_RETRY))
            .step(step("report").action(java("env")).dependsOn("score").retry(NO_RETRY))
            .build();
    Path classes = directory.resolve("classes");
    Files.createDirectories(classes.resolve("META-INF/esteira/fixture"));
    Files.writeString(
        classes.resolve("META-INF/esteira/fixture/pipeline.json"),
        Json.write(PipelineJsonGenerator.generate(List.of(model))));
    Files.createDirectories(classes.resolve("META-INF/services"));
    Files.writeString(
        classes.resolve("META-INF/services/io.esteira.runtime.StepDispatcher"),
        "io.esteira.local.FixtureDispatcher\n");
    ClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    return PipelineTester.forProject("fixture")
        .classLoader(loader)
        .runsRoot(directory.resolve("runs"))
        .projectDirectory(directory);
  }

  private static StepAction java(String method) {
    return new StepAction.JavaMethod("io.esteira.local.Fixture", method, true);
  }

  @Test
  void aSeededOutputIsReadDownstreamAndWhatStepsStoredCanBeRead() throws Exception {
    PipelineTester.Result result =
        tester()
            .withInput("hello", "features.csv", "id\n1\n2\n".getBytes(StandardCharsets.UTF_8))
            .stub(
                "score",
                ctx -> {
                  List<String> rows = Files.readAllLines(ctx.input("hello", "features.csv"));
                  Files.writeString(ctx.output("scores.csv"), "rows=" + (rows.size() - 1));
                })
            .stub(
                "report",
                ctx ->
                    Files.writeString(
                        ctx.output("report/summary.txt"),
                        Files.readString(ctx.input("score", "scores.csv"))
                            + " from "
                            + Files.readString(ctx.input("hello", "features.csv")).length()
                            + " bytes"))
            .run();

    assertThat(result.succeeded()).as(result.log("score", 1)).isTrue();
    assertThat(result.ran()).containsExactly("hello", "score", "report");
    assertThat(result.output("scores.csv")).hasContent("rows=2");
    assertThat(result.output("hello", "features.csv")).hasContent("id\n1\n2\n");
    assertThat(result.output("report", "report/summary.txt")).hasContent("rows=2 from 7 bytes");
    assertThatThrownBy(() -> result.output("score", "nothing.csv"))
        .hasMessage(
            "step 'score' stored no output 'nothing.csv' in this run; it stored scores.csv");
  }

  @Test
  void aSeedAfterTheUsersStubKeepsBothAndAFileCanBeSeeded() throws Exception {
    Path file = Files.writeString(directory.resolve("model.bin"), "weights");
    PipelineTester.Result result =
        tester()
            .stub("hello", ctx -> Files.writeString(ctx.output("log.txt"), "stub ran"))
            .withInput("hello", "model.bin", file)
            .stub("score", ctx -> ctx.input("hello", "model.bin"))
            .stub("report", ctx -> {})
            .run();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.output("hello", "log.txt")).hasContent("stub ran");
    assertThat(result.output("model.bin")).hasContent("weights");
  }

  @Test
  void readingAStepThatIsNotUpstreamFailsTheAttemptWithTheFix() throws Exception {
    PipelineTester.Result result =
        tester()
            .stub("hello", ctx -> ctx.input("report", "summary.txt"))
            .stub("score", ctx -> {})
            .stub("report", ctx -> {})
            .run();

    assertThat(result.status("hello")).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("hello").attempts().get(0).cause())
        .isEqualTo(
            "java.lang.IllegalArgumentException: [ESTEIRA-DATA-NOT-UPSTREAM] step 'report' is not"
                + " upstream of 'hello' (its upstream steps: none), so its outputs may not exist"
                + " when 'hello' runs; declare @Step(after = \"report\") on 'hello' (depends_on:"
                + " [report] in config.yaml)");
  }

  @Test
  void anOutputAskedForButNotWrittenFailsTheAttempt() throws Exception {
    PipelineTester.Result result =
        tester()
            .stub("hello", ctx -> ctx.output("features.csv"))
            .stub("score", ctx -> {})
            .stub("report", ctx -> {})
            .run();

    assertThat(result.status("hello")).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("hello").attempts().get(0).cause())
        .startsWith(
            "io.esteira.runtime.store.MissingOutputException: [ESTEIRA-DATA-MISSING-OUTPUT] step"
                + " 'hello' succeeded but its output 'features.csv' is not a file");
  }

  @Test
  void badSeedNamesAreRefusedAtOnce() throws Exception {
    assertThatThrownBy(() -> tester().withInput("hello", "../x", new byte[0]))
        .hasMessageContaining("ESTEIRA-DATA-BAD-NAME");
  }
}
