package io.esteira.runtime.store;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A run store in a directory ({@code file:} store roots): item {@code <step>/<name>} is the file
 * {@code <root>/<step>/<name>}. The local runner's is the run directory's {@code artifacts/}.
 *
 * <p>Storing copies into a temporary file next to the item and moves it into place, atomically
 * where the file system can, so a reader never sees half a file and a failed copy leaves the
 * previous item. Fetching copies too (never links), so a step that changes its input does not
 * change what the store holds for the next reader.
 */
public final class DirectoryStore implements RunStore {

  private final Path root;

  public DirectoryStore(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  /** The store of a {@code file:} root such as {@code file:/tmp/run/artifacts/}. */
  public static DirectoryStore of(URI root) {
    return new DirectoryStore(Path.of(root));
  }

  /** The directory that holds the items. */
  public Path root() {
    return root;
  }

  /** The file of item {@code <step>/<name>}, whether or not it exists. */
  public Path file(String step, String name) {
    return root.resolve(ItemNames.checkStep(step)).resolve(ItemNames.checkName("item", name));
  }

  @Override
  public void fetch(String step, String name, Path target) throws IOException {
    Path source = file(step, name);
    if (!Files.isRegularFile(source)) {
      throw new MissingItemException(
          StoreMessage.DATA_MISSING_ITEM.describe(step, name, describe(step, name), stored(step)));
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    moveIntoPlace(source, target.toAbsolutePath(), parent);
  }

  @Override
  public void store(String step, String name, Path source) throws IOException {
    Path target = file(step, name);
    Path parent = target.getParent();
    Files.createDirectories(parent);
    moveIntoPlace(source, target, parent);
  }

  @Override
  public String describe(String step, String name) {
    return file(step, name).toString();
  }

  /** The names step {@code step} stored, sorted. */
  public List<String> list(String step) throws IOException {
    Path directory = root.resolve(ItemNames.checkStep(step));
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> directory.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.contains("/.esteira-part-") && !n.startsWith(".esteira-part-"))
          .sorted()
          .toList();
    }
  }

  /** "it stored a, b" for a message, or "it stored nothing". */
  private String stored(String step) {
    try {
      List<String> names = list(step);
      return names.isEmpty() ? "it stored nothing" : "it stored " + String.join(", ", names);
    } catch (IOException e) {
      return "its outputs cannot be listed: " + e.getMessage();
    }
  }

  /** Copies {@code source} to a temporary file in {@code directory}, then moves it to target. */
  private static void moveIntoPlace(Path source, Path target, Path directory) throws IOException {
    Path part = Files.createTempFile(directory, ".esteira-part-", ".tmp");
    try {
      Files.copy(source, part, StandardCopyOption.REPLACE_EXISTING);
      try {
        Files.move(
            part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
  }

  @Override
  public String toString() {
    return "DirectoryStore[" + root + "]";
  }
}
