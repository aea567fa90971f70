package io.esteira.core.schedule;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Message;
import io.esteira.diagnostics.SourcePosition;

/**
 * Reports the problems of one schedule value, all at the value's position in config.yaml, and
 * remembers whether there were any.
 */
final class Reporter {

  private final String source;
  private final SourcePosition where;
  private final Diagnostics out;
  private int errors;

  Reporter(String source, SourcePosition where, Diagnostics out) {
    this.source = source;
    this.where = where;
    this.out = out;
  }

  /** The value as written, for messages. */
  String source() {
    return source;
  }

  /** A problem with one field of a cron expression: what is wrong, then how to fix it. */
  void field(String problem, String fix) {
    error(EngineMessage.SCHEDULE_CRON_FIELD, problem, source, fix);
  }

  /** A problem with a rate expression: what is wrong, then how to fix it. */
  void rate(String problem, String fix) {
    error(EngineMessage.SCHEDULE_RATE, problem, source, fix);
  }

  void error(Message message, Object... args) {
    out.error(message, where, args);
    errors++;
  }

  /** Errors reported so far; callers compare counts to see whether one part added any. */
  int errors() {
    return errors;
  }
}
