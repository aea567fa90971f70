package io.esteira.local;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import io.esteira.local.RunRecord.StoredOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A run's store on disk: item {@code <step>/<name>} is the file {@code <run
 * dir>/artifacts/<step>/<name>}, the local counterpart of {@code s3://<bucket>/<project>/<env>/
 * <execution>/<step>/<name>}. Every write lands beside its target under a temporary name and is
 * then renamed over it, so a reader (another step, a resumed run) never sees half a file.
 */
final class LocalStore {

  /** The store's directory inside the run directory. */
  static final String DIRECTORY = "artifacts";

  /** How temporary files end; a scan skips them (a crash may leave one). */
  private static final String TEMPORARY = ".esteira-tmp";

  private final Path runDirectory;
  private final Path root;

  /** The digests of the files {@link #store} wrote; steps store from several threads at once. */
  private final Map<Path, Digested> digested = new ConcurrentHashMap<>();

  LocalStore(Path runDirectory) {
    this.runDirectory = runDirectory;
    this.root = runDirectory.resolve(DIRECTORY);
  }

  /** The store of the run in {@code runDirectory}. */
  static LocalStore of(Path runDirectory) {
    return new LocalStore(runDirectory);
  }

  Path root() {
    return root;
  }

  /**
   * The store's root as {@code ESTEIRA_STORE} gives it: a {@code file:} URI ending in {@code /}.
   */
  URI uri() {
    String uri = root.toAbsolutePath().normalize().toUri().toString();
    return URI.create(uri.endsWith("/") ? uri : uri + "/");
  }

  /**
   * The file of item {@code <step>/<name>}.
   *
   * @throws IOException when the name would leave the step's directory (the config checks names;
   *     this guards the file system against one that slipped through)
   */
  Path item(String step, String name) throws IOException {
    Path directory = root.resolve(step);
    Path file = directory.resolve(name).normalize();
    if (!file.startsWith(directory) || file.equals(directory)) {
      throw new IOException("'" + name + "' is not a relative file name inside the step's store");
    }
    return file;
  }

  /**
   * Stores the file {@code source} as item {@code <step>/<name>}, replacing an earlier one, and
   * digests it on the way, so {@link #scan} need not read it again.
   */
  void store(String step, String name, Path source) throws IOException {
    Path target = item(step, name);
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
      writeAtomically(in, target);
    }
    digested.put(target, new Digested(Stamp.of(target), HexFormat.of().formatHex(digest.digest())));
  }

  /**
   * Copies item {@code <step>/<name>} to {@code target}, replacing it.
   *
   * @throws NoSuchFileException when the store holds no such item
   */
  void fetch(String step, String name, Path target) throws IOException {
    Path item = item(step, name);
    if (!Files.isRegularFile(item)) {
      throw new NoSuchFileException(item.toString());
    }
    copyAtomically(item, target);
  }

  /** The names the step stored, sorted; empty when it stored nothing. */
  List<String> names(String step) {
    Path directory = root.resolve(step);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(TEMPORARY))
          .map(p -> directory.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * What the step stored, with sizes and SHA-256 digests, sorted by name. A file this store wrote
   * itself and that is unchanged since (same size and modification time) is not read again.
   */
  List<StoredOutput> scan(String step) throws IOException {
    List<StoredOutput> outputs = new ArrayList<>();
    for (String name : names(step)) {
      Path file = item(step, name);
      Stamp stamp = Stamp.of(file);
      Digested known = digested.get(file);
      String sha256 = known != null && known.stamp().equals(stamp) ? known.sha256() : sha256(file);
      outputs.add(
          new StoredOutput(
              name,
              stamp.size(),
              sha256,
              runDirectory.relativize(file).toString().replace('\\', '/')));
    }
    return outputs;
  }

  /**
   * Puts every item {@code step} stored in {@code other} into this store: a hard link where the
   * file system allows one (a stored file is only ever replaced by a rename, never written in
   * place, so sharing it is safe and costs no space), else a copy.
   *
   * @return the names taken, sorted
   */
  List<String> takeFrom(LocalStore other, String step) throws IOException {
    List<String> names = other.names(step);
    for (String name : names) {
      Path source = other.item(step, name);
      Path target = item(step, name);
      Files.createDirectories(target.getParent());
      try {
        Files.createLink(target, source);
      } catch (FileAlreadyExistsException e) {
        copyAtomically(source, target);
      } catch (IOException | UnsupportedOperationException e) {
        // Another file system, or one without hard links.
        copyAtomically(source, target);
      }
    }
    return names;
  }

  /** Copies {@code source} beside {@code target} under a temporary name, then renames it over. */
  static void copyAtomically(Path source, Path target) throws IOException {
    replaceWith(target, temporary -> Files.copy(source, temporary, REPLACE_EXISTING));
  }

  /** Writes the stream beside {@code target} under a temporary name, then renames it over. */
  private static void writeAtomically(InputStream in, Path target) throws IOException {
    replaceWith(target, temporary -> Files.copy(in, temporary, REPLACE_EXISTING));
  }

  /** Something that fills a temporary file. */
  private interface Fill {
    void into(Path temporary) throws IOException;
  }

  private static void replaceWith(Path target, Fill fill) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temporary = Files.createTempFile(parent, "." + target.getFileName(), TEMPORARY);
    try {
      fill.into(temporary);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /** The SHA-256 of the file's bytes, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int count;
      while ((count = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, count);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A file this store wrote, as it was then, and its digest. */
  private record Digested(Stamp stamp, String sha256) {}

  /** What tells a file changed: its size, modification time and identity (inode). */
  private record Stamp(long size, FileTime modified, Object key) {
    static Stamp of(Path file) throws IOException {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
    }
  }
}
