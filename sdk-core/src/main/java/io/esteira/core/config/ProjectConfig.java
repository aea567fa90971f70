package io.esteira.core.config;

import java.util.List;

/**
 * A parsed {@code config.yaml}, not yet resolved for an environment. Keeps the YAML positions so
 * that resolving can report problems at the line that caused them.
 */
public final class ProjectConfig {

  /** The environments every project has: {@code dev} (branch dev) and {@code prd} (master). */
  public static final List<String> STANDARD_ENVIRONMENTS = List.of("dev", "prd");

  private ProjectConfig() {}

  /** The file name diagnostics name. */
  public String fileName() {
    throw new UnsupportedOperationException("not yet written");
  }

  /** {@code project_name}, or empty when the file lacks it (a Java pipeline may name it). */
  public String project() {
    throw new UnsupportedOperationException("not yet written");
  }

  /** {@code dev}, {@code prd}, then any other environment the file declares, sorted. */
  public List<String> environments() {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Resolves a YAML-only project (steps are commands) for one environment. */
  public Resolved resolve(String environment) {
    return resolve(environment, CodeDefaults.NONE);
  }

  /**
   * Resolves for one environment on top of what a {@code @Pipeline} class declares: annotation
   * values are the lowest layer, then this file, then its {@code environments.<env>} section.
   */
  public Resolved resolve(String environment, CodeDefaults code) {
    throw new UnsupportedOperationException("not yet written");
  }
}
