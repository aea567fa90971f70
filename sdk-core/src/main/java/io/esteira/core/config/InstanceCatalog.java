package io.esteira.core.config;

import io.esteira.core.infra.InstanceType;
import io.esteira.core.infra.InstanceTypes;
import java.util.List;
import java.util.Optional;

/**
 * The EC2 instance types the loader checks steps against. Production code always uses {@link
 * #STANDARD}; the seam exists so config tests do not depend on the instance table's figures.
 */
interface InstanceCatalog {

  /** {@link InstanceTypes} and {@link InstanceType#registeredMemoryMiB()}. */
  InstanceCatalog STANDARD =
      new InstanceCatalog() {
        @Override
        public Optional<InstanceType> find(String name) {
          return InstanceTypes.find(name);
        }

        @Override
        public List<InstanceType> all() {
          return InstanceTypes.all();
        }

        @Override
        public int registeredMemoryMiB(InstanceType type) {
          return type.registeredMemoryMiB();
        }
      };

  /** The type with this name, or empty when it is not in the table. */
  Optional<InstanceType> find(String name);

  /** Every known type, sorted by name. */
  List<InstanceType> all();

  /** Memory in MiB that tasks can reserve on an instance of this type. */
  int registeredMemoryMiB(InstanceType type);
}
