package io.esteira.core.config;

import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Origin;
import io.esteira.diagnostics.SourcePosition;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which values of an environment's merged configuration its {@code environments.<env>} section set,
 * so a rule that fails only because of that section says so: it names the environment, and the key
 * as written there ({@code environments.quick.schedule.timeout_seconds}) with its line. A problem
 * that holds in every environment is reported once, with the same words in each.
 *
 * <p>The merge keeps every node's position, so a value comes from the section exactly when its
 * position is one written in the section.
 */
final class EnvironmentLayer {

  private final String environment;
  private final Set<SourcePosition> written = new HashSet<>();

  EnvironmentLayer(String environment, YamlNode.MapNode section) {
    this.environment = environment;
    collect(section);
  }

  String environment() {
    return environment;
  }

  /** Whether the section wrote the value at {@code at}. */
  boolean sets(Origin at) {
    return at instanceof SourcePosition p && written.contains(p);
  }

  /** {@code " in environment 'quick'"} when the section set any of these values, else "". */
  String in(Origin... involved) {
    return Arrays.stream(involved).anyMatch(this::sets)
        ? " in environment '" + environment + "'"
        : "";
  }

  /**
   * A top-level key as the user finds it: {@code environments.quick.schedule.timeout_seconds} when
   * the section set it, the key itself otherwise.
   */
  String key(String key, Origin at) {
    return sets(at) ? "environments." + environment + "." + key : key;
  }

  /**
   * A top-level value named for a message about another value: the key, where it is written, or
   * that it is the default; such as {@code environments.quick.schedule.timeout_seconds at
   * config.yaml:20:5}.
   */
  String describe(String key, Optional<SourcePosition> at) {
    return at.map(p -> key(key, p) + " at " + p).orElse("the default of " + key);
  }

  private void collect(YamlNode node) {
    if (node instanceof YamlNode.MapNode map) {
      for (YamlNode.Entry e : map.entries()) {
        written.add(e.keyPosition());
        collect(e.value());
      }
    } else if (node instanceof YamlNode.ListNode list) {
      list.items().forEach(this::collect);
    } else {
      written.add(node.position());
    }
  }
}
