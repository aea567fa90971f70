package io.esteira.processor;

import io.esteira.diagnostics.SourcePosition;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Positions the core gives back for {@code @Step} methods. The core only knows files and lines, so
 * each code step is handed a position that names it: the pipeline class and the step's index. The
 * router maps such a position back to the method element.
 */
final class Locations {

  private static final String PREFIX = "@Step in ";

  private Locations() {}

  /** The position standing for the {@code index}th step method of this class. */
  static SourcePosition step(String className, int index) {
    return new SourcePosition(PREFIX + className, index + 1, 0);
  }

  /** Whether the position stands for a step method rather than a place in a file. */
  static boolean isCode(SourcePosition position) {
    return position.file().startsWith(PREFIX);
  }

  /** The index of the step method this position stands for, when it is one of this class. */
  static OptionalInt stepIndex(Optional<SourcePosition> position, String className) {
    if (position.isPresent()
        && position.get().file().equals(PREFIX + className)
        && position.get().line() > 0) {
      return OptionalInt.of(position.get().line() - 1);
    }
    return OptionalInt.empty();
  }
}
