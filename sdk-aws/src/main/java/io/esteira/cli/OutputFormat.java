package io.esteira.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/** What {@code esteira plan --output} prints: text for people, or one JSON document. */
enum OutputFormat {
  TEXT,
  JSON;

  /** The name on the command line: {@code text}, {@code json}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code text} or {@code json}, any case. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.toString().equalsIgnoreCase(value.strip())) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an output format; use text or json");
    }
  }

  /** The values shell completion offers, and the help lists. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(OutputFormat::toString).iterator();
    }
  }
}
