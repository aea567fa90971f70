package io.esteira.operate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * An execution history saved as {@code aws stepfunctions get-execution-history --output json}
 * prints it ({@code {"events": [...]}}, times as ISO-8601 or epoch seconds), read into the SDK's
 * own {@link HistoryEvent}s, so the code under test reads exactly what the SDK gives it. Each
 * {@code ...EventDetails} object is bound to the SDK model's builder by its field names; an unknown
 * field fails, so a fixture cannot hold a name the API does not have. A top-level {@code _about}
 * says where the fixture's shape comes from.
 */
public final class RecordedHistory {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RecordedHistory() {}

  /** The events of the fixture {@code history/<name>} next to this class. */
  public static List<HistoryEvent> load(String name) {
    try (InputStream in = RecordedHistory.class.getResourceAsStream("history/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture history/" + name);
      }
      return events(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new AssertionError("cannot read history/" + name + ": " + e.getMessage(), e);
    }
  }

  /** The execution ARN a fixture names under {@code executionArn}. */
  public static String executionArn(String name) {
    try (InputStream in = RecordedHistory.class.getResourceAsStream("history/" + name)) {
      return MAPPER.readTree(in).path("executionArn").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<HistoryEvent> events(JsonNode root) {
    List<HistoryEvent> events = new ArrayList<>();
    for (JsonNode node : root.path("events")) {
      events.add(event((ObjectNode) node));
    }
    return events;
  }

  private static HistoryEvent event(ObjectNode node) {
    HistoryEvent.Builder builder =
        HistoryEvent.builder()
            .id(node.path("id").asLong())
            .previousEventId(node.path("previousEventId").asLong())
            .type(node.path("type").asText())
            .timestamp(time(node.path("timestamp")));
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (List.of("id", "previousEventId", "type", "timestamp").contains(name)) {
        continue;
      }
      details(builder, name, field.getValue());
    }
    return builder.build();
  }

  private static void details(HistoryEvent.Builder builder, String name, JsonNode value) {
    for (Method method : HistoryEvent.Builder.class.getMethods()) {
      if (method.getName().equals(name)
          && method.getParameterCount() == 1
          && SdkPojo.class.isAssignableFrom(method.getParameterTypes()[0])) {
        try {
          Class<?> type = method.getParameterTypes()[0];
          Class<?> serializable =
              (Class<?>) type.getMethod("serializableBuilderClass").invoke(null);
          Object detailsBuilder = MAPPER.treeToValue(value, serializable);
          Object built =
              ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) detailsBuilder).build();
          method.invoke(builder, built);
          return;
        } catch (ReflectiveOperationException | IOException e) {
          throw new AssertionError("cannot read " + name + ": " + e.getMessage(), e);
        }
      }
    }
    throw new AssertionError("a history event has no field " + name);
  }

  private static Instant time(JsonNode value) {
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    return OffsetDateTime.parse(value.asText()).toInstant();
  }
}
