package io.esteira.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A {@code @Pipeline} class as the validator accepted it.
 *
 * @param type the class
 * @param mirror its {@code @Pipeline}
 * @param steps its {@code @Step} methods in declaration order
 */
record PipelineSource(TypeElement type, AnnotationMirror mirror, List<StepSource> steps) {

  PipelineSource {
    steps = List.copyOf(steps);
  }

  /** The binary name, as {@code Class.forName} and the model take it. */
  String className(Elements elements) {
    return elements.getBinaryName(type).toString();
  }

  /**
   * One {@code @Step} method.
   *
   * @param method the method
   * @param mirror its {@code @Step}
   * @param id the step id, written or derived from the method name
   * @param takesContext whether it takes the step context
   */
  record StepSource(
      ExecutableElement method, AnnotationMirror mirror, String id, boolean takesContext) {}
}
