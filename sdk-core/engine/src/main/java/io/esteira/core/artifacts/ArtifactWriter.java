package io.esteira.core.artifacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a project's artifacts to {@code <out>/<project>/}, all or nothing, and removes artifacts
 * an earlier run left there that this run no longer generates.
 *
 * <p>Every file is first written whole into a fresh directory beside the target, on the same file
 * system; only then is the set moved into place (the directory itself when the target is new, file
 * by file with atomic renames otherwise). So an error while writing leaves the previous set as it
 * was and no file is ever seen half-written. Files in the target that are not Esteira artifacts are
 * left alone.
 */
public final class ArtifactWriter {

  private ArtifactWriter() {}

  /**
   * What a write did.
   *
   * @param directory {@code <out>/<project>}
   * @param written the files written, in the order of {@link ProjectArtifacts#files}
   * @param removed stale artifacts deleted, sorted by name
   */
  public record Written(Path directory, List<Path> written, List<Path> removed) {
    public Written {
      written = List.copyOf(written);
      removed = List.copyOf(removed);
    }
  }

  /**
   * Writes the artifacts under {@code outDir}.
   *
   * @throws IllegalStateException when the artifacts carry an error: a failed pipeline writes
   *     nothing
   * @throws IOException when the file system refuses; the target is then as it was before
   */
  public static Written write(Path outDir, ProjectArtifacts artifacts) throws IOException {
    if (artifacts.hasErrors()) {
      throw new IllegalStateException(
          "project " + artifacts.project() + " has errors; a pipeline with errors writes nothing");
    }
    checkSegment(artifacts.project(), "project name");
    artifacts.files().keySet().forEach(name -> checkSegment(name, "artifact file name"));

    Files.createDirectories(outDir);
    Path target = outDir.resolve(artifacts.project());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
      throw new NotDirectoryException(target.toString());
    }
    Path staging = outDir.resolve("." + artifacts.project() + ".tmp-" + UUID.randomUUID());
    Files.createDirectory(staging);
    try {
      for (Map.Entry<String, String> file : artifacts.files().entrySet()) {
        Files.writeString(
            staging.resolve(file.getKey()),
            file.getValue(),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      }
      List<Path> written = new ArrayList<>();
      artifacts.files().keySet().forEach(name -> written.add(target.resolve(name)));
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try {
          move(staging, target);
          return new Written(target, written, List.of());
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
          // Another run created the target meanwhile: fall through to file-by-file replacement.
        }
      }
      for (String name : artifacts.files().keySet()) {
        move(staging.resolve(name), target.resolve(name));
      }
      return new Written(target, written, removeStale(target, artifacts));
    } finally {
      deleteTree(staging);
    }
  }

  private static List<Path> removeStale(Path target, ProjectArtifacts artifacts)
      throws IOException {
    List<Path> stale;
    try (Stream<Path> files = Files.list(target)) {
      stale =
          files
              .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
              .filter(f -> ProjectArtifacts.isArtifactFile(f.getFileName().toString()))
              .filter(f -> !artifacts.files().containsKey(f.getFileName().toString()))
              .sorted(Comparator.comparing(f -> f.getFileName().toString()))
              .toList();
    }
    for (Path file : stale) {
      Files.deleteIfExists(file);
    }
    return stale;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A name must stay one path segment, so nothing is written outside the project directory. */
  private static void checkSegment(String name, String what) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.contains("/")
        || name.contains("\\")
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a usable " + what + ": '" + name + "'");
    }
  }
}
