package io.esteira.core.project;

import io.esteira.diagnostics.Diagnostic;
import java.io.IOException;

/**
 * A {@code config.yaml} that is not a file (a directory of that name). Project discovery stops on
 * it rather than skip the project silently, and callers report {@link #diagnostic()} as a usage
 * error.
 */
public final class MisplacedConfigException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  MisplacedConfigException(Diagnostic diagnostic) {
    super(diagnostic.render());
    this.diagnostic = diagnostic;
  }

  /** What is wrong, where, and how to fix it. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
