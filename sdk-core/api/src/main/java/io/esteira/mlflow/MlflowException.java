package io.esteira.mlflow;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Message;

/**
 * A failure talking to MLflow or a refusal of the registry, carrying its catalogue entry so the
 * command line prints it as one line with a remedy.
 */
public final class MlflowException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, so callers can choose an exit code without parsing text. */
  public enum Kind {
    /** The caller gave something unusable: no URL, a URL that is not http(s). */
    USAGE,
    /** No answer: connection refused, timeout, unknown host. */
    UNREACHABLE,
    /** HTTP 401 or 403. */
    UNAUTHORIZED,
    /** The model or version does not exist. */
    NOT_FOUND,
    /** The server or the registry's rules refused the request; the request must change. */
    REFUSED,
    /** HTTP 5xx, or an answer that is not MLflow's JSON. */
    SERVER
  }

  private final Kind kind;
  private final transient Diagnostic diagnostic;

  public MlflowException(Kind kind, Message message, Object... args) {
    this(kind, null, message, args);
  }

  public MlflowException(Kind kind, Throwable cause, Message message, Object... args) {
    super(message.format(args), cause);
    this.kind = kind;
    this.diagnostic = Diagnostic.error(message, null, args);
  }

  public Kind kind() {
    return kind;
  }

  /** The catalogue entry, for tests and callers that map codes. */
  public Message message() {
    return diagnostic.message();
  }

  /** The error as the command line prints it. */
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
