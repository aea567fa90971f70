package io.esteira.core.yaml;

import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Converts snakeyaml-engine's composed node graph into {@link YamlNode}s, enforcing what the
 * composer does not: the standard tags only, duplicate keys, and the {@link YamlLimits} on alias
 * expansion, nesting, node count and expanded text.
 *
 * <p>The composer shares one node among every alias of its anchor, so expansion happens here, and
 * so do its limits. Each limit is reported once, at the key where the offending use is written.
 */
final class NodeConverter {

  private static final Set<Tag> STANDARD_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
  private static final Pattern INT = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");

  /**
   * From this many entries on, duplicate keys are found with a hash map; below, a scan of the
   * entries is cheaper than making one map per mapping (a 1,000-step file has thousands).
   */
  private static final int SMALL_MAP = 16;

  private final String fileName;
  private final YamlLimits limits;
  private final YamlMessages messages;
  private final Diagnostics out;
  private final Map<Node, Boolean> seen = new IdentityHashMap<>();
  private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
  private int aliasUses;
  private int nodes;
  private long expandedChars;
  private boolean expansionReported;
  private boolean unsafe;

  NodeConverter(String fileName, YamlLimits limits, YamlMessages messages, Diagnostics out) {
    this.fileName = fileName;
    this.limits = limits;
    this.messages = messages;
    this.out = out;
  }

  /**
   * Whether a tag or a limit was hit: such a document is not checked further, since what it means
   * is unclear and follow-on errors would only bury the one that matters.
   */
  boolean unsafe() {
    return unsafe;
  }

  YamlNode convert(Node root) {
    return convert(root, positionOf(root), 0);
  }

  private YamlNode convert(Node node, SourcePosition usedAt, int depth) {
    SourcePosition at = positionOf(node);
    if (!STANDARD_TAGS.contains(node.getTag())) {
      unsafe = true;
      out.error(
          messages.unsafe(),
          at,
          "the tag '" + shortTag(node.getTag()) + "' is not allowed (no tags are needed here)");
    }
    if (node instanceof ScalarNode scalar) {
      if (!charge(scalar.getValue(), usedAt)) {
        return new YamlNode.Scalar("", YamlNode.Kind.NULL, at);
      }
      return new YamlNode.Scalar(scalar.getValue(), kind(scalar), at);
    }
    if (++nodes > limits.maxNodes() || depth > limits.maxDepth()) {
      return expansionLimit(node, usedAt, "the document is nested or expands too deeply");
    }
    if (onPath.containsKey(node)) {
      return expansionLimit(node, usedAt, "an alias refers to a block that contains it");
    }
    if (seen.put(node, Boolean.TRUE) != null && ++aliasUses > limits.maxAliasUses()) {
      return expansionLimit(
          node,
          usedAt,
          "aliases repeat anchored blocks more than " + limits.maxAliasUses() + " times");
    }
    onPath.put(node, Boolean.TRUE);
    try {
      if (node instanceof SequenceNode seq) {
        List<YamlNode> items = new ArrayList<>();
        for (Node item : seq.getValue()) {
          // An alias node carries its anchor's position; the enclosing key is where it is used.
          items.add(convert(item, usedAt, depth + 1));
        }
        return new YamlNode.ListNode(items, at);
      }
      return convertMap((MappingNode) node, at, depth);
    } finally {
      onPath.remove(node);
    }
  }

  private YamlNode convertMap(MappingNode map, SourcePosition at, int depth) {
    List<YamlNode.Entry> entries = new ArrayList<>(map.getValue().size());
    // Keys seen so far, by a scan of the entries; a map only from SMALL_MAP entries on.
    Map<String, SourcePosition> firstAt = null;
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyAt = positionOf(keyNode);
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        out.error(
            messages.wrongType(),
            keyAt,
            "key",
            "plain text",
            keyNode instanceof SequenceNode ? "a list" : "a mapping",
            "write keys as plain words followed by a colon, such as name:");
        continue;
      }
      String key = keyScalar.getValue();
      if (!charge(key, keyAt)) {
        continue;
      }
      SourcePosition previous;
      if (firstAt != null) {
        previous = firstAt.putIfAbsent(key, keyAt);
      } else {
        previous = firstPosition(entries, key);
        if (previous == null && entries.size() + 1 == SMALL_MAP) {
          firstAt = new HashMap<>();
          for (YamlNode.Entry e : entries) {
            firstAt.put(e.key(), e.keyPosition());
          }
          firstAt.put(key, keyAt);
        }
      }
      if (previous != null) {
        out.error(messages.duplicateKey(), keyAt, key, "the same mapping", previous.line());
        continue;
      }
      entries.add(new YamlNode.Entry(key, keyAt, convert(tuple.getValueNode(), keyAt, depth + 1)));
    }
    return new YamlNode.MapNode(entries, at);
  }

  private static SourcePosition firstPosition(List<YamlNode.Entry> entries, String key) {
    for (YamlNode.Entry e : entries) {
      if (e.key().equals(key)) {
        return e.keyPosition();
      }
    }
    return null;
  }

  /**
   * Counts a scalar's text against {@link YamlLimits#maxExpandedChars}; false, after reporting
   * once, when it is over. Counted at every use, so an alias of a long scalar costs its length each
   * time it is used, as it will downstream.
   */
  private boolean charge(String text, SourcePosition usedAt) {
    expandedChars += text.length();
    if (expandedChars <= limits.maxExpandedChars()) {
      return true;
    }
    unsafe = true;
    if (!expansionReported) {
      expansionReported = true;
      out.error(
          messages.unsafe(),
          usedAt,
          "aliases expand the document to more than "
              + limits.maxExpandedChars()
              + " characters of text");
    }
    return false;
  }

  private YamlNode expansionLimit(Node node, SourcePosition usedAt, String why) {
    unsafe = true;
    if (!expansionReported) {
      expansionReported = true;
      out.error(messages.unsafe(), usedAt, why);
    }
    SourcePosition at = positionOf(node);
    return node instanceof SequenceNode
        ? new YamlNode.ListNode(List.of(), at)
        : new YamlNode.MapNode(List.of(), at);
  }

  private static YamlNode.Kind kind(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String text = scalar.getValue();
    // snakeyaml trusts explicit tags (!!int abc), so the text is checked again here.
    if (tag.equals(Tag.INT) && INT.matcher(text).matches()) {
      return YamlNode.Kind.INT;
    }
    if (tag.equals(Tag.FLOAT) && FLOAT.matcher(text).matches()) {
      return YamlNode.Kind.FLOAT;
    }
    if (tag.equals(Tag.BOOL) && (text.equals("true") || text.equals("false"))) {
      return YamlNode.Kind.BOOL;
    }
    if (tag.equals(Tag.NULL) && (text.isEmpty() || text.equals("null"))) {
      return YamlNode.Kind.NULL;
    }
    return YamlNode.Kind.STRING;
  }

  private SourcePosition positionOf(Node node) {
    return node.getStartMark()
        .map(m -> position(fileName, m))
        .orElse(SourcePosition.file(fileName));
  }

  static SourcePosition position(String fileName, Mark mark) {
    return new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String shortTag(Tag tag) {
    return tag.getValue().replace(Tag.PREFIX, "!!");
  }
}
