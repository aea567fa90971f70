package io.esteira.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key config.yaml knows, with the type of its value and an example to show when the value has
 * the wrong type. The origin document's keys keep their names; Esteira's additions are marked below
 * and in docs/config-reference.md.
 */
final class ConfigSchema {

  private ConfigSchema() {}

  /** The shape a value must have. */
  sealed interface Shape permits Leaf, Struct, MapOf, ListOf, NameOrStruct {}

  /** The scalar types config.yaml uses. */
  enum Type {
    /** Any scalar, taken as its raw text. */
    STRING("text"),
    /** A whole number written without quotes. */
    INT("a whole number"),
    /** A number written without quotes, with or without a fraction. */
    NUMBER("a number"),
    /** {@code true} or {@code false}, without quotes. */
    BOOL("true or false");

    final String expected;

    Type(String expected) {
      this.expected = expected;
    }
  }

  /**
   * A scalar value.
   *
   * @param type what the scalar must be
   * @param example how a correct value looks, shown in the wrong-type remedy
   */
  record Leaf(Type type, String example) implements Shape {}

  /** A mapping with a fixed set of keys. */
  record Struct(Map<String, Shape> fields) implements Shape {
    Struct {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  /** A mapping whose keys the user chooses (owners, env_vars), each value of one shape. */
  record MapOf(Shape values) implements Shape {}

  /** A list whose items all have one shape. */
  record ListOf(Shape items, String example) implements Shape {}

  /** A list item that is either a plain name or a mapping ({@code mlflow.models}). */
  record NameOrStruct(Struct struct) implements Shape {}

  static final Struct RESOURCES =
      struct("cpu", leaf(Type.NUMBER, "1.0"), "memory_gb", leaf(Type.NUMBER, "4"));

  static final Struct STEP =
      struct(
          "id", leaf(Type.STRING, "extract_features"),
          "name", leaf(Type.STRING, "\"Extract Features\""),
          "command", leaf(Type.STRING, "\"python steps/extract_features.py\""),
          "resources", RESOURCES,
          // Esteira additions:
          "depends_on", new ListOf(leaf(Type.STRING, "extract_features"), "[extract_features]"),
          "timeout_seconds", leaf(Type.INT, "1800"),
          "retries", leaf(Type.INT, "1"),
          "inputs",
              new ListOf(
                  leaf(Type.STRING, "extract_features/features.csv"),
                  "[extract_features/features.csv]"),
          "outputs", new ListOf(leaf(Type.STRING, "features.csv"), "[features.csv]"));

  static final Struct SCHEDULE =
      struct(
          "enabled", leaf(Type.BOOL, "true"),
          "cron", leaf(Type.STRING, "\"0 3 * * *\""),
          "timeout_seconds", leaf(Type.INT, "3600"),
          "retries", leaf(Type.INT, "2"),
          // Esteira addition:
          "timezone", leaf(Type.STRING, "America/Sao_Paulo"));

  static final Struct RUNTIME =
      struct(
          "python_version",
          leaf(Type.STRING, "\"3.11\""),
          "requirements_file",
          leaf(Type.STRING, "\"requirements.txt\""),
          "env_vars",
          new MapOf(leaf(Type.STRING, "\"value\"")),
          // Esteira addition:
          "secrets",
          new MapOf(leaf(Type.STRING, "/recsys/prd/db-password")));

  static final Struct BATCH =
      struct(
          "enabled", leaf(Type.BOOL, "true"),
          "orchestrator", leaf(Type.STRING, "\"step_functions\""),
          "pipeline",
              struct(
                  "steps",
                  new ListOf(
                      STEP,
                      "[{id: extract_features, command: \"python steps/extract_features.py\"}]")));

  static final Struct INFRA =
      struct(
          "compute",
          struct(
              "provider", leaf(Type.STRING, "\"ec2\""),
              "ec2_type", leaf(Type.STRING, "\"t3.xlarge\""),
              "min_quantity", leaf(Type.INT, "0"),
              "max_quantity", leaf(Type.INT, "2"),
              "spot", leaf(Type.BOOL, "true")));

  static final ListOf EMAILS =
      new ListOf(leaf(Type.STRING, "ml-team@example.com"), "[a@example.com]");

  static final Struct NOTIFICATIONS = struct("on_success", EMAILS, "on_failure", EMAILS);

  /** Esteira addition: the MLflow experiment and the models the deploy gate checks. */
  static final Struct MLFLOW =
      struct(
          "experiment",
          leaf(Type.STRING, "recsys"),
          "models",
          new ListOf(
              new NameOrStruct(
                  struct(
                      "name",
                      leaf(Type.STRING, "recsys"),
                      "require",
                      new MapOf(leaf(Type.STRING, "Staging")))),
              "[recsys]"));

  /** What an {@code environments.<env>} section may hold: the top level minus two keys. */
  static final Struct ENVIRONMENT_SECTION =
      struct(
          "description", leaf(Type.STRING, "\"...\""),
          "version", leaf(Type.STRING, "\"1.0.0\""),
          "owners", new MapOf(leaf(Type.STRING, "ml-team@example.com")),
          "schedule", SCHEDULE,
          "runtime", RUNTIME,
          "batch", BATCH,
          "infra", INFRA,
          "notifications", NOTIFICATIONS,
          "mlflow", MLFLOW);

  /** Keys of the top level that an environment section may not change. */
  static final List<String> TOP_LEVEL_ONLY = List.of("project_name", "environments");

  static final Struct ROOT = root();

  private static Struct root() {
    Map<String, Shape> fields = new LinkedHashMap<>();
    fields.put("project_name", leaf(Type.STRING, "recsys"));
    fields.putAll(ENVIRONMENT_SECTION.fields());
    fields.put("environments", new MapOf(ENVIRONMENT_SECTION)); // Esteira addition
    return new Struct(fields);
  }

  /** Every dotted path of the schema to a key named {@code key}, for "it belongs under" hints. */
  static List<String> pathsOf(String key) {
    List<String> found = new ArrayList<>();
    collect(ROOT, "", key, found);
    return found;
  }

  private static void collect(Shape shape, String prefix, String key, List<String> found) {
    if (shape instanceof ListOf list) {
      collect(list.items(), prefix + "[]", key, found);
    } else if (shape instanceof NameOrStruct nos) {
      collect(nos.struct(), prefix, key, found);
    } else if (shape instanceof Struct struct) {
      struct
          .fields()
          .forEach(
              (name, child) -> {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                if (name.equals(key)) {
                  found.add(path);
                }
                if (!name.equals("environments")) {
                  collect(child, path, key, found);
                }
              });
    }
  }

  private static Leaf leaf(Type type, String example) {
    return new Leaf(type, example);
  }

  private static Struct struct(Object... namesAndShapes) {
    Map<String, Shape> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndShapes.length; i += 2) {
      fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
    }
    return new Struct(fields);
  }
}
