package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Json} writes a tree without an {@code ObjectMapper}; its bytes must be those a mapper
 * writes with the same pretty printer, for every kind of node a generator makes.
 */
class JsonTest {

  private static ObjectNode everyKindOfNode() {
    ObjectNode root = Json.object();
    root.put("text", "café \"quoted\" \\ line\nbreak \u0001 ${Placeholder}");
    root.put("int", 42).put("negative", -7).put("long", 1L << 40);
    root.put("bigInteger", new BigInteger("123456789012345678901234567890"));
    root.put("float", 1.5f).put("double", 0.25).put("wholeDouble", 2.0);
    root.put("decimal", new BigDecimal("3.50")).put("true", true).put("false", false);
    root.putNull("null");
    root.putArray("emptyArray");
    root.putObject("emptyObject");
    root.putArray("array").add(1).add("two").addNull().addObject().put("k", "v");
    root.putObject("nested").putObject("deeper").putArray("list").add(Json.array().add(3));
    return root;
  }

  @Test
  void prettyOutputEqualsTheMappersWithTheSamePrinter() throws Exception {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    String expected = new ObjectMapper().writer(printer).writeValueAsString(everyKindOfNode());

    assertThat(Json.write(everyKindOfNode())).isEqualTo(expected + "\n");
  }

  @Test
  void compactOutputEqualsTheMappers() throws Exception {
    assertThat(Json.writeCompact(everyKindOfNode()))
        .isEqualTo(new ObjectMapper().writeValueAsString(everyKindOfNode()));
  }
}
