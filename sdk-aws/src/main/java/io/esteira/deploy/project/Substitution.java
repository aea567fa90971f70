package io.esteira.deploy.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code ${Name}} placeholders of an artifact with real values, following the rules of
 * {@link Placeholders}: textual inside a string; a string that is exactly a list placeholder, as an
 * array element, becomes the list's elements. A placeholder without a value is refused, never left
 * in what goes to AWS.
 */
public final class Substitution {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z][A-Za-z0-9]*}");

  private final Map<String, String> values;
  private final Map<String, List<String>> lists;

  /**
   * @param values placeholder (such as {@code ${Region}}) to value
   * @param lists list placeholder (such as {@code ${Subnets}}) to elements
   */
  public Substitution(Map<String, String> values, Map<String, List<String>> lists) {
    this.values = Map.copyOf(values);
    this.lists = Map.copyOf(lists);
  }

  /** A placeholder the artifact holds but this substitution has no value for. */
  public static final class UnknownPlaceholderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String placeholder;

    UnknownPlaceholderException(String placeholder) {
      super("no value for " + placeholder);
      this.placeholder = placeholder;
    }

    public String placeholder() {
      return placeholder;
    }
  }

  /** The artifact's JSON with every placeholder filled. */
  public JsonNode fill(String json) {
    try {
      return fill(Json.mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("artifact is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private JsonNode fill(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.asText()));
    }
    if (node.isArray()) {
      ArrayNode filled = Json.array();
      for (JsonNode item : node) {
        List<String> list = item.isTextual() ? lists.get(item.asText()) : null;
        if (list != null) {
          list.forEach(filled::add);
        } else {
          filled.add(fill(item));
        }
      }
      return filled;
    }
    if (node.isObject()) {
      ObjectNode filled = Json.object();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        filled.set(field.getKey(), fill(field.getValue()));
      }
      return filled;
    }
    return node;
  }

  private String text(String text) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group());
      if (value == null) {
        throw new UnknownPlaceholderException(matcher.group());
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The placeholders an artifact holds, each once, in order of appearance. */
  public static List<String> placeholdersIn(String json) {
    List<String> found = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(json);
    while (matcher.find()) {
      if (!found.contains(matcher.group())) {
        found.add(matcher.group());
      }
    }
    return found;
  }
}
