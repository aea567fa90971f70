package io.esteira.core.generate.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected generator output kept under {@code src/test/resources}. Run the tests with {@code
 * -Desteira.golden.update=true} to rewrite the files from the current output, then review the diff.
 */
final class GoldenFiles {

  private static final Path DIR = Path.of("src/test/resources/io/esteira/core/generate/asl");

  private GoldenFiles() {}

  /** Asserts that {@code actual} is the text of golden file {@code name}, or rewrites it. */
  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (Boolean.getBoolean("esteira.golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(file)
          .as("golden file %s (rewrite with -Desteira.golden.update=true)", file)
          .exists();
      assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
