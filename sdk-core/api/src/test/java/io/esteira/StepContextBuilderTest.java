package io.esteira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The public way to make a step context outside a launcher, as users' tests do. */
class StepContextBuilderTest {

  @Test
  void defaultsAreADevRunsFirstAttemptInTheCurrentDirectory() {
    StepContext ctx = StepContext.builder("recsys", "score_model").build();

    assertThat(ctx.project()).isEqualTo("recsys");
    assertThat(ctx.stepId()).isEqualTo("score_model");
    assertThat(ctx.environment()).isEqualTo("dev");
    assertThat(ctx.executionId()).isEqualTo("local");
    assertThat(ctx.attempt()).isEqualTo(1);
    assertThat(ctx.workDir()).isEqualTo(Path.of("").toAbsolutePath());
    assertThat(ctx.logger()).isNotNull();
  }

  @Test
  void envAnswersWhatEveryTaskReceivesPlusTheGivenVariables() {
    StepContext ctx =
        StepContext.builder("recsys", "score_model")
            .environment("prd")
            .executionId("exec-1")
            .attempt(3)
            .env("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000")
            .build();

    assertThat(ctx.env("ENV")).contains("prd");
    assertThat(ctx.env("ESTEIRA_PROJECT")).contains("recsys");
    assertThat(ctx.env("ESTEIRA_STEP")).contains("score_model");
    assertThat(ctx.env("ESTEIRA_EXECUTION_ID")).contains("exec-1");
    assertThat(ctx.env("ESTEIRA_ATTEMPT")).contains("3");
    assertThat(ctx.env("MLFLOW_TRACKING_URI")).contains("http://127.0.0.1:5000");
    assertThat(ctx.env("NOT_SET")).isEmpty();
  }

  @Test
  void itsTextNamesTheStepButNoVariable() {
    StepContext ctx = StepContext.builder("p", "s").env("API_TOKEN", "secret-value").build();

    assertThat(ctx.toString()).contains("p/s").doesNotContain("secret-value");
  }

  @Test
  void attemptsCountFromOne() {
    assertThatThrownBy(() -> StepContext.builder("p", "s").attempt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempts count from 1");
  }
}
