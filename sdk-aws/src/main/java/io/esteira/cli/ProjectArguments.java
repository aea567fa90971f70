package io.esteira.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The projects a command works on, mixed into every command that reads {@code config.yaml}. */
final class ProjectArguments {

  @Parameters(
      arity = "1..*",
      paramLabel = "<config.yaml|project dir>",
      description = {
        "A config.yaml, a project directory holding one, or a repository root whose projects are"
            + " under src/projects/<name>/."
      })
  List<String> inputs;

  /** The projects these arguments name, paths shown relative to {@code cwd}. */
  ProjectInputs.Found find(Path cwd) throws IOException {
    return ProjectInputs.find(inputs, cwd);
  }
}
