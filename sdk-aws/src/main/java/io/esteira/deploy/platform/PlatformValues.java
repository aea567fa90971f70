package io.esteira.deploy.platform;

import io.esteira.core.yaml.YamlNode;
import io.esteira.core.yaml.YamlNode.Entry;
import io.esteira.core.yaml.YamlNode.ListNode;
import io.esteira.core.yaml.YamlNode.MapNode;
import io.esteira.core.yaml.YamlNode.Scalar;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The key and value checks of the platform file, on the engine's positioned YAML nodes: known keys,
 * required keys, mappings, plain values, patterns and numbers, each reported at its place.
 */
final class PlatformValues {

  private final String file;
  private final Diagnostics out;

  PlatformValues(String file, Diagnostics out) {
    this.file = file;
    this.out = out;
  }

  /** The entries of a mapping by key; keys not in {@code known} are reported as errors. */
  Map<String, Entry> entries(MapNode map, String where, Set<String> known) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Entry entry : map.entries()) {
      if (!known.contains(entry.key())) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_UNKNOWN_KEY,
            entry.keyPosition(),
            entry.key(),
            where,
            String.join(", ", new TreeSet<>(known)));
      } else {
        entries.put(entry.key(), entry);
      }
    }
    return entries;
  }

  /** A mapping value, or empty after reporting that it is something else. */
  Optional<MapNode> mapping(Entry entry, String key, String example) {
    if (entry.value() instanceof MapNode map) {
      return Optional.of(map);
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        entry.value().position(),
        key,
        "not a mapping of keys",
        "write it as, for example: " + example);
    return Optional.empty();
  }

  /** A non-empty plain value, or empty after reporting what is wrong. */
  Optional<String> text(Entry entry, String key, String example) {
    YamlNode value = entry.value();
    if (value instanceof Scalar s && !s.text().isBlank()) {
      return Optional.of(s.text().trim());
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        value.position(),
        key,
        value instanceof Scalar ? "empty" : "not a single value",
        "give one value, for example: " + key + ": " + example);
    return Optional.empty();
  }

  /** A list of plain values, or empty after reporting what is wrong. */
  Optional<List<String>> texts(Entry entry, String key, String example) {
    if (entry.value() instanceof ListNode list
        && !list.items().isEmpty()
        && list.items().stream().allMatch(n -> n instanceof Scalar s && !s.text().isBlank())) {
      return Optional.of(list.items().stream().map(n -> ((Scalar) n).text().trim()).toList());
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        entry.value().position(),
        key,
        "not a list of values",
        "give at least one, for example: " + key + ": " + example);
    return Optional.empty();
  }

  String required(
      Map<String, Entry> keys, String key, String example, Pattern pattern, String what) {
    return required(keys, key, example, pattern, what, SourcePosition.file(file));
  }

  String required(
      Map<String, Entry> keys,
      String key,
      String example,
      Pattern pattern,
      String what,
      SourcePosition parent) {
    Entry entry = keys.get(key.substring(key.lastIndexOf('.') + 1));
    if (entry == null) {
      missing(parent, key, key.substring(key.lastIndexOf('.') + 1) + ": " + example);
      return null;
    }
    return checked(entry, key, example, pattern, what);
  }

  String checked(Entry entry, String key, String example, Pattern pattern, String what) {
    Optional<String> value = text(entry, key, example);
    if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
      out.error(
          DeployMessage.DEPLOY_PLATFORM_INVALID,
          entry.value().position(),
          key,
          "'" + value.get() + "', not " + what,
          "give " + what + ", for example: " + example);
      return null;
    }
    return value.orElse(null);
  }

  int integer(Entry entry, String key, int fallback, int min, int max) {
    if (entry == null) {
      return fallback;
    }
    Optional<String> text = text(entry, key, Integer.toString(fallback));
    try {
      int value = Integer.parseInt(text.orElse(""));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (text.isPresent()) {
      out.error(
          DeployMessage.DEPLOY_PLATFORM_INVALID,
          entry.value().position(),
          key,
          "'" + text.get() + "'",
          "give a whole number from " + min + " to " + max);
    }
    return fallback;
  }

  void missing(String key, String example) {
    missing(SourcePosition.file(file), key, example);
  }

  void missing(SourcePosition at, String key, String example) {
    out.error(DeployMessage.DEPLOY_PLATFORM_MISSING, at, key, example);
  }
}
