package io.esteira.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A diagnostic keeps its arguments and origin as data; its text and line are made from them. */
class DiagnosticTest {

  private enum TestMessage implements Message {
    RANGE("%s is %s; it must be %s");

    private final String template;

    TestMessage(String template) {
      this.template = template;
    }

    @Override
    public String template() {
      return template;
    }

    @Override
    public String code() {
      return "ESTEIRA-TEST-" + name();
    }
  }

  @Test
  void aFilePositionIsPrintedFirstAsBefore() {
    Diagnostic d =
        Diagnostic.error(
            TestMessage.RANGE, new SourcePosition("config.yaml", 12, 9), "cpu", 0.1, "0.125");

    assertThat(d.render())
        .isEqualTo("config.yaml:12:9: error: [ESTEIRA-TEST-RANGE] cpu is 0.1; it must be 0.125");
    assertThat(d.position()).contains(new SourcePosition("config.yaml", 12, 9));
    assertThat(d.args()).containsExactly("cpu", 0.1, "0.125");
  }

  @Test
  void anAnnotationOriginIsDataAndNotAFilePosition() {
    Origin memory = Origin.step("train", "memoryGb");
    Diagnostic d = Diagnostic.warning(TestMessage.RANGE, memory, "@Step(memoryGb)", 0, "positive");

    assertThat(d.origin()).contains(memory);
    assertThat(d.position()).isEmpty();
    assertThat(d.render())
        .isEqualTo("warning: [ESTEIRA-TEST-RANGE] @Step(memoryGb) is 0; it must be positive");
    assertThat(Origin.step("a", "after").item(2))
        .isEqualTo(new Origin.StepAttribute("a", "after", 2))
        .hasToString("@Step(after[2]) of step 'a'");
  }

  @Test
  void argumentsAreAnImmutableCopyOfPlainValues() {
    Object[] args = {"x", Path.of("a", "b"), null};
    Diagnostic d = Diagnostic.error(TestMessage.RANGE, null, args);
    args[0] = "changed";

    assertThat(d.args()).containsExactly("x", Path.of("a", "b").toString(), null);
    assertThat(d.text()).isEqualTo("x is " + Path.of("a", "b") + "; it must be null");
    assertThatThrownBy(() -> d.args().set(0, "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void movingToAnotherOriginKeepsEverythingElse() {
    Diagnostic d = Diagnostic.error(TestMessage.RANGE, null, "a", "b", "c");
    Diagnostic moved = d.at(SourcePosition.file("config.yaml"));

    assertThat(moved.origin()).contains(SourcePosition.file("config.yaml"));
    assertThat(moved.at(null).origin()).isEqualTo(Optional.empty());
    assertThat(moved.at(null)).isEqualTo(d);
  }
}
