package io.esteira.processor;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Message;
import io.esteira.processor.PipelineSource.StepSource;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.util.Elements;

/**
 * Places the core's diagnostics on Java source. A diagnostic about a step method lands on that
 * method's {@code @Step}, on the attribute its code is about when the source writes one ({@code
 * after} for dependencies and cycles, {@code memoryGb} for memory that does not fit). Everything
 * else, problems in {@code config.yaml} included, lands on the {@code @Pipeline} class, whose
 * message then starts with the file, line and column.
 */
final class DiagnosticRouter {

  /** The core names a code attribute as {@code '@Step(timeout)'} in range errors. */
  private static final Pattern ATTRIBUTE = Pattern.compile("^'@Step\\((\\w+)\\)'");

  private final PipelineSource source;
  private final String className;

  DiagnosticRouter(PipelineSource source, Elements elements) {
    this.source = source;
    this.className = source.className(elements);
  }

  Problem place(Diagnostic diagnostic) {
    OptionalInt index = Locations.stepIndex(diagnostic.position(), className);
    if (index.isPresent() && index.getAsInt() < source.steps().size()) {
      StepSource step = source.steps().get(index.getAsInt());
      String attribute = attribute(diagnostic);
      AnnotationValue value = Annotations.written(step.mirror(), attribute);
      if (value != null && diagnostic.message() == EngineMessage.STEP_UNKNOWN_DEPENDENCY) {
        value = unknownItem(value, diagnostic.text());
      }
      return new Problem(diagnostic, step.method(), step.mirror(), value);
    }
    AnnotationMirror pipeline = source.mirror();
    AnnotationValue value = null;
    if (diagnostic.position().isEmpty()) {
      value = Annotations.written(pipeline, pipelineAttribute(diagnostic.message()));
    }
    return new Problem(diagnostic, source.type(), pipeline, value);
  }

  /**
   * The item of an {@code after} array that names the unknown step, so a list written over several
   * lines is reported at the right one; the whole array when none matches.
   */
  private static AnnotationValue unknownItem(AnnotationValue after, String text) {
    if (after.getValue() instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof AnnotationValue v
            && text.contains("depends on '" + v.getValue() + "', which")) {
          return v;
        }
      }
    }
    return after;
  }

  /** The {@code @Step} attribute a step diagnostic is about, or "" for the annotation itself. */
  private static String attribute(Diagnostic diagnostic) {
    if (!(diagnostic.message() instanceof EngineMessage message)) {
      return "";
    }
    String text = diagnostic.text();
    switch (message) {
      case STEP_UNKNOWN_DEPENDENCY, STEP_CYCLE, ASL_ADDED_WAIT:
        return "after";
      case CONFIG_STEP_ID,
      ASL_STATE_NAME_TOO_LONG,
      ASL_STATE_NAME_CHARACTERS,
      ASL_STATE_NAME_DUPLICATE:
        return "id";
      case CONFIG_STEP_DOES_NOT_FIT:
        return text.contains(" of memory") ? "memoryGb" : "cpu";
      case CONFIG_OUT_OF_RANGE:
        Matcher m = ATTRIBUTE.matcher(text);
        if (m.find()) {
          return m.group(1);
        }
        return text.startsWith("'timeout_seconds'") ? "timeout" : "";
      default:
        return "";
    }
  }

  private static String pipelineAttribute(Message message) {
    if (!(message instanceof EngineMessage engineMessage)) {
      return "";
    }
    return switch (engineMessage) {
      case CONFIG_PROJECT_NAME, ARTIFACTS_DUPLICATE_PROJECT -> "name";
      case CONFIG_VERSION -> "version";
      default -> "";
    };
  }
}
