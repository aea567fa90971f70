package io.esteira.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path a run's Java steps run with, fixed when the run starts, so that editing and
 * rebuilding the project during a run changes nothing of it: every step and every retry runs the
 * code the run started with, and a rebuild racing a step's start cannot leave it with half a class
 * output.
 *
 * <p>What can change is copied: directories (the project's class output, a reactor module's
 * classes) and every jar that is not a release of a Maven repository (the project's own jar, {@code
 * -SNAPSHOT} jars, which {@code mvn install} overwrites in place). A release jar in a Maven
 * repository ({@code <group>/<artifact>/<version>/<artifact>-<version>[-<classifier>].jar}, not a
 * snapshot) never changes there and is used where it is.
 *
 * <p>Copies go to a content-addressed cache, {@value #CACHE} under the runs directory, named by the
 * SHA-256 of what they hold, so that a run of unchanged code reads its classes (to hash them) but
 * copies nothing. Every copy is hashed again once made: a copy that differs from what was hashed
 * means a build was writing the files meanwhile, and the snapshot is taken again (up to {@value
 * #TRIES} times, then the run stops with a message). The run directory then gets hard links to the
 * cached files under {@value #DIRECTORY}/ (copies where the file system has no hard links), so a
 * run keeps its class path when the cache is pruned, and {@value #LIST} lists what its steps got.
 * The cache is never written in place, and the project's files are never linked (the compiler
 * rewrites a class file in place, which would change a linked copy).
 */
final class ClasspathSnapshot {

  /** The cache's directory under the runs directory. */
  static final String CACHE = ".classpath-cache";

  /** The run's class path under its run directory. */
  static final String DIRECTORY = "classpath";

  /** The file in the run directory listing the class path the steps got, one entry a line. */
  static final String LIST = "classpath.txt";

  /** How often a snapshot is taken again when the files changed while it was taken. */
  static final int TRIES = 3;

  /** A cache entry not used for this long is deleted when the next snapshot is taken. */
  static final Duration KEEP_UNUSED = Duration.ofDays(7);

  /**
   * One entry of the class path.
   *
   * @param source the entry as the project's build listed it
   * @param cached where the cache holds its copy, or {@code source} when it is used where it is
   * @param digest what the code hash takes from it: the SHA-256 of its content (a directory's is
   *     over its files' relative paths and digests), or for a release jar its name and size
   * @param copied whether it was copied (false when used where it is)
   */
  record Entry(Path source, Path cached, String digest, boolean copied) {}

  /**
   * A taken snapshot.
   *
   * @param entries the class path's entries, in order
   * @param codeHash the SHA-256 over the entries' digests, in order
   * @param newFiles how many files this snapshot added to the cache (0 when the code was cached)
   * @param newBytes their size in bytes
   */
  record Taken(List<Entry> entries, String codeHash, long newFiles, long newBytes) {

    Taken {
      entries = List.copyOf(entries);
    }

    /** The class path over the cache, for steps loaded in this JVM. */
    List<Path> cachedClasspath() {
      return entries.stream().map(Entry::cached).toList();
    }
  }

  /** The files kept changing while the snapshot was taken: a build is writing them. */
  static final class ChangingException extends IOException {
    private static final long serialVersionUID = 1L;

    final transient Path entry;

    ChangingException(Path entry, String detail) {
      super(detail);
      this.entry = entry;
    }
  }

  private ClasspathSnapshot() {}

  /**
   * Copies what can change of {@code classpath} into the cache under {@code runsRoot} (what is not
   * there already) and hashes it. Adds to {@code made} every directory it made in the cache (the
   * cache itself when it was not there, and each new entry), even when it throws, so that a run
   * that cannot start removes what it made and nothing another runner did.
   *
   * @throws ChangingException when an entry changed while it was copied, {@value #TRIES} times
   * @throws IOException when the cache cannot be written or an entry cannot be read
   */
  static Taken take(List<Path> classpath, Path runsRoot, List<Path> made) throws IOException {
    Path cache = runsRoot.resolve(CACHE);
    makeDirectory(cache, made);
    List<Entry> entries = new ArrayList<>();
    long[] added = new long[2];
    for (Path source : classpath) {
      entries.add(entry(source, cache, added, made));
    }
    StringBuilder lines = new StringBuilder();
    entries.forEach(e -> lines.append(e.digest()).append('\n'));
    prune(cache, entries);
    return new Taken(entries, sha256(lines.toString()), added[0], added[1]);
  }

  /**
   * The class path the run's child JVMs get from {@link #place}: the run's own copies under {@value
   * #DIRECTORY}/{@code <n>-<name>}, and the release jars where they are.
   */
  static List<Path> classpath(Taken taken, Path runDirectory) {
    List<Path> classpath = new ArrayList<>();
    int index = 0;
    for (Entry entry : taken.entries()) {
      index++;
      classpath.add(
          entry.copied()
              ? runDirectory
                  .resolve(DIRECTORY)
                  .resolve(index + "-" + entry.source().getFileName())
                  .toAbsolutePath()
                  .normalize()
              : entry.source());
    }
    return List.copyOf(classpath);
  }

  /**
   * Puts the snapshot into {@code runDirectory}: hard links to the cached copies where {@link
   * #classpath} says, and {@value #LIST}.
   */
  static void place(Taken taken, Path runDirectory) throws IOException {
    List<Path> classpath = classpath(taken, runDirectory);
    for (int i = 0; i < classpath.size(); i++) {
      Entry entry = taken.entries().get(i);
      if (!entry.copied()) {
        continue;
      }
      Path target = classpath.get(i);
      if (Files.isDirectory(entry.cached())) {
        linkTree(entry.cached(), target);
      } else {
        Files.createDirectories(target.getParent());
        link(entry.cached(), target);
      }
    }
    String list = classpath.stream().map(Path::toString).collect(Collectors.joining("\n"));
    Files.writeString(runDirectory.resolve(LIST), list + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Whether {@code jar} is a release in a Maven repository's layout: {@code
   * <artifact>/<version>/<artifact>-<version>[-<classifier>].jar} with a version that is no
   * snapshot. Such a file is never replaced (a repository takes a release once).
   */
  static boolean isRelease(Path jar) {
    Path name = jar.getFileName();
    Path versionDir = jar.getParent();
    Path artifactDir = versionDir == null ? null : versionDir.getParent();
    if (name == null || versionDir == null || artifactDir == null) {
      return false;
    }
    String file = name.toString();
    String version = versionDir.getFileName().toString();
    String artifact = artifactDir.getFileName().toString();
    return file.endsWith(".jar")
        && !version.toUpperCase(java.util.Locale.ROOT).endsWith("SNAPSHOT")
        && file.startsWith(artifact + "-" + version);
  }

  private static Entry entry(Path source, Path cache, long[] added, List<Path> made)
      throws IOException {
    if (!Files.exists(source)) {
      // The JVM skips an entry that is not there; so does the hash, by name.
      return new Entry(source, source, "missing " + source.getFileName(), false);
    }
    if (Files.isRegularFile(source) && isRelease(source)) {
      return new Entry(
          source, source, "release " + source.getFileName() + " " + Files.size(source), false);
    }
    String detail = null;
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      try {
        return Files.isDirectory(source)
            ? directory(source, cache, added, made)
            : file(source, cache, added, made);
      } catch (ChangingException | NoSuchFileException e) {
        // A build is writing (or cleaning) the entry: take it again once it may have finished.
        detail = e.getMessage();
        sleep(attempt);
      }
    }
    throw new ChangingException(source, detail);
  }

  private static Entry file(Path source, Path cache, long[] added, List<Path> made)
      throws IOException {
    String digest = sha256(source);
    Path target = cache.resolve(digest).resolve(source.getFileName().toString());
    if (!Files.isRegularFile(target)) {
      makeDirectory(target.getParent(), made);
      Path temporary = cache.resolve(".tmp-" + UUID.randomUUID());
      try {
        Files.copy(source, temporary);
        String copied = sha256(temporary);
        if (!copied.equals(digest)) {
          throw new ChangingException(source, source + " changed while it was copied");
        }
        added[0]++;
        added[1] += Files.size(temporary);
        moveInto(temporary, target);
      } finally {
        deleteTree(temporary);
      }
    }
    touch(target.getParent());
    return new Entry(source, target, digest, true);
  }

  private static Entry directory(Path source, Path cache, long[] added, List<Path> made)
      throws IOException {
    String digest = treeDigest(source);
    Path target = cache.resolve(digest).resolve(source.getFileName().toString());
    if (!Files.isDirectory(target)) {
      makeDirectory(target.getParent(), made);
      Path temporary = cache.resolve(".tmp-" + UUID.randomUUID());
      try {
        long[] copied = copyTree(source, temporary);
        if (!treeDigest(temporary).equals(digest)) {
          throw new ChangingException(source, source + " changed while it was copied");
        }
        added[0] += copied[0];
        added[1] += copied[1];
        moveInto(temporary, target);
      } finally {
        deleteTree(temporary);
      }
    }
    touch(target.getParent());
    return new Entry(source, target, digest, true);
  }

  /** Makes {@code directory} (and its parents), noting it in {@code made} when it was not there. */
  private static void makeDirectory(Path directory, List<Path> made) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      made.add(directory);
    }
  }

  /**
   * Renames a finished copy to its place; another runner may have put the same copy there. The
   * caller deletes {@code temporary} when it is still there.
   *
   * <p>Renaming a directory onto one another runner has just filled fails with a plain {@link
   * java.nio.file.FileSystemException} ("Directory not empty", {@code ENOTEMPTY}) on Linux, not
   * with {@link DirectoryNotEmptyException}, so any failure is taken as that race when the target
   * is there by then: its name is the digest of what it holds, so it holds what this copy holds.
   */
  static void moveInto(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      try {
        Files.move(temporary, target);
      } catch (IOException again) {
        if (!placedMeanwhile(temporary, target)) {
          throw again;
        }
      }
    } catch (IOException e) {
      if (!placedMeanwhile(temporary, target)) {
        throw e;
      }
    }
  }

  /** Whether another runner put a copy of the same kind at {@code target}. */
  private static boolean placedMeanwhile(Path temporary, Path target) {
    return Files.isDirectory(temporary) ? Files.isDirectory(target) : Files.isRegularFile(target);
  }

  /**
   * The SHA-256 of a directory's files: over each regular file's path relative to it (with {@code
   * /}) and its content's SHA-256, sorted by path.
   */
  static String treeDigest(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (Path file : files(directory)) {
      files.put(relative(directory, file), sha256(file));
    }
    StringBuilder lines = new StringBuilder();
    files.forEach((name, digest) -> lines.append(name).append('\0').append(digest).append('\n'));
    return sha256(lines.toString());
  }

  /** Copies the regular files of {@code source} into {@code target}; returns files and bytes. */
  private static long[] copyTree(Path source, Path target) throws IOException {
    long[] copied = new long[2];
    Files.createDirectories(target);
    for (Path file : files(source)) {
      Path to = target.resolve(relative(source, file));
      Files.createDirectories(to.getParent());
      Files.copy(file, to);
      copied[0]++;
      copied[1] += Files.size(to);
    }
    return copied;
  }

  /** Links every file of the cached {@code tree} into {@code target}, made for it. */
  private static void linkTree(Path tree, Path target) throws IOException {
    Files.createDirectories(target);
    for (Path file : files(tree)) {
      Path to = target.resolve(relative(tree, file));
      Files.createDirectories(to.getParent());
      link(file, to);
    }
  }

  /** A hard link to a cached file (which is never written again), else a copy. */
  private static void link(Path cached, Path target) throws IOException {
    try {
      Files.createLink(target, cached);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<Path> files(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  /** Marks a cache entry used now, so {@link #prune} keeps it. */
  private static void touch(Path entry) throws IOException {
    Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
  }

  /**
   * Deletes the cache entries not used for {@link #KEEP_UNUSED}, and temporary copies as old, left
   * by a runner that died. Runs keep their own links, so no run loses its class path.
   */
  private static void prune(Path cache, List<Entry> used) {
    Instant before = Instant.now().minus(KEEP_UNUSED);
    List<Path> keep = used.stream().map(e -> e.cached().getParent()).toList();
    try (Stream<Path> entries = Files.list(cache)) {
      for (Path entry : entries.toList()) {
        if (keep.contains(entry) || Files.getLastModifiedTime(entry).toInstant().isAfter(before)) {
          continue;
        }
        deleteTree(entry);
      }
    } catch (IOException | UncheckedIOException e) {
      // Pruning is housekeeping: a cache that cannot be listed or cleaned still works.
    }
  }

  static void deleteTree(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Left for the next prune.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Left for the next prune.
    }
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The SHA-256 of a file's bytes, lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of a text's UTF-8 bytes, lower-case hex. */
  static String sha256(String text) {
    return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
