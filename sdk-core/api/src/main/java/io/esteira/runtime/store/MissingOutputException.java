package io.esteira.runtime.store;

import java.io.IOException;

/**
 * A step succeeded but did not write an output it declared (or asked for with {@code ctx.output}):
 * the attempt fails, as the contract between steps was not kept.
 */
public final class MissingOutputException extends IOException {

  private static final long serialVersionUID = 1L;

  public MissingOutputException(String message) {
    super(message);
  }
}
