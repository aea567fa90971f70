package io.esteira.deploy.project;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds every project below a directory, as the origin's {@code build_apps.sh} looped over every
 * {@code config.yaml}: the directories holding one, sorted by path. Build output, dependencies and
 * hidden directories are not searched, and a project's own subdirectories are not searched again.
 */
public final class ProjectScanner {

  private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build");

  private ProjectScanner() {}

  /** The project directories below {@code root}, sorted. */
  public static List<Path> scan(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            if (Files.isRegularFile(dir.resolve("config.yaml"))) {
              found.add(dir);
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }
}
