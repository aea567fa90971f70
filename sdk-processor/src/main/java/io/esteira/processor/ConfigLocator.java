package io.esteira.processor;

import io.esteira.core.project.ConfigSearch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds the module's {@code config.yaml}. The option {@code -Aesteira.config=PATH} wins, and {@code
 * -Aesteira.config=none} says there is none. Otherwise the search starts at the directory above the
 * class output, which the compiler knows whatever its working directory (Maven runs javac
 * in-process, so {@code user.dir} is wherever Maven was started), and walks up to at most {@value
 * #MAX_LEVELS} directories above the class output: the first that holds a {@code config.yaml} wins,
 * and the walk stops at a directory holding a build file ({@code pom.xml}, {@code build.gradle},
 * {@code build.gradle.kts}), the module's root. So {@code target/classes}, {@code
 * target/test-classes}, IntelliJ's {@code out/production/<module>} and a plain {@code javac -d out}
 * beside the module's {@code config.yaml} all find it. The class output itself is not searched
 * ({@link ConfigSearch}, the rule the build plugin shares): Maven copies {@code
 * src/main/resources/config.yaml} there, and that copy is not the module's file.
 *
 * <p>A search that finds nothing also looks where a {@code config.yaml} is often put by mistake
 * (the resources directory, the directory above the module, a {@code config.yml}, the class
 * output), so that the warning can say where the file is and where it must be, instead of building
 * with defaults without a word.
 */
final class ConfigLocator {

  /** The option naming the file. */
  static final String OPTION = "esteira.config";

  /** The option's value that says the module has no config.yaml on purpose. */
  static final String NONE = "none";

  static final String FILE_NAME = "config.yaml";
  static final int MAX_LEVELS = 4;

  /** Where, relative to the module root, a config.yaml is put by mistake. */
  private static final List<String> MISPLACED_IN_MODULE =
      List.of("src/main/resources/config.yaml", "src/main/resources/config.yml", "config.yml");

  /**
   * Where the search ended.
   *
   * @param file the config file, when one was named or found
   * @param searched the directories looked in, for the message when there is none
   * @param unusable the option's value when it is not a path at all
   * @param none whether {@code -Aesteira.config=none} said there is no file
   * @param expected where the file must be for the search to find it (the module root, else the
   *     class output's directory), when the search ran
   * @param misplaced files that look like the module's config.yaml but are not where the search (or
   *     the option) looks, nearest first
   */
  record Located(
      Optional<Path> file,
      List<Path> searched,
      Optional<String> unusable,
      boolean none,
      Optional<Path> expected,
      List<Path> misplaced) {
    Located {
      searched = List.copyOf(searched);
      misplaced = List.copyOf(misplaced);
    }

    Located(Optional<Path> file, List<Path> searched, Optional<String> unusable) {
      this(file, searched, unusable, false, Optional.empty(), List.of());
    }

    String describeSearch() {
      if (searched.isEmpty()) {
        return "no directory: the class output is not on the file system; use -A" + OPTION;
      }
      return String.join(", ", searched.stream().map(Path::toString).toList());
    }

    /** The same search with what {@code other} found in the wrong places. */
    Located withMisplaced(Located other) {
      return new Located(file, searched, unusable, none, other.expected, other.misplaced);
    }
  }

  private ConfigLocator() {}

  static Located locate(Map<String, String> options, Filer filer) {
    String named = options.get(OPTION);
    Located walked =
        classOutput(filer)
            .map(ConfigLocator::walkUp)
            .orElse(new Located(Optional.empty(), List.of(), Optional.empty()));
    if (named == null || named.isBlank()) {
      return walked;
    }
    if (named.strip().toLowerCase(Locale.ROOT).equals(NONE)) {
      return new Located(
          Optional.empty(), List.of(), Optional.empty(), true, Optional.empty(), List.of());
    }
    try {
      Path file = Path.of(named.strip()).toAbsolutePath().normalize();
      Located byOption = new Located(Optional.of(file), List.of(), Optional.empty());
      if (Files.exists(file)) {
        return byOption;
      }
      // The option names no file: the one the search finds is probably the one meant.
      return byOption.withMisplaced(
          new Located(
              Optional.empty(),
              List.of(),
              Optional.empty(),
              false,
              walked.expected(),
              walked.file().map(List::of).orElse(walked.misplaced())));
    } catch (InvalidPathException e) {
      return new Located(Optional.empty(), List.of(), Optional.of(named));
    }
  }

  /** Walks up from above the class output directory, as the class documentation says. */
  static Located walkUp(Path classOutput) {
    List<Path> searched = new ArrayList<>();
    Path output = classOutput.toAbsolutePath().normalize();
    Path start = ConfigSearch.start(output);
    Path root = null;
    Path dir = start;
    int level = start.equals(output) ? 0 : 1;
    for (; level <= MAX_LEVELS && dir != null; level++, dir = dir.getParent()) {
      searched.add(dir);
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return new Located(
            Optional.of(candidate), searched, Optional.empty(), false, Optional.of(dir), List.of());
      }
      if (ConfigSearch.isModuleRoot(dir)) {
        root = dir;
        break;
      }
    }
    Path expected = root != null ? root : start;
    return new Located(
        Optional.empty(),
        searched,
        Optional.empty(),
        false,
        Optional.of(expected),
        misplaced(output, root, searched));
  }

  /**
   * Files in the places a config.yaml is put by mistake: under the module root when the walk found
   * one (and in the directory above it, which the walk never enters), else under each directory
   * searched; and, when there is none of these, the class output's own config.yaml, which the walk
   * skips (with none in the resources it is not a copy of one: {@code javac -d .}, say).
   */
  private static List<Path> misplaced(Path classOutput, Path root, List<Path> searched) {
    Set<Path> found = new LinkedHashSet<>();
    List<Path> modules = root != null ? List.of(root) : searched;
    for (Path module : modules) {
      for (String relative : MISPLACED_IN_MODULE) {
        Path candidate = module.resolve(relative);
        if (Files.isRegularFile(candidate)) {
          found.add(candidate);
        }
      }
    }
    if (root != null && root.getParent() != null) {
      Path above = root.getParent().resolve(FILE_NAME);
      if (Files.isRegularFile(above)) {
        found.add(above);
      }
    }
    Path copy = classOutput.resolve(FILE_NAME);
    if (found.isEmpty()
        && ConfigSearch.skips(classOutput, classOutput)
        && Files.isRegularFile(copy)) {
      found.add(copy);
    }
    return List.copyOf(found);
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
