package io.esteira.testing;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** A logger that keeps every message, formatted, so a test can check what a step logged. */
public final class RecordingLogger implements System.Logger {

  private final List<String> messages = new ArrayList<>();

  public List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public String getName() {
    return "test";
  }

  @Override
  public boolean isLoggable(Level level) {
    return true;
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    messages.add(level + " " + message);
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    String message =
        params == null || params.length == 0
            ? format
            : new MessageFormat(format, Locale.ROOT).format(params);
    messages.add(level + " " + message);
  }
}
