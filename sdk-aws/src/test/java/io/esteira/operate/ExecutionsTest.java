package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExecutionsTest {

  @Test
  void aJsonDocumentOfAnyKindIsAcceptedAsItIs() throws Exception {
    assertThat(Executions.checkedInput("{\"date\": \"2026-01-31\"}"))
        .isEqualTo("{\"date\": \"2026-01-31\"}");
    assertThat(Executions.checkedInput("[1, 2]")).isEqualTo("[1, 2]");
    assertThat(Executions.checkedInput("\"text\"")).isEqualTo("\"text\"");
  }

  @Test
  void inputThatIsNotJsonIsRefusedWithWhereItBreaks() {
    assertThatThrownBy(() -> Executions.checkedInput("{\"date\": 2026-01-31}"))
        .isInstanceOfSatisfying(
            OperateException.class,
            e -> {
              assertThat(e.usage()).isTrue();
              assertThat(e.diagnostics().get(0).render())
                  .contains("[ESTEIRA-OPS-BAD-INPUT] --input is not JSON:")
                  .contains("line 1, column")
                  .contains("--input '{\"date\":\"2026-01-31\"}'");
            });
  }

  @Test
  void trailingTextAfterTheDocumentIsRefused() {
    assertThatThrownBy(() -> Executions.checkedInput("{\"a\": 1} {\"b\": 2}"))
        .isInstanceOfSatisfying(
            OperateException.class,
            e ->
                assertThat(e.diagnostics().get(0).render())
                    .contains("there is more after the first JSON value"));
  }

  @Test
  void emptyInputIsRefused() {
    assertThatThrownBy(() -> Executions.checkedInput("  "))
        .isInstanceOfSatisfying(
            OperateException.class,
            e -> assertThat(e.diagnostics().get(0).render()).contains("it is empty"));
  }

  @Test
  void inputOverStepFunctionsLimitIsRefusedWithItsSize() {
    String big = "\"" + "x".repeat(Executions.MAX_INPUT_BYTES) + "\"";
    assertThatThrownBy(() -> Executions.checkedInput(big))
        .isInstanceOfSatisfying(
            OperateException.class,
            e ->
                assertThat(e.diagnostics().get(0).render())
                    .contains("--input is 262146 bytes, over the 262144 bytes"));
    // Multi-byte characters count as bytes, as Step Functions counts them.
    String accents = "\"" + "é".repeat(Executions.MAX_INPUT_BYTES / 2) + "\"";
    assertThatThrownBy(() -> Executions.checkedInput(accents)).isInstanceOf(OperateException.class);
  }

  @Test
  void newNamesReadLikeLocalRunIds() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T22:59:57.5Z"), ZoneOffset.UTC);
    String name = Executions.newName(clock, new Random(7));
    assertThat(name).matches("20261126-225957-[0-9a-f]{4}");
    assertThat(Executions.newName(clock, new Random(8))).isNotEqualTo(name);
  }
}
