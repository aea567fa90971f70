package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.ConfigSchema.Leaf;
import io.esteira.core.config.ConfigSchema.ListOf;
import io.esteira.core.config.ConfigSchema.MapOf;
import io.esteira.core.config.ConfigSchema.NameOrStruct;
import io.esteira.core.config.ConfigSchema.Shape;
import io.esteira.core.config.ConfigSchema.Struct;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a config.yaml tree against {@link ConfigSchema}: unknown keys (with a did-you-mean),
 * values of the wrong type, numbers no Java int or double can hold, and the names of environment
 * sections. Later stages read values through {@link Values}, which skips what this checker
 * reported.
 */
final class SchemaChecker {

  /** Environment names: short, and usable in any AWS name or tag value. */
  static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-z][a-z0-9]{1,9}");

  private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private final Diagnostics out;

  private SchemaChecker(Diagnostics out) {
    this.out = out;
  }

  /** Reports every schema problem of the whole file, environment sections included. */
  static void check(YamlNode root, Diagnostics out) {
    new SchemaChecker(out).walk(root, ConfigSchema.ROOT, "", null);
  }

  /**
   * Walks {@code node} as {@code shape}; {@code environment} names the environment section being
   * walked, or is null at the top level.
   */
  private void walk(YamlNode node, Shape shape, String path, String environment) {
    if (isNull(node) && !(shape instanceof Leaf) && !(shape instanceof NameOrStruct)) {
      return; // an empty section is an empty mapping or list
    }
    if (shape instanceof Leaf leaf) {
      checkLeaf(node, leaf, path);
    } else if (shape instanceof Struct struct) {
      if (node instanceof YamlNode.MapNode map) {
        checkStruct(map, struct, path, environment);
      } else {
        wrongType(
            node,
            path,
            "a mapping",
            "write its keys on the lines below '" + key(path) + ":', indented");
      }
    } else if (shape instanceof MapOf mapOf) {
      if (node instanceof YamlNode.MapNode map) {
        for (YamlNode.Entry e : map.entries()) {
          walk(e.value(), mapOf.values(), child(path, e.key()), environment);
        }
      } else {
        wrongType(
            node,
            path,
            "a mapping of names to values",
            "write one 'name: value' per line below '" + key(path) + ":', indented");
      }
    } else if (shape instanceof ListOf list) {
      if (node instanceof YamlNode.ListNode items) {
        for (int i = 0; i < items.items().size(); i++) {
          walk(items.items().get(i), list.items(), path + "[" + i + "]", environment);
        }
      } else {
        wrongType(
            node,
            path,
            "a list",
            "write one item per line below '"
                + key(path)
                + ":' starting with '- ', or write "
                + key(path)
                + ": "
                + list.example());
      }
    } else if (shape instanceof NameOrStruct nameOrStruct) {
      if (node instanceof YamlNode.MapNode map) {
        checkStruct(map, nameOrStruct.struct(), path, environment);
      } else if (!(node instanceof YamlNode.Scalar) || isNull(node)) {
        wrongType(
            node, path, "a name or a mapping with 'name:'", "write - recsys, or - name: recsys");
      }
    }
  }

  private void checkStruct(YamlNode.MapNode map, Struct struct, String path, String environment) {
    for (YamlNode.Entry e : map.entries()) {
      String childPath = child(path, e.key());
      Shape child = struct.fields().get(e.key());
      if (child != null) {
        if (path.isEmpty() && e.key().equals("environments")) {
          checkEnvironments(e.value());
        } else {
          walk(e.value(), child, childPath, environment);
        }
      } else if (environment != null
          && path.equals("environments." + environment)
          && ConfigSchema.TOP_LEVEL_ONLY.contains(e.key())) {
        out.error(EngineMessage.CONFIG_NOT_IN_ENVIRONMENT, e.keyPosition(), e.key(), environment);
      } else {
        out.error(
            EngineMessage.CONFIG_UNKNOWN_KEY,
            e.keyPosition(),
            e.key(),
            path.isEmpty() ? "the top level" : path,
            unknownKeyHint(e.key(), struct));
      }
    }
  }

  private void checkEnvironments(YamlNode node) {
    if (isNull(node)) {
      return;
    }
    if (!(node instanceof YamlNode.MapNode map)) {
      wrongType(
          node,
          "environments",
          "a mapping of environment names to sections",
          "write environments: with one section per environment below it, such as 'prd:'");
      return;
    }
    for (YamlNode.Entry e : map.entries()) {
      if (!ENVIRONMENT_NAME.matcher(e.key()).matches()) {
        out.error(EngineMessage.CONFIG_ENVIRONMENT_NAME, e.keyPosition(), e.key());
      }
      walk(e.value(), ConfigSchema.ENVIRONMENT_SECTION, "environments." + e.key(), e.key());
    }
  }

  private String unknownKeyHint(String key, Struct struct) {
    String suggestion = DidYouMean.suffix(key, struct.fields().keySet());
    if (!suggestion.isEmpty()) {
      return suggestion;
    }
    List<String> elsewhere = ConfigSchema.pathsOf(key);
    if (!elsewhere.isEmpty()) {
      return "; '" + key + "' belongs at " + String.join(" or ", elsewhere) + ": move it there";
    }
    return "; the keys allowed here are " + String.join(", ", struct.fields().keySet());
  }

  private void checkLeaf(YamlNode node, Leaf leaf, String path) {
    String remedy =
        path.endsWith("]")
            ? "write the item like - " + leaf.example()
            : "write it like " + key(path) + ": " + leaf.example();
    if (!(node instanceof YamlNode.Scalar scalar) || scalar.kind() == YamlNode.Kind.NULL) {
      wrongType(node, path, leaf.type().expected, remedy);
      return;
    }
    switch (leaf.type()) {
      case STRING -> {}
      case BOOL -> {
        if (scalar.kind() != YamlNode.Kind.BOOL) {
          wrongType(node, path, leaf.type().expected, remedy + " (lower case, no quotes)");
        }
      }
      case INT -> {
        if (scalar.kind() != YamlNode.Kind.INT) {
          wrongType(node, path, leaf.type().expected, remedy + " (digits only, no quotes)");
        } else if (!fitsInt(scalar.text())) {
          out.error(
              EngineMessage.CONFIG_OUT_OF_RANGE,
              node.position(),
              path,
              scalar.text(),
              "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE,
              "use a realistic value");
        }
      }
      case NUMBER -> {
        if (scalar.kind() != YamlNode.Kind.INT && scalar.kind() != YamlNode.Kind.FLOAT) {
          wrongType(
              node,
              path,
              leaf.type().expected,
              remedy + " (no quotes, a leading 0 before the point)");
        } else if (!Double.isFinite(Double.parseDouble(scalar.text()))) {
          out.error(
              EngineMessage.CONFIG_OUT_OF_RANGE,
              node.position(),
              path,
              scalar.text(),
              "a finite number",
              "use a realistic value");
        }
      }
    }
  }

  private void wrongType(YamlNode node, String path, String expected, String remedy) {
    out.error(
        EngineMessage.CONFIG_WRONG_TYPE, node.position(), path, expected, node.describe(), remedy);
  }

  static boolean fitsInt(String digits) {
    BigInteger value = new BigInteger(digits);
    return value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0;
  }

  static boolean isNull(YamlNode node) {
    return node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The last key of a path, as the user wrote it in the file. */
  static String key(String path) {
    String last = path.substring(path.lastIndexOf('.') + 1);
    int bracket = last.indexOf('[');
    return bracket < 0 ? last : last.substring(0, bracket);
  }
}
