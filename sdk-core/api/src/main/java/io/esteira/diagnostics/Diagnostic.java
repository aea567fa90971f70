package io.esteira.diagnostics;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a pipeline: what, where, and how to fix it.
 *
 * @param severity error or warning
 * @param message the catalogue entry; its code is stable, so tests and users can refer to it
 * @param text the full human text, remedy included, as {@link Message#format} made it
 * @param position where the problem is, when it is at one place in a file
 */
public record Diagnostic(
    Severity severity, Message message, String text, Optional<SourcePosition> position) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(position, "position");
  }

  /** An error of this catalogue entry at this position (or none), its arguments filled in. */
  public static Diagnostic error(Message message, SourcePosition position, Object... args) {
    return new Diagnostic(
        Severity.ERROR, message, message.format(args), Optional.ofNullable(position));
  }

  /** A warning of this catalogue entry at this position (or none), its arguments filled in. */
  public static Diagnostic warning(Message message, SourcePosition position, Object... args) {
    return new Diagnostic(
        Severity.WARNING, message, message.format(args), Optional.ofNullable(position));
  }

  /** The stable code, such as {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. */
  public String code() {
    return message.code();
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The line printed for the user, as compilers print theirs: {@code config.yaml:12:9: error:
   * [ESTEIRA-CONFIG-UNKNOWN-KEY] unknown key ...}.
   */
  public String render() {
    String where = position.map(p -> p + ": ").orElse("");
    return where + severity.label() + ": [" + code() + "] " + text;
  }

  @Override
  public String toString() {
    return render();
  }
}
