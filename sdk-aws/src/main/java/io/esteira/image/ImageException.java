package io.esteira.image;

import io.esteira.diagnostics.Diagnostic;
import java.util.Objects;

/** An image that could not be built or pushed, with the diagnostic that says why and what to do. */
public final class ImageException extends Exception {

  private final transient Diagnostic diagnostic;

  public ImageException(Diagnostic diagnostic) {
    super(diagnostic.toString());
    this.diagnostic = Objects.requireNonNull(diagnostic, "diagnostic");
  }

  public ImageException(Diagnostic diagnostic, Throwable cause) {
    super(diagnostic.toString(), cause);
    this.diagnostic = Objects.requireNonNull(diagnostic, "diagnostic");
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
