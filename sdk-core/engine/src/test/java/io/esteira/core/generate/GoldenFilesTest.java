package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {

  @TempDir Path root;

  @Test
  void passesOnEqualTextAndFailsOnADifferenceNamingTheSwitch() throws IOException {
    Files.createDirectories(root.resolve("seed"));
    Files.writeString(root.resolve("seed/a.json"), "{ }\n");
    GoldenFiles golden = new GoldenFiles(root, false);

    golden.assertMatches("seed/a.json", "{ }\n");
    assertThatThrownBy(() -> golden.assertMatches("seed/a.json", "{ \"x\" : 1 }\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("esteira.golden.update=true");
    assertThatThrownBy(() -> golden.assertMatches("seed/missing.json", "{ }\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("missing");
  }

  @Test
  void updateModeRewritesAndDeletesInsteadOfFailing() throws IOException {
    Files.createDirectories(root.resolve("seed"));
    Files.writeString(root.resolve("seed/a.json"), "old\n");
    Files.writeString(root.resolve("seed/gone.json"), "old\n");
    GoldenFiles golden = new GoldenFiles(root, true);

    golden.assertMatches("seed/a.json", "new\n");
    golden.assertMatches("seed/b.json", "born\n");
    golden.assertOnly("seed", List.of("a.json", "b.json"));

    assertThat(root.resolve("seed/a.json")).hasContent("new");
    assertThat(root.resolve("seed/b.json")).hasContent("born");
    assertThat(root.resolve("seed/gone.json")).doesNotExist();
  }

  @Test
  void aGoldenFileNoLongerGeneratedFails() throws IOException {
    Files.createDirectories(root.resolve("seed"));
    Files.writeString(root.resolve("seed/a.json"), "a\n");
    Files.writeString(root.resolve("seed/stale.json"), "s\n");

    assertThatThrownBy(() -> new GoldenFiles(root, false).assertOnly("seed", List.of("a.json")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("stale.json");
  }
}
