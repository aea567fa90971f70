package io.esteira.core.config;

import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of a config.yaml tree. A value of the wrong type reads as absent: {@link
 * SchemaChecker} has already reported it, and later checks must not report it a second time.
 */
final class Values {

  private Values() {}

  /**
   * A value and where it was written.
   *
   * @param value the value
   * @param at the position of the value (for a map entry read as a pair: of its key)
   */
  record Value<T>(T value, SourcePosition at) {}

  /** The mapping at this key, or empty when absent, empty or not a mapping. */
  static Optional<YamlNode.MapNode> map(YamlNode.MapNode parent, String key) {
    return parent
        .get(key)
        .filter(YamlNode.MapNode.class::isInstance)
        .map(YamlNode.MapNode.class::cast);
  }

  /** The mapping at this path of keys, or an empty mapping at the parent's position. */
  static YamlNode.MapNode section(YamlNode.MapNode parent, String... keys) {
    YamlNode.MapNode current = parent;
    for (String key : keys) {
      Optional<YamlNode.MapNode> next = map(current, key);
      if (next.isEmpty()) {
        return new YamlNode.MapNode(List.of(), current.position());
      }
      current = next.get();
    }
    return current;
  }

  /** Any non-empty scalar's raw text. */
  static Optional<Value<String>> string(YamlNode.MapNode map, String key) {
    return map.get(key).flatMap(Values::text);
  }

  static Optional<Value<String>> text(YamlNode node) {
    if (node instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL) {
      return Optional.of(new Value<>(s.text(), s.position()));
    }
    return Optional.empty();
  }

  static Optional<Value<Integer>> integer(YamlNode.MapNode map, String key) {
    return map.get(key)
        .filter(n -> n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.INT)
        .map(YamlNode.Scalar.class::cast)
        .filter(s -> SchemaChecker.fitsInt(s.text()))
        .map(s -> new Value<>(Integer.parseInt(s.text()), s.position()));
  }

  static Optional<Value<Double>> number(YamlNode.MapNode map, String key) {
    return map.get(key)
        .filter(
            n ->
                n instanceof YamlNode.Scalar s
                    && (s.kind() == YamlNode.Kind.INT || s.kind() == YamlNode.Kind.FLOAT))
        .map(YamlNode.Scalar.class::cast)
        .map(s -> new Value<>(Double.parseDouble(s.text()), s.position()))
        .filter(v -> Double.isFinite(v.value()));
  }

  static Optional<Value<Boolean>> bool(YamlNode.MapNode map, String key) {
    return map.get(key)
        .filter(n -> n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOL)
        .map(n -> new Value<>(((YamlNode.Scalar) n).text().equals("true"), n.position()));
  }

  /** The items of the list at this key; none when absent or not a list. */
  static List<YamlNode> items(YamlNode.MapNode map, String key) {
    return map.get(key)
        .filter(YamlNode.ListNode.class::isInstance)
        .map(n -> ((YamlNode.ListNode) n).items())
        .orElse(List.of());
  }

  /** The text items of the list at this key, skipping items that are not scalars. */
  static List<Value<String>> strings(YamlNode.MapNode map, String key) {
    List<Value<String>> out = new ArrayList<>();
    for (YamlNode item : items(map, key)) {
      text(item).ifPresent(out::add);
    }
    return out;
  }

  /** The entries of the mapping at this key (owners, env_vars); none when absent. */
  static List<YamlNode.Entry> entries(YamlNode.MapNode map, String key) {
    return map(map, key).map(YamlNode.MapNode::entries).orElse(List.of());
  }
}
