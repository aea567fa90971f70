package io.esteira.core.yaml;

import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A YAML node with the position it was written at, as config.yaml and the platform file use it.
 * Built by {@link YamlReader} from snakeyaml-engine's node graph, so aliases are already expanded
 * and every key is a plain string; config's overlay builds new trees from these without losing
 * positions.
 */
public sealed interface YamlNode {

  /** Where the node starts (for a merged node: where its first layer starts). */
  SourcePosition position();

  /** How the user would call this node's kind in a message: {@code a list}, {@code a mapping}. */
  String describe();

  /** The kinds a scalar resolves to under YAML's JSON schema. */
  enum Kind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  /**
   * A scalar and its raw text, as written ({@code 3.10} stays {@code "3.10"}).
   *
   * @param text the scalar's text without quotes
   * @param kind what the JSON schema resolves it to (quoted scalars are always strings)
   * @param position where the scalar starts
   */
  record Scalar(String text, Kind kind, SourcePosition position) implements YamlNode {
    @Override
    public String describe() {
      return switch (kind) {
        case NULL -> "empty";
        case BOOL -> "the boolean " + text;
        case INT -> "the whole number " + text;
        case FLOAT -> "the number " + text;
        case STRING -> "the text \"" + abbreviate(text) + "\"";
      };
    }

    private static String abbreviate(String text) {
      return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
  }

  /**
   * One {@code key: value} pair of a mapping.
   *
   * @param key the key's text
   * @param keyPosition where the key is written
   * @param value the value node
   */
  record Entry(String key, SourcePosition keyPosition, YamlNode value) {}

  /**
   * A mapping with its entries in file order. Duplicate keys are reported by the reader, which
   * keeps only the first.
   */
  record MapNode(List<Entry> entries, SourcePosition position) implements YamlNode {
    public MapNode {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return "a mapping (indented key: value lines)";
    }

    /** The first entry with this key (the reader keeps only the first of duplicates). */
    public Optional<Entry> entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }

    /** The value of this key, if the mapping has it. */
    public Optional<YamlNode> get(String key) {
      return entry(key).map(Entry::value);
    }

    /** Whether the mapping has this key. */
    public boolean has(String key) {
      return entry(key).isPresent();
    }
  }

  /** A sequence with its items in file order. */
  record ListNode(List<YamlNode> items, SourcePosition position) implements YamlNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}
