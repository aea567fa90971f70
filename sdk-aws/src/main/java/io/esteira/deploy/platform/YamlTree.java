package io.esteira.deploy.platform;

import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A small, positioned view of a YAML mapping for the platform file: snakeyaml-engine's composer
 * only (nothing is constructed from tags), each key with its line and column, unknown keys reported
 * with the list of known ones.
 */
final class YamlTree {

  /** A platform file is a few dozen lines; a bound keeps a wrong path from reading a huge file. */
  static final int MAX_CODE_POINTS = 256 * 1024;

  private final String file;
  private final Diagnostics out;

  YamlTree(String file, Diagnostics out) {
    this.file = file;
    this.out = out;
  }

  /** The document's root mapping, or empty after reporting why there is none. */
  Optional<MappingNode> root(String text) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setUseMarks(true)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(10)
            .setCodePointLimit(MAX_CODE_POINTS)
            .build();
    try {
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_SYNTAX,
            SourcePosition.file(file),
            "the platform file is not a YAML mapping of keys");
        return Optional.empty();
      }
      return Optional.of(map);
    } catch (MarkedYamlEngineException e) {
      SourcePosition at =
          e.getProblemMark().or(e::getContextMark).map(this::position).orElse(at(null));
      out.error(DeployMessage.DEPLOY_PLATFORM_SYNTAX, at, e.getProblem());
    } catch (YamlEngineException e) {
      out.error(DeployMessage.DEPLOY_PLATFORM_SYNTAX, SourcePosition.file(file), e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * The entries of a mapping by key, each key node kept for its position; keys not in {@code known}
   * are reported as errors.
   */
  Map<String, NodeTuple> entries(MappingNode map, String where, Set<String> known) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!known.contains(key)) {
        out.error(
            DeployMessage.DEPLOY_PLATFORM_UNKNOWN_KEY,
            at(tuple.getKeyNode()),
            key,
            where,
            String.join(", ", new TreeSet<>(known)));
      } else {
        entries.put(key, tuple);
      }
    }
    return entries;
  }

  /** A mapping value, or empty after reporting that it is something else. */
  Optional<MappingNode> mapping(NodeTuple entry, String key, String example) {
    if (entry.getValueNode() instanceof MappingNode map) {
      return Optional.of(map);
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        at(entry.getValueNode()),
        key,
        "not a mapping of keys",
        "write it as, for example: " + example);
    return Optional.empty();
  }

  /** A non-empty plain value, or empty after reporting what is wrong. */
  Optional<String> text(NodeTuple entry, String key, String example) {
    Node value = entry.getValueNode();
    if (value instanceof ScalarNode s && !s.getValue().isBlank()) {
      return Optional.of(s.getValue().trim());
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        at(value),
        key,
        value instanceof ScalarNode ? "empty" : "not a single value",
        "give one value, for example: " + key + ": " + example);
    return Optional.empty();
  }

  /** A list of plain values, or empty after reporting what is wrong. */
  Optional<List<String>> texts(NodeTuple entry, String key, String example) {
    if (entry.getValueNode() instanceof SequenceNode seq
        && !seq.getValue().isEmpty()
        && seq.getValue().stream()
            .allMatch(n -> n instanceof ScalarNode s && !s.getValue().isBlank())) {
      return Optional.of(
          seq.getValue().stream().map(n -> ((ScalarNode) n).getValue().trim()).toList());
    }
    out.error(
        DeployMessage.DEPLOY_PLATFORM_INVALID,
        at(entry.getValueNode()),
        key,
        "not a list of values",
        "give at least one, for example: " + key + ": " + example);
    return Optional.empty();
  }

  /** Where a node starts, or the file when the node has no mark. */
  SourcePosition at(Node node) {
    return node == null
        ? SourcePosition.file(file)
        : node.getStartMark().map(this::position).orElse(SourcePosition.file(file));
  }

  private SourcePosition position(Mark mark) {
    return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
