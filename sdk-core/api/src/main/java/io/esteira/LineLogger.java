package io.esteira;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The step logger of the launcher and the local runner: one line per message, {@code LEVEL
 * message}, on a stream that goes to the step's log (CloudWatch in a container, the attempt's log
 * file locally). Messages below {@code INFO} are dropped. No timestamp: CloudWatch and the local
 * log's reader add their own.
 *
 * <p>It lives beside {@link StepContext}, whose builder uses it by default, so this package needs
 * nothing of {@code io.esteira.runtime}, which builds step contexts on top of it.
 */
public final class LineLogger implements System.Logger {

  private final String name;
  private final PrintStream out;

  /** A logger named {@code name} printing to {@code out}. */
  public LineLogger(String name, PrintStream out) {
    this.name = Objects.requireNonNull(name, "name");
    this.out = Objects.requireNonNull(out, "out");
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean isLoggable(Level level) {
    return level != Level.OFF && level.getSeverity() >= Level.INFO.getSeverity();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    if (!isLoggable(level)) {
      return;
    }
    synchronized (out) {
      out.println(level.getName() + " " + message);
      if (thrown != null) {
        thrown.printStackTrace(out);
      }
      out.flush();
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (!isLoggable(level)) {
      return;
    }
    String message =
        params == null || params.length == 0
            ? format
            : new MessageFormat(format, Locale.ROOT).format(params);
    log(level, bundle, message, (Throwable) null);
  }
}
