package io.esteira.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Message;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML layer on its own, with a file kind of its own: its limits and its codes are what the
 * reader uses, and every check reports a position (config.yaml's own cases are in the config tests,
 * the platform file's in sdk-aws).
 */
class YamlReaderTest {

  /** A file kind's catalogue, as config.yaml and the platform file each have one. */
  enum KindMessage implements Message {
    UNREADABLE,
    SYNTAX,
    TOO_LARGE,
    UNSAFE,
    DUPLICATE_KEY,
    WRONG_TYPE;

    @Override
    public String code() {
      return "ESTEIRA-KIND-" + name().replace('_', '-');
    }

    @Override
    public String template() {
      return "";
    }

    @Override
    public String format(Object... args) {
      return List.of(args).toString();
    }
  }

  private static final YamlMessages MESSAGES =
      new YamlMessages(
          KindMessage.UNREADABLE,
          KindMessage.SYNTAX,
          KindMessage.TOO_LARGE,
          KindMessage.UNSAFE,
          KindMessage.DUPLICATE_KEY,
          KindMessage.WRONG_TYPE);

  private static final YamlLimits SMALL = new YamlLimits(1000, 2, 4, 100, 2000);

  @TempDir Path dir;

  private final Diagnostics out = new Diagnostics();

  private Optional<YamlNode> parse(YamlLimits limits, String text) {
    return new YamlReader(limits, MESSAGES).parse("kind.yaml", text, out);
  }

  private List<String> where() {
    return out.all().stream()
        .map(d -> d.code() + " " + d.position().map(p -> p.line() + ":" + p.column()).orElse("-"))
        .toList();
  }

  @Test
  void keysAndValuesKeepTheirLineAndColumn() {
    YamlNode.MapNode root =
        (YamlNode.MapNode) parse(SMALL, "a: 1\nb:\n  - x\n  - \"3.10\"\n").orElseThrow();

    assertThat(out.all()).isEmpty();
    assertThat(root.entry("b").orElseThrow().keyPosition())
        .isEqualTo(new SourcePosition("kind.yaml", 2, 1));
    YamlNode.ListNode list = (YamlNode.ListNode) root.get("b").orElseThrow();
    assertThat(list.items())
        .containsExactly(
            new YamlNode.Scalar("x", YamlNode.Kind.STRING, new SourcePosition("kind.yaml", 3, 5)),
            new YamlNode.Scalar(
                "3.10", YamlNode.Kind.STRING, new SourcePosition("kind.yaml", 4, 5)));
    assertThat(root.get("a").orElseThrow())
        .isEqualTo(
            new YamlNode.Scalar("1", YamlNode.Kind.INT, new SourcePosition("kind.yaml", 1, 4)));
  }

  @Test
  void anEmptyDocumentIsAnEmptyScalarAtTheStart() {
    assertThat(parse(SMALL, "# nothing\n"))
        .contains(
            new YamlNode.Scalar("", YamlNode.Kind.NULL, new SourcePosition("kind.yaml", 1, 1)));
  }

  @Test
  void eachProblemIsReportedWithTheCodesOfTheFileKind() {
    parse(SMALL, "a: [\n");
    parse(SMALL, "a: 1\nb: 2\na: 3\n");
    parse(SMALL, "? [x]\n: 1\n");
    parse(SMALL, "a: !custom 1\n");

    assertThat(where())
        .containsExactlyInAnyOrder(
            "ESTEIRA-KIND-SYNTAX 2:1",
            "ESTEIRA-KIND-DUPLICATE-KEY 3:1",
            "ESTEIRA-KIND-WRONG-TYPE 1:3",
            "ESTEIRA-KIND-UNSAFE 1:4");
    assertThat(out.all())
        .filteredOn(d -> d.code().equals("ESTEIRA-KIND-DUPLICATE-KEY"))
        .extracting(Diagnostic::text)
        .containsExactly("[a, the same mapping, 1]");
  }

  @Test
  void aDuplicateKeyNamesTheFirstLineWhateverTheSizeOfTheMapping() {
    StringBuilder large = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      large.append("k").append(i).append(": ").append(i).append('\n');
    }
    large.append("k3: again\nk20: again\nk40: again\nk3: thrice\n");

    YamlNode.MapNode small = (YamlNode.MapNode) parse(SMALL, "a: 1\nb: 2\na: 3\n").orElseThrow();
    YamlNode.MapNode map =
        (YamlNode.MapNode) parse(YamlLimits.CONFIG, large.toString()).orElseThrow();

    assertThat(small.entries()).extracting(YamlNode.Entry::key).containsExactly("a", "b");
    assertThat(map.entries()).hasSize(40);
    assertThat(map.get("k3").orElseThrow())
        .isEqualTo(
            new YamlNode.Scalar("3", YamlNode.Kind.INT, new SourcePosition("kind.yaml", 3, 5)));
    assertThat(out.all())
        .extracting(d -> d.position().orElseThrow().line() + " " + d.text())
        .containsExactly(
            "3 [a, the same mapping, 1]",
            "41 [k3, the same mapping, 3]",
            "42 [k20, the same mapping, 20]",
            "43 [k40, the same mapping, 40]",
            "44 [k3, the same mapping, 3]");
  }

  @Test
  void theLimitsAreTheReadersOwn() {
    String text = "a: " + "x".repeat(1000) + "\n";

    assertThat(parse(SMALL, text)).isEmpty();
    assertThat(parse(YamlLimits.CONFIG, text)).isPresent();
    assertThat(where()).containsExactly("ESTEIRA-KIND-TOO-LARGE 0:0");
    assertThat(out.all().get(0).text()).isEqualTo("[1004, 1000]");
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
    Path file = dir.resolve("kind.yaml");
    Files.write(file, new byte[SMALL.maxBytes() + 1]);

    assertThat(new YamlReader(SMALL, MESSAGES).readFile(file, "kind.yaml", out)).isEmpty();
    assertThat(where()).containsExactly("ESTEIRA-KIND-TOO-LARGE 0:0");
  }

  @Test
  void nestingIsReportedWhereItGoesTooDeep() {
    // SMALL allows depth 4: the root mapping is level 0, so the fifth list is one too many.
    assertThat(parse(SMALL, "a: [[[[[x]]]]]\n")).isEmpty();
    assertThat(parse(SMALL, "a: [[[[x]]]]\n")).isPresent();
    assertThat(where()).containsExactly("ESTEIRA-KIND-UNSAFE 1:8");
  }

  @Test
  void absurdNestingIsReportedAtItsPlaceNotThrown() {
    String deep = "a:\n  b: " + "[".repeat(200_000) + "]".repeat(200_000) + "\n";

    assertThat(parse(new YamlLimits(500_000, 2, 4, 100, 1_000_000), deep)).isEmpty();
    assertThat(where()).containsExactly("ESTEIRA-KIND-UNSAFE 2:9");
  }

  @Test
  void anchoredBlocksAreExpandedAtMostTheLimitTimes() {
    assertThat(parse(SMALL, "a: &x [1]\nb: *x\nc: *x\n")).isPresent();
    assertThat(parse(SMALL, "a: &x [1]\nb: *x\nc: *x\nd: *x\n")).isEmpty();
    assertThat(where()).containsExactly("ESTEIRA-KIND-UNSAFE 4:1");
  }

  @Test
  void scalarAliasesCountTheirTextAtEveryUse() {
    String anchor = "a: &x " + "y".repeat(700) + "\n";

    assertThat(parse(SMALL, anchor + "b: *x\nc: [*x]\n")).isEmpty();
    // 700 at the anchor, 700 at b, then c's use passes 2,000 characters: reported at c.
    assertThat(where()).containsExactly("ESTEIRA-KIND-UNSAFE 3:1");
    assertThat(out.all().get(0).text()).contains("more than 2000 characters of text");
    assertThat(parse(SMALL, anchor + "b: *x\n")).isPresent();
  }

  @Test
  void aRecursiveAliasIsUnsafe() {
    assertThat(parse(SMALL, "a: &x\n  b: *x\n")).isEmpty();
    assertThat(out.all()).extracting(Diagnostic::code).containsExactly("ESTEIRA-KIND-UNSAFE");
  }

  @Test
  void aFileThatIsNotUtf8IsASyntaxProblemAtItsPlace() throws IOException {
    Path file = dir.resolve("kind.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', 'o', 'k', '\n', 'b', ':', ' ', (byte) 0xE7, '\n'});

    assertThat(new YamlReader(SMALL, MESSAGES).readFile(file, "kind.yaml", out)).isEmpty();
    assertThat(where()).containsExactly("ESTEIRA-KIND-SYNTAX 2:4");
  }

  @Test
  void aMissingFileIsUnreadable() {
    new YamlReader(SMALL, MESSAGES).readFile(dir.resolve("none.yaml"), "none.yaml", out);

    assertThat(where()).containsExactly("ESTEIRA-KIND-UNREADABLE 0:0");
    assertThat(out.all().get(0).text()).isEqualTo("[no such file]");
  }
}
