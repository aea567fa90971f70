package io.esteira.processor;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Origin;
import io.esteira.processor.PipelineSource.StepSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationValue;

/**
 * Places the core's diagnostics on Java source by their typed {@link Origin}, never by their text.
 * A {@link Origin.StepAttribute} lands on that step method's {@code @Step}, on the attribute's
 * value when the source writes one (on the very item of an {@code after} array); a {@link
 * Origin.PipelineAttribute} on {@code @Pipeline} and its value. Everything else, problems in {@code
 * config.yaml} included, lands on the {@code @Pipeline} annotation, and the message then starts
 * with the file, line and column.
 */
final class DiagnosticRouter {

  private final PipelineSource source;
  private final Map<String, StepSource> steps = new HashMap<>();

  DiagnosticRouter(PipelineSource source) {
    this.source = source;
    for (StepSource step : source.steps()) {
      steps.putIfAbsent(step.id(), step);
    }
  }

  Problem place(Diagnostic diagnostic) {
    Origin origin = diagnostic.origin().orElse(null);
    StepSource step =
        origin instanceof Origin.StepAttribute attribute ? steps.get(attribute.stepId()) : null;
    if (step != null) {
      Origin.StepAttribute attribute = (Origin.StepAttribute) origin;
      AnnotationValue value = Annotations.written(step.mirror(), attribute.attribute());
      if (value != null && attribute.item() != Origin.StepAttribute.WHOLE) {
        value = item(value, attribute.item());
      }
      return new Problem(diagnostic, step.method(), step.mirror(), value);
    }
    AnnotationValue value =
        origin instanceof Origin.PipelineAttribute attribute
            ? Annotations.written(source.mirror(), attribute.attribute())
            : null;
    return new Problem(diagnostic, source.type(), source.mirror(), value);
  }

  /**
   * The {@code index}th item of an array value, so a list written over several lines is reported at
   * the right line; the whole value when it is a single item written without braces.
   */
  private static AnnotationValue item(AnnotationValue array, int index) {
    if (array.getValue() instanceof List<?> items
        && index < items.size()
        && items.get(index) instanceof AnnotationValue item) {
      return item;
    }
    return array;
  }
}
