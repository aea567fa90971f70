package io.esteira.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The run-time check of data names: the same rules as the processor's and the validator's. */
class ItemNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"features.csv", "reports/metrics.json", "a-b_c.D9", ".hidden", "a/..b"})
  void relativePathsOfPlainSegmentsAreNames(String name) {
    assertThat(ItemNames.checkName("output", name)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|it is empty",
        "/etc/passwd|it starts with '/'",
        "out/|it ends with '/'",
        "a//b|it has an empty segment ('//')",
        "../secrets|it has a '..' segment",
        "a/./b|it has a '.' segment",
        "my file.csv|segment 'my file.csv' holds a character other than",
        "a\\b|segment 'a\\b' holds a character other than",
      })
  void anythingElseIsRefusedSayingWhatIsWrongAndWhatANameIs(String name, String problem) {
    assertThatThrownBy(() -> ItemNames.checkName("output", name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("[ESTEIRA-DATA-BAD-NAME] output '" + name + "' is not a valid name")
        .hasMessageContaining(problem)
        .hasMessageContaining("such as features.csv or reports/metrics.json");
  }

  @Test
  void aNameHasAtMostTwoHundredCharacters() {
    assertThat(ItemNames.checkName("output", "a".repeat(200))).hasSize(200);
    assertThatThrownBy(() -> ItemNames.checkName("output", "a".repeat(201)))
        .hasMessageContaining("it has 201 characters");
  }

  @Test
  void anInputIsAStepSlashANameSplitAtTheFirstSlash() {
    assertThat(ItemNames.splitInput("extract_features/reports/m.json"))
        .containsExactly("extract_features", "reports/m.json");
    assertThatThrownBy(() -> ItemNames.splitInput("features.csv"))
        .hasMessageStartingWith(
            "[ESTEIRA-DATA-BAD-INPUT] input 'features.csv' is not <step>/<name>");
    assertThatThrownBy(() -> ItemNames.splitInput("../x/y"))
        .hasMessageStartingWith("[ESTEIRA-DATA-BAD-STEP] '..' is not a step id");
  }

  @Test
  void listsAreSpaceSeparatedAndMayBeBlank() {
    assertThat(ItemNames.splitList(" a/x.csv  b/y.csv\t")).containsExactly("a/x.csv", "b/y.csv");
    assertThat(ItemNames.splitList("")).isEmpty();
    assertThat(ItemNames.splitList(null)).isEmpty();
  }
}
