package io.esteira.cli;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.local.LocalProject;
import io.esteira.local.RunDirectories;
import io.esteira.local.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local runs of a project, for the commands that take a run id ({@code esteira runs}, {@code
 * esteira report}): where they are, and which run an id or {@value RunOptions#LATEST} names.
 */
final class LocalRuns {

  private LocalRuns() {}

  /** A run id that names no run, or no run at all; the diagnostic says which and what to give. */
  static final class NoSuchRun extends Exception {
    private static final long serialVersionUID = 1L;

    final transient Diagnostic diagnostic;

    NoSuchRun(Diagnostic diagnostic) {
      super(diagnostic.render());
      this.diagnostic = diagnostic;
    }
  }

  /**
   * The runs directory: {@code runsDir} when given, else {@code .esteira/runs} of {@code dir} when
   * there is one (no need to read the project, which may not be built now), else of the project
   * found in {@code dir} as {@code esteira run} finds it.
   *
   * @throws io.esteira.local.LocalProjectException when no project is found there
   */
  static Path root(Path cwd, String dir, Optional<String> project, Path runsDir)
      throws IOException {
    if (runsDir != null) {
      return cwd.resolve(runsDir).normalize();
    }
    Path directory = cwd.resolve(dir).normalize();
    Path direct = directory.resolve(".esteira").resolve("runs");
    if (project.isEmpty() && Files.isDirectory(direct)) {
      return direct;
    }
    return LocalProject.open(directory, project).directory().resolve(".esteira").resolve("runs");
  }

  /**
   * The run {@code id} names under {@code root}: the id itself when its directory holds a {@code
   * run.json}, the newest run for {@value RunOptions#LATEST}.
   */
  static String resolve(Path root, String id) throws NoSuchRun {
    List<String> ids = RunDirectories.runIds(root);
    if (ids.isEmpty()) {
      throw new NoSuchRun(Diagnostic.error(CliMessage.LOCAL_NO_RUNS, null, root));
    }
    if (RunOptions.LATEST.equals(id)) {
      return RunDirectories.latest(root).orElseThrow();
    }
    if (!ids.contains(id)) {
      String newest = String.join(", ", ids.subList(Math.max(0, ids.size() - 3), ids.size()));
      throw new NoSuchRun(Diagnostic.error(CliMessage.LOCAL_UNKNOWN_RUN, null, id, root, newest));
    }
    return id;
  }
}
