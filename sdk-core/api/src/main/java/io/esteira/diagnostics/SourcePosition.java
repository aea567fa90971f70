package io.esteira.diagnostics;

import java.util.Objects;

/**
 * Where a problem is: a file and a 1-based line and column. Line 0 means "the whole file". The
 * {@link Origin} of everything found in a file ({@code config.yaml}, an artifact, a platform file).
 *
 * @param file the file name as the user should see it (such as {@code config.yaml} or a path
 *     relative to where the command ran)
 * @param line 1-based line, or 0 when the problem is not at one place
 * @param column 1-based column, or 0 when unknown
 */
public record SourcePosition(String file, int line, int column) implements Origin {

  public SourcePosition {
    Objects.requireNonNull(file, "file");
  }

  /** A position naming only a file. */
  public static SourcePosition file(String file) {
    return new SourcePosition(file, 0, 0);
  }

  /** {@code file:line:column}, or less when the line or column are unknown. */
  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
