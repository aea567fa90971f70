package io.esteira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.StepRun;
import io.esteira.runtime.store.DirectoryStore;
import io.esteira.runtime.store.MissingItemException;
import io.esteira.runtime.store.MissingOutputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StepContext#output} and {@link StepContext#input} of a built context over a real directory
 * store, and {@link StepRun} storing the outputs after the step returns.
 */
class StepContextDataTest {

  @TempDir Path directory;

  private DirectoryStore store() {
    return new DirectoryStore(directory.resolve("artifacts"));
  }

  private StepContext.Builder context(String step, String attemptDir) throws Exception {
    return StepContext.builder("recsys", step)
        .workDir(Files.createDirectories(directory.resolve("work").resolve(attemptDir)))
        .store(store());
  }

  @Test
  void anOutputWrittenByOneStepIsTheInputOfTheNextInAnotherWorkDirectory() throws Exception {
    StepContext extract =
        context("extract_features", "a").declaredOutputs(List.of("f.csv")).build();
    List<String> stored =
        StepRun.run(
            extract,
            ctx -> {
              Files.writeString(ctx.workDir().resolve("f.csv"), "declared");
              Files.writeString(ctx.output("reports/extra.json"), "asked for");
            });

    StepContext score = context("score_model", "b").upstream(List.of("extract_features")).build();
    Path features = score.input("extract_features", "f.csv");

    assertThat(stored).containsExactly("f.csv", "reports/extra.json");
    assertThat(features).isEqualTo(directory.resolve("work/b/f.csv")).hasContent("declared");
    assertThat(score.input("extract_features", "reports/extra.json"))
        .isEqualTo(directory.resolve("work/b/reports/extra.json"))
        .hasContent("asked for");
  }

  @Test
  void aSecondInputOfTheSameItemReturnsTheFileFetchedFirst() throws Exception {
    store()
        .store(
            "a",
            "x.txt",
            Files.writeString(Files.createDirectories(directory.resolve("s")).resolve("x"), "v1"));
    StepContext ctx = context("b", "b").build();

    Path first = ctx.input("a", "x.txt");
    Files.writeString(first, "changed by the step");
    Path second = ctx.input("a", "x.txt");

    assertThat(second).isEqualTo(first).hasContent("changed by the step");
  }

  @Test
  void outputCreatesTheParentDirectoriesAndRefusesBadNames() throws Exception {
    StepContext ctx = context("s", "w").build();

    Path file = ctx.output("deep/er/out.bin");

    assertThat(file.getParent()).isDirectory();
    assertThatThrownBy(() -> ctx.output("../escape.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "[ESTEIRA-DATA-BAD-NAME] output '../escape.txt' is not a valid name: it has a '..'"
                + " segment");
  }

  @Test
  void anInputOfAStepThatIsNotUpstreamIsRefusedWithTheFix() throws Exception {
    StepContext ctx = context("score_model", "w").upstream(List.of("load", "clean")).build();

    assertThatThrownBy(() -> ctx.input("train", "model.bin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "[ESTEIRA-DATA-NOT-UPSTREAM] step 'train' is not upstream of 'score_model' (its"
                + " upstream steps: clean, load), so its outputs may not exist when 'score_model'"
                + " runs; declare @Step(after = \"train\") on 'score_model' (depends_on: [train] in"
                + " config.yaml)");
  }

  @Test
  void twoInputsOfOneNameFromTwoStepsWouldLandOnOneFile() throws Exception {
    Path f = Files.writeString(directory.resolve("f"), "x");
    store().store("a", "x.csv", f);
    store().store("b", "x.csv", f);
    StepContext ctx = context("c", "w").build();
    ctx.input("a", "x.csv");

    assertThatThrownBy(() -> ctx.input("b", "x.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "[ESTEIRA-DATA-SAME-LANDING] inputs a/x.csv and b/x.csv would both land at "
                + directory.resolve("work/w/x.csv"));
    StepContext declared = context("c", "v").declaredInputs(List.of("a/x.csv")).build();
    assertThatThrownBy(() -> declared.input("b", "x.csv"))
        .hasMessageStartingWith("[ESTEIRA-DATA-SAME-LANDING] inputs a/x.csv and b/x.csv");
  }

  @Test
  void aMissingItemIsAMissingItemException() throws Exception {
    StepContext ctx = context("c", "w").build();

    assertThatThrownBy(() -> ctx.input("a", "nothing.csv"))
        .isInstanceOf(MissingItemException.class)
        .hasMessageContaining("step 'a' stored no output 'nothing.csv' in this run");
  }

  @Test
  void withoutAStoreInputsFailSayingSoAndOutputsStayInTheWorkDirectory() throws Exception {
    Path work = Files.createDirectories(directory.resolve("bare"));
    StepContext ctx =
        StepContext.builder("p", "s").workDir(work).declaredOutputs(List.of("o.txt")).build();

    assertThatThrownBy(() -> ctx.input("a", "x.csv"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "[ESTEIRA-DATA-NO-STORE] no run store is set (ESTEIRA_STORE is not set), so input"
                + " a/x.csv cannot be fetched");
    assertThat(StepRun.run(ctx, c -> Files.writeString(c.workDir().resolve("o.txt"), "kept")))
        .containsExactly("o.txt");
    assertThat(work.resolve("o.txt")).hasContent("kept");
  }

  @Test
  void aDeclaredOutputTheStepDidNotWriteFailsTheAttemptAndNothingIsStored() throws Exception {
    StepContext ctx =
        context("extract_features", "w").declaredOutputs(List.of("a.csv", "b.csv")).build();

    assertThatThrownBy(
            () -> StepRun.run(ctx, c -> Files.writeString(c.workDir().resolve("a.csv"), "x")))
        .isInstanceOf(MissingOutputException.class)
        .hasMessage(
            "[ESTEIRA-DATA-MISSING-OUTPUT] step 'extract_features' succeeded but its output"
                + " 'b.csv' is not a file in its work directory "
                + directory.resolve("work/w")
                + "; write it there (ctx.output(\"b.csv\") gives the path), or stop declaring it");
    assertThat(directory.resolve("artifacts/extract_features")).doesNotExist();
  }

  @Test
  void anOutputAskedForButNotWrittenFailsToo() throws Exception {
    StepContext ctx = context("s", "w").build();

    assertThatThrownBy(() -> StepRun.run(ctx, c -> c.output("never.txt")))
        .isInstanceOf(MissingOutputException.class)
        .hasMessageContaining("its output 'never.txt' is not a file");
  }

  @Test
  void aStepThatThrowsStoresNothing() throws Exception {
    StepContext ctx = context("s", "w").build();

    assertThatThrownBy(
            () ->
                StepRun.run(
                    ctx,
                    c -> {
                      Files.writeString(c.output("o.txt"), "half");
                      throw new IllegalStateException("failed");
                    }))
        .hasMessage("failed");
    assertThat(directory.resolve("artifacts/s")).doesNotExist();
  }

  @Test
  void theBuilderChecksDeclaredNames() {
    assertThatThrownBy(() -> StepContext.builder("p", "s").declaredOutputs(List.of("/abs")))
        .hasMessageContaining("ESTEIRA-DATA-BAD-NAME");
    assertThatThrownBy(() -> StepContext.builder("p", "s").declaredInputs(List.of("x.csv")))
        .hasMessageContaining("ESTEIRA-DATA-BAD-INPUT");
  }
}
