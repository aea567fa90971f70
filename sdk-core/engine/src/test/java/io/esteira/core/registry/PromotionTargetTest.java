package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.model.MlflowSettings.RequirementKind;
import org.junit.jupiter.api.Test;

class PromotionTargetTest {

  @Test
  void stagesAreNormalisedAndAliasesKeepTheirName() {
    assertThat(PromotionTarget.parse("production"))
        .isEqualTo(new PromotionTarget(RequirementKind.STAGE, "Production"));
    assertThat(PromotionTarget.parse("STAGING").label()).isEqualTo("Staging");
    assertThat(PromotionTarget.parse("@champion"))
        .isEqualTo(new PromotionTarget(RequirementKind.ALIAS, "champion"));
    assertThat(PromotionTarget.parse("@champion").alias()).isEqualTo("champion");
    assertThat(PromotionTarget.parse("Production").alias()).isEqualTo("production");
  }

  @Test
  void anythingElseSaysWhatIsAccepted() {
    for (String bad : new String[] {"Archived", "None", "@", "@a b", "prod"}) {
      assertThatThrownBy(() -> PromotionTarget.parse(bad))
          .hasMessage("'" + bad + "' is not a promotion target; use Staging, Production or @alias");
    }
  }

  @Test
  void aliasesMlflowReservesOrRefusesAreNamedBeforeAnyRequest() {
    assertThat(PromotionTarget.parse("@latest").aliasProblem())
        .get()
        .asString()
        .contains("'latest'");
    assertThat(PromotionTarget.parse("@LATEST").aliasProblem()).isPresent();
    assertThat(PromotionTarget.parse("@v3").aliasProblem()).get().asString().contains("v<number>");
    assertThat(PromotionTarget.parse("@V12").aliasProblem()).isPresent();
    assertThat(PromotionTarget.parse("@" + "a".repeat(256)).aliasProblem()).isPresent();
    for (String fine : new String[] {"@champion", "@latest-good", "@v3a", "@v", "Production"}) {
      assertThat(PromotionTarget.parse(fine).aliasProblem()).as(fine).isEmpty();
    }
    assertThat(PromotionTarget.parse("@" + "a".repeat(255)).aliasProblem()).isEmpty();
  }
}
