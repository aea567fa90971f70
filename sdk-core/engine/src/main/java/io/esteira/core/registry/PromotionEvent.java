package io.esteira.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One line of a model's history: a version promoted to a stage or alias, or archived when another
 * replaced it in Production. Events live in the version's {@code esteira.history} tag.
 *
 * @param model the registered model
 * @param version the version the event happened to
 * @param action {@code promoted} or {@code archived}
 * @param to the stage or {@code @alias} it went to ({@code Archived} for an archival)
 * @param from where it stood before
 * @param by who did it
 * @param at when
 * @param commit the commit being shipped, empty when unknown
 */
public record PromotionEvent(
    String model,
    int version,
    String action,
    String to,
    String from,
    String by,
    Instant at,
    String commit) {

  public static final String PROMOTED = "promoted";
  public static final String ARCHIVED = "archived";

  static final Comparator<PromotionEvent> ORDER =
      Comparator.comparing(PromotionEvent::at)
          .thenComparing(e -> ARCHIVED.equals(e.action()) ? 0 : 1)
          .thenComparingInt(PromotionEvent::version);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code 2026-11-26T23:40:00Z recsys v4 promoted Staging -> Production by ana (commit abc)}. */
  public String describe() {
    return at
        + "  "
        + model
        + " v"
        + version
        + " "
        + action
        + " "
        + from
        + " -> "
        + to
        + " by "
        + by
        + (commit.isEmpty() ? "" : " (commit " + commit + ")");
  }

  /** The events recorded on a version; a tag that is not Esteira's JSON gives none. */
  static List<PromotionEvent> read(RegisteredVersion v) {
    List<PromotionEvent> events = new ArrayList<>();
    String text = v.tags().get(Tags.HISTORY);
    if (text == null) {
      return events;
    }
    try {
      for (JsonNode e : JSON.readTree(text)) {
        events.add(
            new PromotionEvent(
                v.model(),
                v.version(),
                e.path("action").asText(),
                e.path("to").asText(),
                e.path("from").asText(),
                e.path("by").asText(),
                Instant.parse(e.path("at").asText()),
                e.path("commit").asText("")));
      }
    } catch (JsonProcessingException | DateTimeParseException e) {
      // Someone edited the tag by hand; the version's other tags still tell its last promotion.
    }
    return events;
  }

  /** The version's history tag with this event appended. */
  String appendTo(String history) {
    ArrayNode array = JSON.createArrayNode();
    if (history != null) {
      try {
        if (JSON.readTree(history) instanceof ArrayNode existing) {
          array = existing;
        }
      } catch (JsonProcessingException e) {
        // Start over rather than fail a promotion on a hand-edited tag.
      }
    }
    ObjectNode e = array.addObject();
    e.put("action", action);
    e.put("to", to);
    e.put("from", from);
    e.put("by", by);
    e.put("at", at.toString());
    if (!commit.isEmpty()) {
      e.put("commit", commit);
    }
    return array.toString();
  }
}
