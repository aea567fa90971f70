package io.esteira.core.config;

import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.model.StepAction;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Helpers shared by the config tests: loading a file that must load, code steps, positions. */
final class ConfigTesting {

  private ConfigTesting() {}

  /** The config of {@code text}, read as config.yaml; fails the test when it does not load. */
  static ProjectConfig load(String text) {
    Loaded loaded = ConfigLoader.parse("config.yaml", text);
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
        List.of(after));
  }

  private static String camel(String id) {
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
