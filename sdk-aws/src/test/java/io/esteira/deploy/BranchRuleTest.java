package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchRuleTest {

  private static Map<String, String> actions(String branch) {
    return Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", branch);
  }

  @Test
  void prdDeploysOnlyFromMasterAndDevOnlyFromDevUnderGitHubActions() {
    assertThat(BranchRule.violated("prd", actions("master"))).isEmpty();
    assertThat(BranchRule.violated("prd", actions("dev"))).contains("master");
    assertThat(BranchRule.violated("dev", actions("dev"))).isEmpty();
    assertThat(BranchRule.violated("dev", actions("master"))).contains("dev");
    assertThat(BranchRule.violated("dev", actions("feature/x"))).contains("dev");
  }

  @Test
  void outsideGitHubActionsAndForOtherEnvironmentsNothingIsChecked() {
    assertThat(BranchRule.violated("prd", Map.of("GITHUB_REF_NAME", "feature/x"))).isEmpty();
    assertThat(BranchRule.violated("staging", actions("feature/x"))).isEmpty();
  }
}
