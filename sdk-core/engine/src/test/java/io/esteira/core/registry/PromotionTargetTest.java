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
}
