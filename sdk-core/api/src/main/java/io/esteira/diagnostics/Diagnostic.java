package io.esteira.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in a pipeline: what, with which values, where, and how to fix it.
 *
 * <p>A diagnostic keeps its catalogue entry, the arguments that fill it and a typed {@link Origin},
 * so code that acts on it (the annotation processor placing it on an annotation value, a test)
 * reads data instead of parsing the text. The text is made from these on demand.
 *
 * @param severity error or warning
 * @param message the catalogue entry; its code is stable, so tests and users can refer to it
 * @param args the values {@link Message#format} fills in, in order; strings, numbers, booleans and
 *     enum constants are kept as they are, anything else as its {@code toString()}, so a diagnostic
 *     holds plain values only (and no compiler types)
 * @param origin where the problem comes from, when it comes from one place
 */
public record Diagnostic(
    Severity severity, Message message, List<Object> args, Optional<Origin> origin) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(origin, "origin");
    args = plain(args);
  }

  /** An error of this catalogue entry from this origin (or none), with these arguments. */
  public static Diagnostic error(Message message, Origin origin, Object... args) {
    return new Diagnostic(Severity.ERROR, message, list(args), Optional.ofNullable(origin));
  }

  /** A warning of this catalogue entry from this origin (or none), with these arguments. */
  public static Diagnostic warning(Message message, Origin origin, Object... args) {
    return new Diagnostic(Severity.WARNING, message, list(args), Optional.ofNullable(origin));
  }

  /** The stable code, such as {@code ESTEIRA-CONFIG-UNKNOWN-KEY}. */
  public String code() {
    return message.code();
  }

  /** The full human text, remedy included, as {@link Message#format} makes it of the arguments. */
  public String text() {
    return message.format(args.toArray());
  }

  /** The place in a file, when the origin is one (and not an annotation attribute). */
  public Optional<SourcePosition> position() {
    return origin.filter(SourcePosition.class::isInstance).map(SourcePosition.class::cast);
  }

  /** The same diagnostic from another origin, such as a file renamed for the user. */
  public Diagnostic at(Origin other) {
    return new Diagnostic(severity, message, args, Optional.ofNullable(other));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * The line printed for the user, as compilers print theirs: {@code config.yaml:12:9: error:
   * [ESTEIRA-CONFIG-UNKNOWN-KEY] unknown key ...}. Only a file position is printed first; an
   * annotation origin is shown by placing the message on the source instead.
   */
  public String render() {
    String where = position().map(p -> p + ": ").orElse("");
    return where + severity.label() + ": [" + code() + "] " + text();
  }

  @Override
  public String toString() {
    return render();
  }

  private static List<Object> list(Object[] args) {
    return args == null ? List.of() : Arrays.asList(args);
  }

  /** An unmodifiable copy holding plain values; a null argument stays null, as format prints it. */
  private static List<Object> plain(List<Object> args) {
    List<Object> copy = new ArrayList<>(args.size());
    for (Object arg : args) {
      copy.add(
          arg == null
                  || arg instanceof String
                  || arg instanceof Number
                  || arg instanceof Boolean
                  || arg instanceof Character
                  || arg instanceof Enum<?>
              ? arg
              : arg.toString());
    }
    return Collections.unmodifiableList(copy);
  }
}
