package io.esteira.core.registry;

import java.util.Locale;

/**
 * How the registry records where a version stands.
 *
 * <p>MLflow deprecated registry stages in 2.9 in favour of aliases and tags; MLflow 3 servers still
 * serve {@code model-versions/transition-stage}. Both modes show the same picture (see {@link
 * RegisteredVersion#stage()}).
 */
public enum RegistryMode {
  /**
   * The default: alias {@code staging} or {@code production} marks the stage, tag {@code
   * archived=true} marks a former Production version.
   */
  ALIASES,
  /** The origin document's registry stages, as {@code transition-stage} sets them. */
  STAGES;

  /** The alias that marks a stage in {@link #ALIASES} mode: {@code staging}, {@code production}. */
  public static String aliasOf(String stage) {
    return stage.toLowerCase(Locale.ROOT);
  }

  /** The command-line spelling: {@code aliases}, {@code stages}. */
  public String option() {
    return name().toLowerCase(Locale.ROOT);
  }
}
