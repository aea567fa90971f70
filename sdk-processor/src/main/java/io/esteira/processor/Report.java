package io.esteira.processor;

import io.esteira.diagnostics.Diagnostic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Everything found while handling one subject (a {@code @Pipeline} class, a stray {@code @Step}
 * method, or the compilation as a whole), collected and then printed once.
 *
 * <p>The phases add problems and never print, so the order of the messages is the order of the
 * phases and a failure inside the processor still prints what was found before it. A report knows
 * whether it is clean, which decides whether anything is written.
 */
final class Report {

  private final Element subject;
  private final List<Problem> items = new ArrayList<>();
  private Throwable failure;

  /** A report about {@code subject}, or about the compilation as a whole when it is null. */
  Report(Element subject) {
    this.subject = subject;
  }

  void add(Problem problem) {
    items.add(problem);
  }

  void addAll(List<Problem> problems) {
    items.addAll(problems);
  }

  /** A diagnostic about the subject itself, on its {@code @Pipeline} when it has one. */
  void add(Diagnostic diagnostic) {
    items.add(new Problem(diagnostic, subject, pipelineOf(subject), null));
  }

  /** Whether no item is an error, so the subject's output may be written. */
  boolean isClean() {
    return failure == null && items.stream().noneMatch(Problem::isError);
  }

  /**
   * A bug in the processor while handling the subject: one error on the subject, and with {@code
   * verbose} the stack trace as a note after it.
   */
  void internalError(Throwable e) {
    failure = e;
  }

  /** Prints every item to the compiler, once; then the internal error, if there was one. */
  void printTo(Messager messager, boolean verbose) {
    items.forEach(p -> p.printTo(messager));
    if (failure == null) {
      return;
    }
    String what = subject == null ? "the pipelines" : subject.toString();
    String how =
        verbose
            ? "; its stack trace is in the note that follows"
            : "; compile with -A" + EsteiraProcessor.VERBOSE + " to see its stack trace";
    Problem error =
        new Problem(
            Diagnostic.error(ProcessorMessage.PROC_INTERNAL_ERROR, null, what, failure, how),
            subject,
            pipelineOf(subject),
            null);
    error.printTo(messager);
    if (verbose) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      String text = "[" + error.diagnostic().code() + "] " + trace.toString().stripTrailing();
      if (subject == null) {
        messager.printMessage(Kind.NOTE, text);
      } else {
        messager.printMessage(Kind.NOTE, text, subject);
      }
    }
  }

  private static AnnotationMirror pipelineOf(Element element) {
    return element == null ? null : Annotations.find(element, Annotations.PIPELINE).orElse(null);
  }
}
