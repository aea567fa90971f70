package io.esteira.diagnostics;

/** How serious a diagnostic is. Errors stop generation; warnings are printed and let it go on. */
public enum Severity {
  ERROR,
  WARNING;

  /** The word printed before the message, as compilers print it. */
  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
