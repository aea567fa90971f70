package io.esteira.core.config;

import io.esteira.diagnostics.Message;
import java.util.Optional;

/**
 * The format rules of names that code may declare, for callers outside this package (the annotation
 * processor checks {@code @Step(id)} and {@code @Pipeline(version)} where they are written). Each
 * check returns what is wrong, to fill in the message named beside it, or empty.
 */
public final class NameRules {

  private NameRules() {}

  /** A problem for {@link Message#CONFIG_PROJECT_NAME}. */
  public static Optional<String> projectName(String name) {
    return Formats.projectName(name);
  }

  /** A problem for {@link Message#CONFIG_VERSION}. */
  public static Optional<String> version(String version) {
    return Formats.version(version);
  }

  /** A problem for {@link Message#CONFIG_STEP_ID}. */
  public static Optional<String> stepId(String id) {
    return Formats.stepId(id);
  }

  /**
   * A problem for {@code STEP_DATA_NAME}: the name of a step's output, or the name part of an
   * input.
   */
  public static Optional<String> dataName(String name) {
    return Formats.dataName(name);
  }
}
