package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.project.BuiltArtifacts;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runtime class path of a built Java project, for its steps' child JVMs: the class output (or
 * the jar) first, then its dependencies.
 *
 * <p>The dependencies come from {@code target/esteira-classpath.txt}, which the
 * esteira-maven-plugin's {@code classpath} goal writes (absolute paths, joined with the platform's
 * path separator, as the maven-dependency-plugin's {@code build-classpath} goal writes them, which
 * works as well), else from the jars in {@code target/dependency/}, where {@code mvn
 * dependency:copy-dependencies} puts them. The runner does not resolve dependencies itself: the
 * build that compiled the project already did, and asking it keeps one source of truth (scopes,
 * exclusions, versions), with no Maven inside the runner.
 *
 * <p>Public for the image builder (sdk-aws JavaImageBuilder), which puts the same dependencies in a
 * Java pipeline's image, so that a step runs with the same class path locally and in AWS.
 */
public final class ProjectClasspath {

  /** The file the build writes, under {@code target/}. */
  public static final String CLASSPATH_FILE = "esteira-classpath.txt";

  /** Where {@code mvn dependency:copy-dependencies} copies jars, under {@code target/}. */
  public static final String DEPENDENCY_DIR = "dependency";

  private ProjectClasspath() {}

  /**
   * {@code classOutput} then the project's dependencies.
   *
   * @throws LocalProjectException when neither source of dependencies exists, or the file lists one
   *     that is gone
   */
  static List<Path> of(Path dir, Path classOutput) throws IOException {
    List<Path> classpath = new ArrayList<>();
    classpath.add(classOutput.toAbsolutePath().normalize());
    classpath.addAll(dependencies(dir));
    return List.copyOf(classpath);
  }

  /**
   * The runtime dependencies of the built project in {@code dir}, absolute, in the order its build
   * listed them: from {@code target/esteira-classpath.txt}, else the jars of {@code
   * target/dependency/} by name.
   *
   * @throws LocalProjectException ({@link io.esteira.core.EngineMessage#LOCAL_NO_CLASSPATH}) when
   *     neither exists, or ({@link io.esteira.core.EngineMessage#LOCAL_CLASSPATH_STALE}) when the
   *     file lists one that is gone
   */
  public static List<Path> dependencies(Path dir) throws IOException {
    Path target = dir.resolve(BuiltArtifacts.TARGET);
    Path file = target.resolve(CLASSPATH_FILE);
    Path copied = target.resolve(DEPENDENCY_DIR);
    List<Path> classpath = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      for (Path entry : parse(Files.readString(file, StandardCharsets.UTF_8), target)) {
        if (!Files.exists(entry)) {
          throw LocalProjectException.usage(
              Diagnostic.error(
                  EngineMessage.LOCAL_CLASSPATH_STALE,
                  SourcePosition.file(file.toString()),
                  entry));
        }
        classpath.add(entry);
      }
    } else if (Files.isDirectory(copied)) {
      try (Stream<Path> jars = Files.list(copied)) {
        jars.filter(j -> j.getFileName().toString().endsWith(".jar"))
            .map(j -> j.toAbsolutePath().normalize())
            .sorted()
            .forEach(classpath::add);
      }
    } else {
      throw LocalProjectException.usage(
          Diagnostic.error(
              EngineMessage.LOCAL_NO_CLASSPATH,
              SourcePosition.file(dir.toString()),
              BuiltArtifacts.TARGET + "/" + CLASSPATH_FILE,
              BuiltArtifacts.TARGET + "/" + DEPENDENCY_DIR + "/"));
    }
    return List.copyOf(classpath);
  }

  /**
   * The entries of a class path file: separated by the platform's path separator or by line breaks,
   * blank ones dropped, relative ones taken from {@code base}.
   */
  static List<Path> parse(String text, Path base) {
    List<Path> entries = new ArrayList<>();
    for (String line : text.split("\\R")) {
      for (String entry : line.split(File.pathSeparator)) {
        String trimmed = entry.strip();
        if (!trimmed.isEmpty()) {
          entries.add(base.resolve(trimmed).toAbsolutePath().normalize());
        }
      }
    }
    return entries;
  }
}
