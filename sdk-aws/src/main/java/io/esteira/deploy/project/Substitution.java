package io.esteira.deploy.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Fills the {@code ${Name}} placeholders of an artifact with real values, only on the sites the
 * generator writes them to ({@link PlaceholderSites}): textual inside such a string; an array
 * element that is exactly a list placeholder becomes the list's elements. Every other string is the
 * user's or the generator's literal text and is left as it is, {@code ${...}} included. A
 * placeholder on a site without a value is refused, never left in what goes to AWS.
 */
public final class Substitution {

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

  /** The artifact's JSON with the placeholders on its sites filled (a new tree). */
  public JsonNode fill(Artifact artifact, String json) {
    JsonNode root = parse(json);
    List<PlaceholderSites.Site> sites = PlaceholderSites.find(artifact, root);
    // Backwards, so that expanding a list does not move the array elements still to be filled.
    for (int i = sites.size() - 1; i >= 0; i--) {
      PlaceholderSites.Site site = sites.get(i);
      List<String> list = site.inArray() ? lists.get(site.text()) : null;
      if (list != null) {
        ArrayNode array = (ArrayNode) site.parent();
        array.remove(site.index());
        for (int at = list.size() - 1; at >= 0; at--) {
          array.insert(site.index(), list.get(at));
        }
      } else if (site.inArray()) {
        ((ArrayNode) site.parent()).set(site.index(), TextNode.valueOf(text(site.text())));
      } else {
        ((ObjectNode) site.parent()).put(site.field(), text(site.text()));
      }
    }
    return root;
  }

  private String text(String text) {
    if (!text.contains("${")) {
      return text;
    }
    Matcher matcher = PlaceholderSites.pattern().matcher(text);
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

  /** The placeholders on the sites of an artifact, each once, in order of appearance. */
  public static List<String> placeholdersIn(Artifact artifact, String json) {
    return PlaceholderSites.placeholders(artifact, parse(json));
  }

  private static JsonNode parse(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("artifact is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
