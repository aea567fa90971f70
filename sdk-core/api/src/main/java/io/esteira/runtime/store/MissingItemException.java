package io.esteira.runtime.store;

import java.io.IOException;

/** The run's store holds no item under the asked name. */
public final class MissingItemException extends IOException {

  private static final long serialVersionUID = 1L;

  public MissingItemException(String message) {
    super(message);
  }
}
