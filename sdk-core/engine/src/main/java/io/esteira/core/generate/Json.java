package io.esteira.core.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one way Esteira builds and prints JSON, so every artifact has the same bytes for the same
 * input: two-space indent, {@code "key": value}, empty arrays as {@code []}, LF line ends and a
 * trailing newline. Object keys keep the order the generator inserted them in; generators insert in
 * a fixed order and sort where order has no meaning.
 *
 * <p>Writing walks the tree with a plain {@link JsonGenerator} (jackson-core) instead of an {@link
 * ObjectMapper}: a mapper loads and initialises a few hundred classes, which the annotation
 * processor would pay in every compilation, since javac gives it a new class loader each time. The
 * bytes are those the mapper writes for a tree with its default features. The mapper is made only
 * when something reads JSON ({@link #mapper}).
 */
public final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A new empty array. */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** The shared mapper, for reading JSON (artifacts, fixtures); made on first use. */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /** Pretty-printed JSON with a trailing newline. */
  public static String write(JsonNode node) {
    return print(node, true) + "\n";
  }

  /** Compact JSON on one line, for size checks and overrides. */
  public static String writeCompact(JsonNode node) {
    return print(node, false);
  }

  private static String print(JsonNode node, boolean pretty) {
    // Jackson's own segmented writer, as ObjectMapper.writeValueAsString uses: a StringWriter
    // appends every buffer flush to a synchronized StringBuffer.
    SegmentedStringWriter out = new SegmentedStringWriter(new BufferRecycler());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      if (pretty) {
        g.setPrettyPrinter(PRINTER.createInstance());
      }
      write(g, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a node as its own {@code serialize} does with a mapper's default features. */
  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject(node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray(node, node.size());
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          case DOUBLE -> g.writeNumber(node.doubleValue());
          case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "Esteira writes no " + node.getNodeType() + " JSON node: " + node);
    }
  }

  /** Holds the mapper, so that writing never makes one. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
