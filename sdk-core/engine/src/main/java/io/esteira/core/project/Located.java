package io.esteira.core.project;

import java.nio.file.Path;
import java.util.List;

/** What {@link ProjectLocator#locate} found in a directory. */
public sealed interface Located {

  /**
   * A built Java project (or a directory holding a build's output): every project its build wrote.
   */
  record Built(List<BuiltProject> projects) implements Located {
    public Built {
      projects = List.copyOf(projects);
    }
  }

  /** A Java project (a Maven or Gradle build, or Java sources) with no built artifacts. */
  record NotBuilt() implements Located {}

  /**
   * YAML-only projects: the directory's own {@code config.yaml}, else those of its {@code
   * src/projects/<name>/}, else those of its subdirectories, sorted by directory name.
   */
  record Yaml(List<Path> configs) implements Located {
    public Yaml {
      configs = List.copyOf(configs);
    }
  }

  /** Nothing that is a project. */
  record Nothing() implements Located {}
}
