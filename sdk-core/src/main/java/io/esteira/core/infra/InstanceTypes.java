package io.esteira.core.infra;

import java.util.List;
import java.util.Optional;

/** The table of EC2 instance types Esteira knows, for checking that steps fit. */
public final class InstanceTypes {

  private InstanceTypes() {}

  /** The type with this name, or empty when it is not in the table. */
  public static Optional<InstanceType> find(String name) {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Every known type, sorted by name. */
  public static List<InstanceType> all() {
    throw new UnsupportedOperationException("not yet written");
  }
}
