package io.esteira.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects diagnostics; validators add to it and never throw, so a user sees every problem at once.
 */
public final class Diagnostics {

  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(List<Diagnostic> diagnostics) {
    items.addAll(diagnostics);
  }

  public void error(Message message, Origin origin, Object... args) {
    add(Diagnostic.error(message, origin, args));
  }

  public void warning(Message message, Origin origin, Object... args) {
    add(Diagnostic.warning(message, origin, args));
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /**
   * All diagnostics, sorted by file, line and column (those with no file position last, such as
   * those from an annotation), then by the order they were found, so output is stable.
   */
  public List<Diagnostic> all() {
    List<Diagnostic> sorted = new ArrayList<>(items);
    sorted.sort(ORDER);
    return List.copyOf(sorted);
  }

  /** Sorts diagnostics by position; {@link List#sort} is stable, so ties keep discovery order. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.position().isEmpty())
          .thenComparing(d -> d.position().map(SourcePosition::file).orElse(""))
          .thenComparingInt(d -> d.position().map(SourcePosition::line).orElse(0))
          .thenComparingInt(d -> d.position().map(SourcePosition::column).orElse(0));
}
