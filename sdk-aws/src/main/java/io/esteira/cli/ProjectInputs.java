package io.esteira.cli;

import io.esteira.core.EngineMessage;
import io.esteira.core.project.MisplacedConfigException;
import io.esteira.core.project.ProjectLocator;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the paths a user typed into the {@code config.yaml} files they mean. A path may be a config
 * file, a project directory holding {@code config.yaml}, or a repository laid out as the origin
 * document lays it out, with projects under {@code src/projects/<name>/} ({@link
 * ProjectLocator#configsIn}).
 *
 * <p>Files are named relative to the current directory when they are under it, as a compiler names
 * them, so diagnostics point where the user can click; otherwise by their absolute path.
 */
final class ProjectInputs {

  private ProjectInputs() {}

  /**
   * What the arguments name.
   *
   * @param configs config files to read, named for display and for reading from {@code cwd}, in
   *     argument order, each once
   * @param problems a diagnostic per argument that names no config file
   */
  record Found(List<Path> configs, List<Diagnostic> problems) {
    Found {
      configs = List.copyOf(configs);
      problems = List.copyOf(problems);
    }
  }

  static Found find(List<String> arguments, Path cwd) throws IOException {
    Set<Path> configs = new LinkedHashSet<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (String argument : arguments) {
      Path path = cwd.resolve(argument).toAbsolutePath().normalize();
      if (Files.isRegularFile(path)) {
        configs.add(path);
      } else if (Files.isDirectory(path)) {
        List<Path> found;
        try {
          found = ProjectLocator.configsIn(path);
        } catch (MisplacedConfigException e) {
          problems.add(e.diagnostic());
          continue;
        }
        if (found.isEmpty() && ProjectLocator.isJavaProject(path)) {
          // A Java project may keep all its settings in annotations: its build's artifacts are
          // what is read (BuiltRun), named by the config file it would have.
          found = List.of(path.resolve(ProjectLocator.CONFIG_FILE));
        }
        if (found.isEmpty()) {
          problems.add(
              Diagnostic.error(CliMessage.CLI_NO_CONFIG, SourcePosition.file(display(cwd, path))));
        }
        configs.addAll(found);
      } else {
        problems.add(
            Diagnostic.error(EngineMessage.CLI_NOT_FOUND, SourcePosition.file(display(cwd, path))));
      }
    }
    return new Found(configs.stream().map(c -> Path.of(display(cwd, c))).toList(), problems);
  }

  /**
   * The projects {@code found} names, as the deployer loads them: a built project's jar itself (its
   * {@code META-INF/esteira/} artifacts), else the directory of the config file. A jar's directory
   * would be the wrong project: {@code target/} or wherever the jar was copied.
   */
  static List<Path> projects(Found found, Path cwd) {
    return found.configs().stream()
        .map(cwd::resolve)
        .map(p -> isJar(p) ? p : p.getParent())
        .toList();
  }

  private static boolean isJar(Path file) {
    return file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file);
  }

  /** {@code file} relative to {@code cwd} when under it, else absolute; always with {@code /}. */
  static String display(Path cwd, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = cwd.toAbsolutePath().normalize();
    String shown =
        absolute.startsWith(base) && !absolute.equals(base)
            ? base.relativize(absolute).toString()
            : absolute.equals(base) ? "." : absolute.toString();
    return shown.replace(absolute.getFileSystem().getSeparator(), "/");
  }
}
