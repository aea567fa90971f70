package io.esteira.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.StepRun;
import io.esteira.runtime.store.MissingItemException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single step tested on seeded inputs, its outputs read back. */
class TestStepContextTest {

  @TempDir Path directory;

  @Test
  void aStepReadsSeededInputsAndItsOutputsCanBeReadAfterwards() throws Exception {
    Path seed = Files.writeString(directory.resolve("model.bin"), "weights");
    TestStepContext ctx =
        new TestStepContext(
                "recsys", "score_model", Files.createDirectories(directory.resolve("w")))
            .withInput(
                "extract_features", "features.csv", "a\nb\n".getBytes(StandardCharsets.UTF_8))
            .withInput("train", "model.bin", seed);

    StepRun.run(
        ctx,
        c -> {
          long rows = Files.readAllLines(c.input("extract_features", "features.csv")).size();
          String model = Files.readString(c.input("train", "model.bin"));
          Files.writeString(c.output("scores.csv"), rows + " rows with " + model);
          c.logger().log(System.Logger.Level.INFO, "scored");
        });

    assertThat(ctx.outputs()).containsOnlyKeys("scores.csv");
    assertThat(ctx.outputs().get("scores.csv")).hasContent("2 rows with weights");
    assertThat(ctx.store().file("score_model", "scores.csv")).hasContent("2 rows with weights");
    assertThat(ctx.logger().messages()).containsExactly("INFO scored");
  }

  @Test
  void anInputNotSeededIsAMissingItem() throws Exception {
    TestStepContext ctx =
        new TestStepContext(
            "recsys", "score_model", Files.createDirectories(directory.resolve("w")));

    assertThatThrownBy(() -> ctx.input("extract_features", "features.csv"))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining("it stored nothing");
  }
}
