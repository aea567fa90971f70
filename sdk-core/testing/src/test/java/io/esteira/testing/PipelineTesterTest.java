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
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.RunSetupException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tester as a user's test meets it: a built pipeline found on the class path by project name
 * (here a pipeline.json and a registered dispatcher written into a class path directory), real
 * steps in this JVM, stubs in place of others.
 */
class PipelineTesterTest {

  @TempDir Path directory;

  private static StepAction java(String method) {
    return new StepAction.JavaMethod("io.esteira.local.Fixture", method, true);
  }

  private PipelineTester tester(PipelineModel... models) throws Exception {
    Path classes = directory.resolve("classes");
    Files.createDirectories(classes.resolve("META-INF/esteira/fixture"));
    Files.writeString(
        classes.resolve("META-INF/esteira/fixture/pipeline.json"),
        Json.write(PipelineJsonGenerator.generate(List.of(models))));
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

  private PipelineModel model(String environment) {
    return builder("fixture")
        .environment(environment)
        .secret("API_TOKEN", "arn:aws:ssm:us-east-1:123456789012:parameter/token")
        .step(step("hello").action(java("hello")))
        .step(
            step("flaky")
                .action(java("flaky"))
                .dependsOn("hello")
                .retry(new RetryPolicy(1, 0, 1.0, 0, false)))
        .step(step("env").action(java("env")).dependsOn("flaky"))
        .build();
  }

  @Test
  void runsTheRealStepsInOrderAndReportsAttempts() throws Exception {
    PipelineTester.Result result = tester(model("dev"), model("prd")).env("API_TOKEN", "t").run();

    assertThat(result.succeeded()).isTrue();
    assertThat(result.ran()).containsExactly("hello", "flaky", "env");
    assertThat(result.attempts("flaky")).isEqualTo(2);
    assertThat(result.log("hello", 1)).isEqualTo("INFO hello from hello attempt 1 in dev\n");
    assertThat(result.log("flaky", 1))
        .startsWith("java.lang.IllegalStateException: first attempt fails\n");
    assertThat(Files.readAllLines(result.workDir().resolve("env.txt")))
        .contains("ENV=dev", "API_TOKEN=t");
  }

  @Test
  void retriesDoNotWaitTheRetriersDelayByDefault() throws Exception {
    // The cloud would wait 60 s, then 120 s, between these attempts.
    PipelineModel model =
        builder("fixture")
            .step(
                step("hello").action(java("hello")).retry(new RetryPolicy(2, 60, 2.0, 600, false)))
            .build();

    PipelineTester.Result result =
        tester(model)
            .stub(
                "hello",
                ctx -> {
                  throw new IllegalStateException("always fails");
                })
            .run();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(result.attempts("hello")).isEqualTo(3);
    List<RunRecord.AttemptRecord> attempts = result.step("hello").attempts();
    for (int i = 1; i < attempts.size(); i++) {
      assertThat(Duration.between(attempts.get(i - 1).endedAt(), attempts.get(i).startedAt()))
          .as("wait before attempt %d", i + 1)
          .isLessThan(Duration.ofSeconds(60));
    }
    assertThat(result.step("hello").note()).contains("retried at once");
  }

  @Test
  void aStubReplacesAStepAndSeesItsContext() throws Exception {
    PipelineTester.Result result =
        tester(model("dev"), model("prd"))
            .environment("prd")
            .env("API_TOKEN", "t")
            .stub(
                "hello",
                ctx -> Files.writeString(ctx.workDir().resolve("stub.txt"), ctx.environment()))
            .stub(
                "flaky",
                ctx -> {
                  throw new IllegalStateException("stubbed failure");
                })
            .run();

    assertThat(result.status()).isEqualTo(RunStatus.FAILED);
    assertThat(Files.readString(result.workDir().resolve("stub.txt"))).isEqualTo("prd");
    assertThat(result.ran()).containsExactly("hello", "flaky");
    assertThat(result.attempts("flaky")).isEqualTo(2);
    assertThat(result.step("flaky").attempts().get(1).cause())
        .isEqualTo("java.lang.IllegalStateException: stubbed failure");
    assertThat(result.status("env")).isEqualTo(StepStatus.SKIPPED);
  }

  @Test
  void aMissingSecretAndAMissingPipelineAreClearErrors() throws Exception {
    assertThatThrownBy(() -> tester(model("dev")).run())
        .isInstanceOf(RunSetupException.class)
        .hasMessageContaining("export API_TOKEN=<value>");
    assertThatThrownBy(() -> PipelineTester.forProject("nothing").run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("META-INF/esteira/nothing/pipeline.json is not on the class path");
  }
}
