package io.esteira.deploy.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.plan.PlanItem.FieldChange;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects the fields that differ between a resource as it is and as it should be. Values print as
 * a person reads them: JSON compactly, tags as {@code key=value} lists.
 */
public final class Diff {

  private final List<FieldChange> changes = new ArrayList<>();

  /** Records {@code field} when {@code current} and {@code desired} differ. */
  public Diff field(String field, Object current, Object desired) {
    if (!Objects.equals(current, desired)) {
      changes.add(new FieldChange(field, show(current), show(desired)));
    }
    return this;
  }

  /**
   * Records the tags that are missing or have another value; tags someone else added are left
   * alone, so they are not a difference.
   */
  public Diff tags(Map<String, String> current, Map<String, String> desired) {
    Map<String, String> wrong = new TreeMap<>();
    Map<String, String> now = new TreeMap<>();
    desired.forEach(
        (key, value) -> {
          if (!value.equals(current.get(key))) {
            wrong.put(key, value);
            if (current.containsKey(key)) {
              now.put(key, current.get(key));
            }
          }
        });
    if (!wrong.isEmpty()) {
      changes.add(new FieldChange("tags", show(now), show(wrong)));
    }
    return this;
  }

  /**
   * Records each leaf of {@code desired} that {@code current} lacks or holds another value at;
   * fields only {@code current} has (AWS's defaults and read-only fields) are not compared. Arrays
   * are compared element by element, and a different length is a change of the whole array.
   */
  public Diff json(String prefix, JsonNode current, JsonNode desired) {
    if (desired.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode now = current == null || !current.isObject() ? null : current.get(field.getKey());
        json(join(prefix, field.getKey()), now, field.getValue());
      }
    } else if (desired.isArray()) {
      if (current == null || !current.isArray() || current.size() != desired.size()) {
        field(prefix, current == null ? null : current, desired);
      } else {
        for (int i = 0; i < desired.size(); i++) {
          json(prefix + "[" + i + "]", current.get(i), desired.get(i));
        }
      }
    } else if (current == null || !scalarEquals(current, desired)) {
      field(prefix, current, desired);
    }
    return this;
  }

  /** Strings and numbers that read the same ({@code "2048"} and {@code 2048}) are equal. */
  private static boolean scalarEquals(JsonNode current, JsonNode desired) {
    if (current.isNumber() && desired.isNumber()) {
      return current.decimalValue().compareTo(desired.decimalValue()) == 0;
    }
    return current.asText().equals(desired.asText()) && current.isNull() == desired.isNull();
  }

  private static String join(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  public List<FieldChange> changes() {
    return List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether a change of {@code field} was recorded, such as {@code "tags"}. */
  public boolean changed(String field) {
    return changes.stream().anyMatch(c -> c.field().equals(field));
  }

  static String show(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof JsonNode node) {
      return node.isTextual() ? node.asText() : Json.writeCompact(node).strip();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder();
      new TreeMap<>(map)
          .forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k + "=" + v));
      return out.toString();
    }
    return String.valueOf(value);
  }
}
