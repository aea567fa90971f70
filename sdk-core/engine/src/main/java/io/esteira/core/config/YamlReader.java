package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML text into {@link YamlNode}s with 1-based positions, safely: a size limit checked
 * before parsing, the standard tags only, bounded alias expansion and nesting, duplicate keys
 * reported.
 *
 * <p>Only snakeyaml-engine's composer runs (text to a node graph); nothing is ever constructed from
 * a tag, so no class can be instantiated by a document. The composer itself does not expand
 * aliases, so the expansion limits are enforced here, while converting.
 */
final class YamlReader {

  /**
   * The largest config.yaml accepted, in bytes: 1 MiB. A 1,000-step pipeline written one key per
   * line is about 270 KB, so real files fit with room to spare, and the limit still bounds the work
   * a hostile file can cause.
   */
  static final int MAX_BYTES = 1024 * 1024;

  /**
   * How many times anchored mappings or lists may be expanded through aliases, nested expansions
   * included: enough to share one {@code resources} block among many steps, far too few for an
   * exponential "billion laughs" document.
   */
  static final int MAX_ALIAS_USES = 50;

  /** The deepest nesting accepted; the real schema is six levels deep. */
  static final int MAX_DEPTH = 64;

  /** A bound on the expanded tree, whatever the anchors do. */
  static final int MAX_NODES = 100_000;

  private static final Set<Tag> STANDARD_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);
  private static final Pattern INT = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern FLOAT =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*)?([eE][-+]?[0-9]+)?");

  private final String fileName;
  private final Diagnostics out;
  private final Map<Node, Boolean> seen = new IdentityHashMap<>();
  private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
  private int aliasUses;
  private int nodes;
  private boolean expansionReported;
  private boolean unsafe;

  private YamlReader(String fileName, Diagnostics out) {
    this.fileName = fileName;
    this.out = out;
  }

  /**
   * The document's root, or empty after reporting why there is none usable. An empty document is an
   * empty mapping.
   */
  static Optional<YamlNode> read(String fileName, String text, Diagnostics out) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      out.error(EngineMessage.YAML_TOO_LARGE, SourcePosition.file(fileName), bytes, MAX_BYTES);
      return Optional.empty();
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(fileName)
            .setUseMarks(true)
            .setAllowDuplicateKeys(true) // reported below, with both lines
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIAS_USES * 2) // a backstop; ours reports a position
            .setCodePointLimit(MAX_BYTES + 1)
            .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(body);
    } catch (MarkedYamlEngineException e) {
      SourcePosition at =
          e.getProblemMark().or(e::getContextMark).map(m -> position(fileName, m)).orElse(null);
      out.error(
          EngineMessage.YAML_SYNTAX, at == null ? SourcePosition.file(fileName) : at, problem(e));
      return Optional.empty();
    } catch (ReaderException e) {
      out.error(
          EngineMessage.YAML_SYNTAX,
          positionOfCodePoint(fileName, body, e.getPosition()),
          String.format("the character U+%04X cannot appear in a YAML file", e.getCodePoint()));
      return Optional.empty();
    } catch (YamlEngineException e) {
      out.error(EngineMessage.YAML_UNSAFE, SourcePosition.file(fileName), e.getMessage());
      return Optional.empty();
    } catch (StackOverflowError e) {
      // The composer recurses once per nesting level; only absurd nesting gets here.
      out.error(
          EngineMessage.YAML_UNSAFE,
          SourcePosition.file(fileName),
          "the document is nested more than " + MAX_DEPTH + " levels deep");
      return Optional.empty();
    }
    if (root.isEmpty()) {
      return Optional.of(new YamlNode.MapNode(List.of(), new SourcePosition(fileName, 1, 1)));
    }
    YamlReader reader = new YamlReader(fileName, out);
    Node node = root.get();
    YamlNode converted = reader.convert(node, reader.positionOf(node), 0);
    // A document with tags or runaway aliases is not checked further: what it means is unclear,
    // and the follow-on errors would only bury the one that matters.
    return reader.unsafe ? Optional.empty() : Optional.of(converted);
  }

  private YamlNode convert(Node node, SourcePosition usedAt, int depth) {
    SourcePosition at = positionOf(node);
    if (!STANDARD_TAGS.contains(node.getTag())) {
      unsafe = true;
      out.error(
          EngineMessage.YAML_UNSAFE,
          at,
          "the tag '" + shortTag(node.getTag()) + "' is not allowed (no tags are needed here)");
    }
    if (node instanceof ScalarNode scalar) {
      return new YamlNode.Scalar(scalar.getValue(), kind(scalar), at);
    }
    if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
      return expansionLimit(node, usedAt, "the document is nested or expands too deeply");
    }
    if (onPath.containsKey(node)) {
      return expansionLimit(node, usedAt, "an alias refers to a block that contains it");
    }
    if (seen.put(node, Boolean.TRUE) != null && ++aliasUses > MAX_ALIAS_USES) {
      return expansionLimit(
          node, usedAt, "aliases repeat anchored blocks more than " + MAX_ALIAS_USES + " times");
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
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, SourcePosition> firstAt = new HashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      Node keyNode = tuple.getKeyNode();
      SourcePosition keyAt = positionOf(keyNode);
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        out.error(
            EngineMessage.CONFIG_WRONG_TYPE,
            keyAt,
            "key",
            "plain text",
            keyNode instanceof SequenceNode ? "a list" : "a mapping",
            "write keys as plain words, such as cpu:");
        continue;
      }
      String key = keyScalar.getValue();
      SourcePosition previous = firstAt.putIfAbsent(key, keyAt);
      if (previous != null) {
        out.error(
            EngineMessage.CONFIG_DUPLICATE_KEY, keyAt, key, "the same mapping", previous.line());
        continue;
      }
      entries.add(new YamlNode.Entry(key, keyAt, convert(tuple.getValueNode(), keyAt, depth + 1)));
    }
    return new YamlNode.MapNode(entries, at);
  }

  private YamlNode expansionLimit(Node node, SourcePosition usedAt, String why) {
    unsafe = true;
    if (!expansionReported) {
      expansionReported = true;
      out.error(EngineMessage.YAML_UNSAFE, usedAt, why);
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

  private static SourcePosition position(String fileName, Mark mark) {
    return new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static SourcePosition positionOfCodePoint(String fileName, String text, int index) {
    int line = 1;
    int column = 1;
    int seenPoints = 0;
    for (int i = 0;
        i < text.length() && seenPoints < index;
        i += Character.charCount(text.codePointAt(i))) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      seenPoints++;
    }
    return new SourcePosition(fileName, line, column);
  }

  private static String problem(MarkedYamlEngineException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    if (problem.contains("(TAB)")) {
      return "a tab cannot indent YAML: indent with spaces";
    }
    if (problem.startsWith("but found another document")) {
      return "a second YAML document starts here, but config.yaml holds one: remove this '---'"
          + " and merge what follows into the first";
    }
    return context == null || context.isBlank() ? problem : problem + " (" + context + ")";
  }

  private static String shortTag(Tag tag) {
    return tag.getValue().replace(Tag.PREFIX, "!!");
  }
}
