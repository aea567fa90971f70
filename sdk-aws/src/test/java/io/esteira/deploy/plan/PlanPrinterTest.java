package io.esteira.deploy.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.esteira.deploy.plan.PlanItem.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A note of a plan item reaches the text and the JSON plan, and changes nothing by itself. */
class PlanPrinterTest {

  private final PlanItem noted =
      PlanItem.of("p", "SNS topic", "p-failure", true, List.of())
          .withNotes(List.of("b@example.com is no longer listed but stays subscribed"));

  @Test
  void aNoteAloneIsNoChangeAndPrintsUnderItsResource() {
    assertThat(noted.action()).isEqualTo(Action.NO_CHANGE);
    assertThat(noted.changesSomething()).isFalse();
    assertThat(PlanPrinter.text(noted))
        .containsExactly(
            "p: no change SNS topic p-failure",
            "    note: b@example.com is no longer listed but stays subscribed");
  }

  @Test
  void aMultiLineValueIsIndentedUnderItsFieldNotAtColumnZero() {
    PlanItem created =
        PlanItem.of(
            "p",
            "task definition",
            "p",
            false,
            List.of(new PlanItem.FieldChange("command", "", "set -e\npython train.py\n")));
    PlanItem updated =
        PlanItem.of(
            "p",
            "task definition",
            "p",
            true,
            List.of(
                new PlanItem.FieldChange("command", "echo one", "set -e\r\necho two"),
                new PlanItem.FieldChange("memory", "4096", "8192")));

    assertThat(PlanPrinter.text(created))
        .containsExactly(
            "p: create task definition p",
            "    command: |",
            "      set -e",
            "      python train.py");
    assertThat(PlanPrinter.text(updated))
        .containsExactly(
            "p: update task definition p",
            "    command (before): echo one",
            "    command (after): |",
            "      set -e",
            "      echo two",
            "    memory: 4096 -> 8192");
  }

  @Test
  void theJsonPlanHasEachResourcesNotes() throws Exception {
    JsonNode plan =
        new ObjectMapper()
            .readTree(PlanPrinter.json("prd", List.of(noted), List.of(), List.of(), List.of()));

    assertThat(plan.at("/resources/0/notes/0").asText())
        .isEqualTo("b@example.com is no longer listed but stays subscribed");
    assertThat(plan.at("/resources/0/changes").size()).isZero();
  }
}
