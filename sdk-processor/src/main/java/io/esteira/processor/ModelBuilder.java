package io.esteira.processor;

import io.esteira.core.config.CodeDefaults;
import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.model.StepAction;
import io.esteira.processor.PipelineSource.StepSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.util.Elements;

/**
 * Turns an accepted pipeline class into the code layer of the configuration. The annotations' "not
 * set" values ({@code -1}, {@code ""}, no {@code after}) become empty optionals; any other value is
 * passed on as written, so the core reports an out-of-range value such as {@code cpu = 0}.
 */
final class ModelBuilder {

  private final Elements elements;

  ModelBuilder(Elements elements) {
    this.elements = elements;
  }

  /** The code layer, or empty when a value is unreadable (javac has reported the source then). */
  Optional<CodeDefaults> build(PipelineSource source) {
    try {
      AnnotationMirror pipeline = source.mirror();
      String className = source.className(elements);
      List<CodeStep> steps = new ArrayList<>();
      for (StepSource step : source.steps()) {
        AnnotationMirror m = step.mirror();
        steps.add(
            new CodeStep(
                step.id(),
                text(m, "name"),
                new StepAction.JavaMethod(
                    className, step.method().getSimpleName().toString(), step.takesContext()),
                decimal(m, "cpu"),
                decimal(m, "memoryGb"),
                whole(m, "timeout"),
                whole(m, "retries"),
                Annotations.strings(m, "after"),
                Annotations.strings(m, "inputs"),
                Annotations.strings(m, "outputs")));
      }
      return Optional.of(
          new CodeDefaults(
              text(pipeline, "name"),
              text(pipeline, "description"),
              text(pipeline, "version"),
              steps));
    } catch (Annotations.Unreadable e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(AnnotationMirror m, String attribute) {
    return Annotations.get(m, attribute, String.class).filter(s -> !s.isEmpty());
  }

  private static OptionalDouble decimal(AnnotationMirror m, String attribute) {
    Optional<Double> value = Annotations.get(m, attribute, Double.class);
    return value.isEmpty() || value.get() == -1
        ? OptionalDouble.empty()
        : OptionalDouble.of(value.get());
  }

  private static OptionalInt whole(AnnotationMirror m, String attribute) {
    Optional<Integer> value = Annotations.get(m, attribute, Integer.class);
    return value.isEmpty() || value.get() == -1 ? OptionalInt.empty() : OptionalInt.of(value.get());
  }
}
