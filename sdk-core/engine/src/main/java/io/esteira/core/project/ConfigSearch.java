package io.esteira.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the annotation processor looks for a module's {@code config.yaml}, shared with the build
 * plugin so that both judge the same file. The search walks up from the class output directory, but
 * never reads the class output itself: build tools copy the resources there (Maven's {@code
 * process-resources} copies {@code src/main/resources/config.yaml} to {@code target/classes}), so a
 * {@code config.yaml} there is a copy of a resource, often an application's own settings, and an
 * old copy until the resources are copied again. Only a class output that is itself the module's
 * root (it holds a build file, as with {@code javac -d .}) is searched.
 */
public final class ConfigSearch {

  /** The files that mark a module's root directory; the walk stops there. */
  public static final List<String> BUILD_FILES =
      List.of("pom.xml", "build.gradle", "build.gradle.kts");

  private ConfigSearch() {}

  /** Whether {@code dir} is a module's root: it holds a build file. */
  public static boolean isModuleRoot(Path dir) {
    return BUILD_FILES.stream().anyMatch(b -> Files.isRegularFile(dir.resolve(b)));
  }

  /** The first directory the search looks in, as the class documentation says. */
  public static Path start(Path classOutput) {
    Path output = classOutput.toAbsolutePath().normalize();
    Path parent = output.getParent();
    return parent == null || isModuleRoot(output) ? output : parent;
  }

  /**
   * Whether the search from {@code classOutput} never reads a {@code config.yaml} in {@code dir}:
   * {@code dir} is the class output below where the search starts.
   */
  public static boolean skips(Path classOutput, Path dir) {
    Path output = classOutput.toAbsolutePath().normalize();
    return dir.toAbsolutePath().normalize().equals(output) && !start(output).equals(output);
  }
}
