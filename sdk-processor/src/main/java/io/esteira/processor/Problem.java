package io.esteira.processor;

import io.esteira.diagnostics.Diagnostic;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * A diagnostic and the source it belongs to: the element, and where known the annotation and the
 * value at fault, so javac prints the line of the value and an IDE underlines it.
 *
 * @param diagnostic what is wrong
 * @param element the class or method at fault, or null for the compilation as a whole
 * @param mirror the annotation at fault, or null
 * @param value the annotation value at fault, or null
 */
record Problem(
    Diagnostic diagnostic, Element element, AnnotationMirror mirror, AnnotationValue value) {

  boolean isError() {
    return diagnostic.isError();
  }

  /**
   * The compiler message: the code, the text, and for a problem in {@code config.yaml} its {@code
   * file:line:column} first, since javac can only point at Java source.
   */
  String text() {
    String where = diagnostic.position().map(p -> p + ": ").orElse("");
    return where + "[" + diagnostic.code() + "] " + diagnostic.text();
  }

  void printTo(Messager messager) {
    Kind kind = diagnostic.isError() ? Kind.ERROR : Kind.WARNING;
    if (element == null) {
      messager.printMessage(kind, text());
    } else if (mirror == null) {
      messager.printMessage(kind, text(), element);
    } else if (value == null) {
      messager.printMessage(kind, text(), element, mirror);
    } else {
      messager.printMessage(kind, text(), element, mirror, value);
    }
  }
}
