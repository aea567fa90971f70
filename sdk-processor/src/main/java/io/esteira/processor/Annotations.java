package io.esteira.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads annotation values from mirrors, so the processor needs no {@code Class} of the annotations.
 * Only values written in the source count: a value left at its default has no {@link
 * AnnotationValue} to report on, and means "unset".
 */
final class Annotations {

  static final String PIPELINE = "io.esteira.Pipeline";
  static final String STEP = "io.esteira.Step";
  static final String STEP_CONTEXT = "io.esteira.StepContext";

  private Annotations() {}

  /** The mirror of the annotation of this qualified name on the element. */
  static Optional<AnnotationMirror> find(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value written for this attribute, or null when the source leaves it at its default. */
  static AnnotationValue written(AnnotationMirror mirror, String attribute) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The written value as {@code type}; empty when unwritten. Throws {@link Unreadable} when the
   * value is not of that type, which happens only when javac already reported the source.
   */
  static <T> Optional<T> get(AnnotationMirror mirror, String attribute, Class<T> type) {
    AnnotationValue value = written(mirror, attribute);
    if (value == null) {
      return Optional.empty();
    }
    Object raw = value.getValue();
    if (!type.isInstance(raw)) {
      throw new Unreadable();
    }
    return Optional.of(type.cast(raw));
  }

  /** The written string array, each item as text. */
  static List<String> strings(AnnotationMirror mirror, String attribute) {
    AnnotationValue value = written(mirror, attribute);
    if (value == null) {
      return List.of();
    }
    Object raw = value.getValue();
    List<String> out = new ArrayList<>();
    if (raw instanceof List<?> items) {
      for (Object item : items) {
        Object v = item instanceof AnnotationValue av ? av.getValue() : item;
        if (!(v instanceof String s)) {
          throw new Unreadable();
        }
        out.add(s);
      }
      return out;
    }
    if (raw instanceof String s) {
      return List.of(s);
    }
    throw new Unreadable();
  }

  /** A value that javac could not attribute (the source does not compile); skip the pipeline. */
  static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable() {
      super("annotation value of an unexpected type", null, false, false);
    }
  }
}
