package io.esteira.cli;

import io.esteira.deploy.DeployService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code plan}, {@code deploy} and {@code image build} share: which projects, and the
 * platform, environment and AWS ({@link PlatformOptions}).
 */
final class ProjectOptions {

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = {
        "A config.yaml, a project directory (a YAML-only project, or a built Java project with"
            + " target/classes/META-INF/esteira/), a jar of a built project, or a repository root"
            + " with src/projects/*/config.yaml."
      })
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--projects-root",
      paramLabel = "DIR",
      description = "Every project below DIR (every directory holding a config.yaml).")
  Path projectsRoot;

  @Option(
      names = "--project",
      paramLabel = "NAME",
      split = ",",
      description = "Only these projects (project_name); repeat or separate with commas.")
  List<String> only = new ArrayList<>();

  @Mixin PlatformOptions target;

  /** The projects the paths, {@code --projects-root} and {@code --project} name. */
  DeployService.Projects projects(Path cwd) throws IOException {
    ProjectInputs.Found found = ProjectInputs.find(paths, cwd);
    return new DeployService.Projects(
        ProjectInputs.projects(found, cwd),
        found.problems(),
        Optional.ofNullable(projectsRoot).map(cwd::resolve),
        only);
  }
}
