package io.esteira.local;

import static io.esteira.core.model.TestModels.command;
import static io.esteira.core.model.TestModels.step;
import static io.esteira.local.DataSteps.data;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hint's words for Java readers, several files, and what never counts as undeclared. */
class UndeclaredFilesTest {

  @TempDir Path work;

  private final StepModel javaReader =
      step("train").action(new StepAction.JavaMethod("p.P", "train", true)).build();

  @Test
  void aJavaReaderIsToldToReadTheFileThroughTheContext() throws Exception {
    Files.writeString(work.resolve("features.csv"), "x");
    StepModel producer = command("extract", null, "x", 1, 1, 0).build();

    String hint =
        UndeclaredFiles.hint(
                javaReader,
                Map.of(producer, new UndeclaredFiles.Upstreamed(work, Set.of())),
                "java.nio.file.NoSuchFileException: /w/features.csv")
            .orElseThrow();

    assertThat(hint)
        .isEqualTo(
            "step train failed; it started in an empty work directory. extract wrote features.csv"
                + " but did not declare it as an output: declare `outputs: [features.csv]` on"
                + " extract and read it with ctx.input(\"extract\", \"features.csv\") in train"
                + " (declared as `@Step(inputs = \"extract/features.csv\")`) (docs/step-data.md)");
  }

  @Test
  void declaredStoredLandedAndTrackingFilesAreNotNamedAndTheMentionedFileComesFirst()
      throws Exception {
    for (String name :
        List.of(
            "a.txt",
            "b.txt",
            "c.txt",
            "d.txt",
            "sub/wanted.csv",
            "declared.csv",
            "stored.bin",
            "landed.csv",
            "mlflow-tracking.jsonl")) {
      Files.createDirectories(work.resolve(name).getParent());
      Files.writeString(work.resolve(name), "x");
    }
    StepModel producer =
        data(command("extract", null, "x", 1, 1, 0), List.of("declared.csv"), "up/landed.csv");
    StepModel reader = command("score", null, "x", 1, 1, 0).build();
    Map<StepModel, UndeclaredFiles.Upstreamed> upstream = new LinkedHashMap<>();
    upstream.put(producer, new UndeclaredFiles.Upstreamed(work, Set.of("stored.bin")));

    String hint =
        UndeclaredFiles.hint(reader, upstream, "open: sub/wanted.csv: not found").orElseThrow();

    assertThat(hint)
        .contains(
            "extract wrote sub/wanted.csv, a.txt, b.txt, ... but did not declare them as outputs:"
                + " declare `outputs: [sub/wanted.csv, a.txt, b.txt]` on extract and `inputs:"
                + " [extract/sub/wanted.csv, extract/a.txt, extract/b.txt]` on score")
        .doesNotContain("declared.csv")
        .doesNotContain("stored.bin")
        .doesNotContain("landed.csv")
        .doesNotContain("mlflow");
  }

  @Test
  void noUndeclaredFileNoHint() throws Exception {
    Files.writeString(work.resolve("declared.csv"), "x");
    StepModel producer = data(command("extract", null, "x", 1, 1, 0), List.of("declared.csv"));

    assertThat(
            UndeclaredFiles.hint(
                javaReader, Map.of(producer, new UndeclaredFiles.Upstreamed(work, Set.of())), null))
        .isEmpty();
  }
}
