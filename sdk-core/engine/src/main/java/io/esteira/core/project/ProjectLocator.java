package io.esteira.core.project;

import io.esteira.core.EngineMessage;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds projects on disk: what a directory holds (a built Java project, an unbuilt one, YAML-only
 * projects), the {@code config.yaml} files a path names, and every project below a root.
 *
 * <p>The one place that knows the layouts: a project directory holding {@code config.yaml}, the
 * origin document's repository with projects under {@code src/projects/<name>/}, and a Java project
 * whose build wrote {@code META-INF/esteira/<project>/} ({@link BuiltArtifacts}).
 */
public final class ProjectLocator {

  /** The file a project is configured in. */
  public static final String CONFIG_FILE = "config.yaml";

  private static final Set<String> SKIPPED = Set.of("target", "node_modules", "build");

  private ProjectLocator() {}

  /**
   * What {@code dir} holds, tried in this order: built artifacts, a Java project that is not built
   * (its {@code config.yaml} alone lacks what its annotations say), YAML-only projects, nothing.
   */
  public static Located locate(Path dir) throws IOException {
    List<BuiltProject> built = BuiltArtifacts.find(dir);
    if (!built.isEmpty()) {
      return new Located.Built(built);
    }
    if (isJavaProject(dir)) {
      return new Located.NotBuilt();
    }
    List<Path> configs = configsIn(dir);
    return configs.isEmpty() ? new Located.Nothing() : new Located.Yaml(configs);
  }

  /** Whether {@code dir} is a Java project: a Maven or Gradle build, or Java sources. */
  public static boolean isJavaProject(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml"))
        || Files.isRegularFile(dir.resolve("build.gradle"))
        || Files.isRegularFile(dir.resolve("build.gradle.kts"))
        || Files.isDirectory(dir.resolve("src").resolve("main").resolve("java"));
  }

  /**
   * {@code dir/config.yaml}, else {@code dir/src/projects/*}{@code /config.yaml}, else {@code
   * dir/*}{@code /config.yaml}, each list sorted by directory name so the order is stable.
   *
   * @throws MisplacedConfigException when one of these is a directory rather than a file
   */
  public static List<Path> configsIn(Path dir) throws IOException {
    Path own = dir.resolve(CONFIG_FILE);
    requireFileIfPresent(own);
    if (Files.isRegularFile(own)) {
      return List.of(own);
    }
    List<Path> projects = childConfigs(dir.resolve("src").resolve("projects"));
    return projects.isEmpty() ? childConfigs(dir) : projects;
  }

  /** The config files one level down, sorted by directory name. */
  private static List<Path> childConfigs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .map(child -> child.resolve(CONFIG_FILE))
          .filter(ProjectLocator::existsAsFile)
          .sorted(Comparator.comparing(config -> config.getParent().getFileName().toString()))
          .toList();
    } catch (UncheckedMisplaced e) {
      throw e.getCause();
    }
  }

  private static boolean existsAsFile(Path config) {
    try {
      requireFileIfPresent(config);
    } catch (MisplacedConfigException e) {
      throw new UncheckedMisplaced(e);
    }
    return Files.isRegularFile(config);
  }

  /**
   * Fails when {@code config} exists but is not a file: a directory named {@code config.yaml} would
   * otherwise make its project vanish from every listing without a word.
   */
  private static void requireFileIfPresent(Path config) throws MisplacedConfigException {
    if (Files.exists(config) && !Files.isRegularFile(config)) {
      throw new MisplacedConfigException(
          Diagnostic.error(
              EngineMessage.PROJECT_CONFIG_NOT_A_FILE, SourcePosition.file(config.toString())));
    }
  }

  /** Carries a {@link MisplacedConfigException} out of a stream lambda. */
  private static final class UncheckedMisplaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedMisplaced(MisplacedConfigException cause) {
      super(cause);
    }

    @Override
    public synchronized MisplacedConfigException getCause() {
      return (MisplacedConfigException) super.getCause();
    }
  }

  /**
   * Every project directory below {@code root}, sorted by path, as the origin's {@code
   * build_apps.sh} looped over every {@code config.yaml}. Build output, dependencies and hidden
   * directories are not searched, and a project's own subdirectories are not searched again.
   *
   * @throws MisplacedConfigException when a {@code config.yaml} below {@code root} is a directory
   */
  public static List<Path> scan(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (!dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            requireFileIfPresent(dir.resolve(CONFIG_FILE));
            if (Files.isRegularFile(dir.resolve(CONFIG_FILE))) {
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
