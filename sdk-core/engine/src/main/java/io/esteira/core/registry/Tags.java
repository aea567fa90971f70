package io.esteira.core.registry;

/** The model version tags Esteira writes; MLflow's UI shows them beside each version. */
final class Tags {

  private Tags() {}

  /** {@code true} on a version that was Production and was replaced (aliases mode). */
  static final String ARCHIVED = "archived";

  /** Who made the last promotion of this version. */
  static final String PROMOTED_BY = "promoted_by";

  /** When, as an ISO-8601 instant. */
  static final String PROMOTED_AT = "promoted_at";

  /** The commit being shipped ({@code GITHUB_SHA} or {@code --commit}). */
  static final String COMMIT = "commit";

  /** Every promotion and archival of this version, as a JSON array, oldest first. */
  static final String HISTORY = "esteira.history";
}
