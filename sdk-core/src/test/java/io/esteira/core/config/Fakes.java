package io.esteira.core.config;

import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.diagnostics.Diagnostic;
import io.esteira.core.infra.InstanceType;
import io.esteira.core.model.StepAction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Stand-ins for the cron converter and the instance table, so these tests check the loader alone.
 * The figures are plausible, not AWS's: tests that depend on real figures belong with those
 * classes.
 */
final class Fakes {

  private Fakes() {}

  /** Converts a 5-field Unix cron the simple way and passes AWS forms through; reports nothing. */
  static final ScheduleChecks SCHEDULES =
      (source, where, out) -> {
        if (source.startsWith("cron(") || source.startsWith("rate(")) {
          return Optional.of(source);
        }
        String[] f = source.trim().split("\\s+");
        if (f.length != 5) {
          return Optional.empty();
        }
        return Optional.of(
            f[4].equals("*")
                ? "cron(" + f[0] + " " + f[1] + " " + f[2] + " " + f[3] + " ? *)"
                : "cron(" + f[0] + " " + f[1] + " ? " + f[3] + " " + f[4] + " *)");
      };

  private static final List<InstanceType> TYPES =
      List.of(
          new InstanceType("m5.large", 2, 8192, 0),
          new InstanceType("m5.xlarge", 4, 16384, 0),
          new InstanceType("r5.2xlarge", 8, 65536, 0),
          new InstanceType("t3.2xlarge", 8, 32768, 0),
          new InstanceType("t3.large", 2, 8192, 0),
          new InstanceType("t3.small", 2, 2048, 0),
          new InstanceType("t3.xlarge", 4, 16384, 0));

  /** A small table; instances register 94% of their memory. */
  static final InstanceCatalog INSTANCES =
      new InstanceCatalog() {
        @Override
        public Optional<InstanceType> find(String name) {
          return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
        }

        @Override
        public List<InstanceType> all() {
          return TYPES;
        }

        @Override
        public int registeredMemoryMiB(InstanceType type) {
          return type.memoryMiB() * 94 / 100;
        }
      };

  static Loaded parse(String fileName, String text) {
    return ConfigLoader.parse(fileName, text, SCHEDULES, INSTANCES);
  }

  static ProjectConfig load(String text) {
    Loaded loaded = parse("config.yaml", text);
    if (loaded.config().isEmpty()) {
      throw new AssertionError("did not load: " + loaded.diagnostics());
    }
    return loaded.config().get();
  }

  /** A {@code @Step} method with nothing but its id set. */
  static CodeStep codeStep(String id, String... after) {
    return new CodeStep(
        id,
        Optional.empty(),
        new StepAction.JavaMethod("com.example.Recsys", camel(id), true),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalInt.empty(),
        OptionalInt.empty(),
        List.of(after),
        Optional.empty());
  }

  static String camel(String id) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : id.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** {@code CODE line:column} of a diagnostic, as the corpus files write expectations. */
  static String where(Diagnostic d) {
    return d.code() + " " + d.position().map(p -> p.line() + ":" + p.column()).orElse("-");
  }
}
