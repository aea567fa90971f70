package io.esteira.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compares generated text with files checked in under {@code src/test/resources/golden/}. Run the
 * tests with {@code -Desteira.golden.update=true} to rewrite the files from what the code generates
 * now (nothing fails then); review the diff before committing it.
 */
public final class GoldenFiles {

  /** The system property that switches from comparing to rewriting. */
  public static final String UPDATE_PROPERTY = "esteira.golden.update";

  private final Path root;
  private final boolean update;

  public GoldenFiles(Path root, boolean update) {
    this.root = root;
    this.update = update;
  }

  /** The module's golden directory (tests run in the module directory), mode from the property. */
  public static GoldenFiles standard() {
    return new GoldenFiles(
        Path.of("src", "test", "resources", "golden"), Boolean.getBoolean(UPDATE_PROPERTY));
  }

  public boolean updating() {
    return update;
  }

  /** Fails unless {@code actual} equals the golden file; rewrites the file in update mode. */
  public void assertMatches(String relativePath, String actual) {
    Path file = root.resolve(relativePath);
    try {
      if (update) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s is missing; %s", file, howToUpdate()).isRegularFile();
      assertThat(actual)
          .as("generated text differs from golden file %s; %s", file, howToUpdate())
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails when {@code directory} holds golden files other than {@code expected}, so an artifact
   * that is no longer generated is noticed; deletes them in update mode.
   */
  public void assertOnly(String directory, Collection<String> expected) {
    Path dir = root.resolve(directory);
    try {
      List<String> present = list(dir);
      if (update) {
        for (String name : present) {
          if (!expected.contains(name)) {
            Files.delete(dir.resolve(name));
          }
        }
        return;
      }
      assertThat(present)
          .as("golden files in %s; %s", dir, howToUpdate())
          .containsExactlyInAnyOrderElementsOf(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  private static String howToUpdate() {
    return "if the change is intended, run the test with -D"
        + UPDATE_PROPERTY
        + "=true and review the diff of the golden files";
  }
}
