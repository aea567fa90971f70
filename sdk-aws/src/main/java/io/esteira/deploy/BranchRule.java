package io.esteira.deploy;

import java.util.Map;
import java.util.Optional;

/**
 * The origin's branch rule: under GitHub Actions, {@code prd} deploys only from {@code master} and
 * {@code dev} only from {@code dev}. Outside Actions (a laptop, another CI) nothing is checked;
 * other environments have no rule.
 */
public final class BranchRule {

  private static final Map<String, String> BRANCH = Map.of("prd", "master", "dev", "dev");

  private BranchRule() {}

  /**
   * The branch the environment needs when the running branch is another, else empty.
   *
   * @param environment the environment deployed
   * @param env the process environment ({@code GITHUB_ACTIONS}, {@code GITHUB_REF_NAME})
   */
  public static Optional<String> violated(String environment, Map<String, String> env) {
    String required = BRANCH.get(environment);
    if (required == null || !"true".equals(env.get("GITHUB_ACTIONS"))) {
      return Optional.empty();
    }
    return required.equals(env.getOrDefault("GITHUB_REF_NAME", ""))
        ? Optional.empty()
        : Optional.of(required);
  }
}
