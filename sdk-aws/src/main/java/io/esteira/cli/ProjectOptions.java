package io.esteira.cli;

import io.esteira.deploy.DeployService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code plan}, {@code deploy} and {@code image build} share: which projects, the platform
 * file, the environment, and how to reach AWS.
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

  @Option(
      names = "--platform",
      required = true,
      paramLabel = "FILE",
      description = "The platform file: region, network, ECR repository, MLflow per environment.")
  Path platform;

  @Option(
      names = {"-e", "--env"},
      required = true,
      paramLabel = "ENV",
      description = "The environment: dev, prd, or another the platform file declares.")
  String environment;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region; default the platform file's region.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator such as moto_server).")
  URI endpoint;

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
