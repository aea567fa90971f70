package io.esteira.operate;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;

/**
 * Why an operation stopped before it did what it was asked: the diagnostics to print, and whether
 * the command line was wrong ({@link #usage()}) or the state of AWS or the input was.
 */
public final class OperateException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;
  private final boolean usage;

  public OperateException(List<Diagnostic> diagnostics, boolean usage) {
    super(diagnostics.isEmpty() ? "" : diagnostics.get(0).render());
    this.diagnostics = List.copyOf(diagnostics);
    this.usage = usage;
  }

  /** A refusal of what AWS holds, or of bad input, with one diagnostic. */
  public static OperateException failed(Diagnostic diagnostic) {
    return new OperateException(List.of(diagnostic), false);
  }

  /** A command line that names something that is not there, with one diagnostic. */
  public static OperateException usage(Diagnostic diagnostic) {
    return new OperateException(List.of(diagnostic), true);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Whether the command line was wrong (exit code 2), rather than AWS's state or the input. */
  public boolean usage() {
    return usage;
  }
}
