package io.esteira.processor;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds the module's {@code config.yaml}. The option {@code -Aesteira.config=PATH} wins. Otherwise
 * the search starts at the class output directory, which the compiler knows whatever its working
 * directory (Maven runs javac in-process, so {@code user.dir} is wherever Maven was started), and
 * walks up at most {@value #MAX_LEVELS} directories: the first that holds a {@code config.yaml}
 * wins, and the walk stops at a directory holding a build file ({@code pom.xml}, {@code
 * build.gradle}, {@code build.gradle.kts}), the module's root. So {@code target/classes}, {@code
 * target/test-classes}, IntelliJ's {@code out/production/<module>} and a plain {@code javac -d out}
 * beside the module's {@code config.yaml} all find it.
 */
final class ConfigLocator {

  /** The option naming the file. */
  static final String OPTION = "esteira.config";

  static final String FILE_NAME = "config.yaml";
  static final int MAX_LEVELS = 4;
  private static final List<String> BUILD_FILES =
      List.of("pom.xml", "build.gradle", "build.gradle.kts");

  /**
   * Where the search ended.
   *
   * @param file the config file, when one was named or found
   * @param searched the directories looked in, for the message when there is none
   * @param unusable the option's value when it is not a path at all
   */
  record Located(Optional<Path> file, List<Path> searched, Optional<String> unusable) {
    Located {
      searched = List.copyOf(searched);
    }

    String describeSearch() {
      if (searched.isEmpty()) {
        return "no directory: the class output is not on the file system; use -A" + OPTION;
      }
      return String.join(", ", searched.stream().map(Path::toString).toList());
    }
  }

  private ConfigLocator() {}

  static Located locate(Map<String, String> options, Filer filer) {
    String named = options.get(OPTION);
    if (named != null && !named.isBlank()) {
      try {
        Path file = Path.of(named.strip()).toAbsolutePath().normalize();
        return new Located(Optional.of(file), List.of(), Optional.empty());
      } catch (InvalidPathException e) {
        return new Located(Optional.empty(), List.of(), Optional.of(named));
      }
    }
    return classOutput(filer)
        .map(ConfigLocator::walkUp)
        .orElse(new Located(Optional.empty(), List.of(), Optional.empty()));
  }

  /** Walks up from the class output directory, as the class documentation says. */
  static Located walkUp(Path classOutput) {
    List<Path> searched = new ArrayList<>();
    Path dir = classOutput.toAbsolutePath().normalize();
    for (int level = 0; level <= MAX_LEVELS && dir != null; level++, dir = dir.getParent()) {
      searched.add(dir);
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return new Located(Optional.of(candidate), searched, Optional.empty());
      }
      Path here = dir;
      if (BUILD_FILES.stream().anyMatch(b -> Files.isRegularFile(here.resolve(b)))) {
        break;
      }
    }
    return new Located(Optional.empty(), searched, Optional.empty());
  }

  /** The class output directory, when it is a directory of the default file system. */
  private static Optional<Path> classOutput(Filer filer) {
    try {
      FileObject probe = filer.getResource(StandardLocation.CLASS_OUTPUT, "", "esteira-probe");
      URI uri = probe.toUri();
      if (!"file".equals(uri.getScheme())) {
        return Optional.empty();
      }
      return Optional.ofNullable(Path.of(uri).getParent());
    } catch (Exception e) {
      // The compiler may refuse (no class output set); then only the option can name the file.
      return Optional.empty();
    }
  }
}
