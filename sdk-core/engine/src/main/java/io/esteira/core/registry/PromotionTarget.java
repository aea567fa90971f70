package io.esteira.core.registry;

import io.esteira.core.model.MlflowSettings.RequirementKind;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a promotion puts a version: a stage ({@code Staging}, {@code Production}) or an alias
 * ({@code @champion}).
 *
 * @param kind stage or alias
 * @param value the stage, capitalised as MLflow writes it, or the alias without its {@code @}
 */
public record PromotionTarget(RequirementKind kind, String value) {

  /** MLflow's longest alias (its {@code MAX_REGISTERED_MODEL_ALIAS_LENGTH}). */
  static final int MAX_ALIAS_LENGTH = 255;

  /** The names MLflow keeps for itself: {@code v<number>} names a version, as in {@code @v3}. */
  private static final Pattern VERSION_ALIAS = Pattern.compile("[vV]\\d+");

  public PromotionTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * {@code Staging}, {@code Production} (any case) or {@code @alias}.
   *
   * @throws IllegalArgumentException with what is accepted, for anything else
   */
  public static PromotionTarget parse(String text) {
    String t = text.strip();
    if (t.startsWith("@") && t.length() > 1 && t.substring(1).matches("[A-Za-z0-9_-]+")) {
      return new PromotionTarget(RequirementKind.ALIAS, t.substring(1));
    }
    for (String stage : new String[] {RegisteredVersion.STAGING, RegisteredVersion.PRODUCTION}) {
      if (stage.equalsIgnoreCase(t)) {
        return new PromotionTarget(RequirementKind.STAGE, stage);
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a promotion target; use Staging, Production or @alias");
  }

  /**
   * Why MLflow would refuse this alias with HTTP 400, so the command line can say so before any
   * request; empty for a stage or an alias MLflow accepts.
   */
  public Optional<String> aliasProblem() {
    if (kind != RequirementKind.ALIAS) {
      return Optional.empty();
    }
    if (value.equalsIgnoreCase("latest")) {
      return Optional.of("MLflow reserves the alias 'latest' (in any case) for the newest version");
    }
    if (VERSION_ALIAS.matcher(value).matches()) {
      return Optional.of("MLflow reserves aliases of the form v<number> for version numbers");
    }
    if (value.length() > MAX_ALIAS_LENGTH) {
      return Optional.of(
          "MLflow takes aliases of at most "
              + MAX_ALIAS_LENGTH
              + " characters, not "
              + value.length());
    }
    return Optional.empty();
  }

  public static PromotionTarget stage(String stage) {
    return new PromotionTarget(RequirementKind.STAGE, stage);
  }

  public boolean isProduction() {
    return kind == RequirementKind.STAGE && RegisteredVersion.PRODUCTION.equals(value);
  }

  /** Whether this target is reached by an alias in the given mode. */
  boolean byAlias(RegistryMode mode) {
    return kind == RequirementKind.ALIAS || mode == RegistryMode.ALIASES;
  }

  /** The alias that marks this target. */
  String alias() {
    return kind == RequirementKind.ALIAS ? value : RegistryMode.aliasOf(value);
  }

  /** {@code Production} or {@code @champion}, as the command line takes it. */
  public String label() {
    return kind == RequirementKind.ALIAS ? "@" + value : value;
  }

  @Override
  public String toString() {
    return label();
  }
}
