package io.esteira.deploy.project;

import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.project.BuiltArtifacts;
import io.esteira.core.project.BuiltProject;
import io.esteira.core.project.Located;
import io.esteira.core.project.ProjectLocator;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Loads the artifacts of projects for one environment, from wherever they are, as {@link
 * ProjectLocator} finds them: a YAML-only project ({@code config.yaml}, compiled in memory as
 * {@code esteira generate} does), a built Java project ({@code META-INF/esteira/<project>/} in
 * {@code target/classes} or in a jar under {@code target/}), or a jar given directly. A Java
 * project that is not built is refused: its {@code config.yaml} alone lacks what the annotations
 * say.
 */
public final class ProjectLoader {

  private ProjectLoader() {}

  /**
   * Loaded projects and the problems met.
   *
   * @param projects every project found, in the order of the inputs
   * @param diagnostics errors (nothing is deployed when there is one) and warnings
   */
  public record Loaded(List<DeployableProject> projects, List<Diagnostic> diagnostics) {
    public Loaded {
      projects = List.copyOf(projects);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /**
   * Loads each input for {@code environment}. An input is a {@code config.yaml}, a project
   * directory, or a jar; {@code shown} turns a path into the name messages use.
   */
  public static Loaded load(List<Path> inputs, String environment, Function<Path, String> shown)
      throws IOException {
    List<DeployableProject> projects = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isRegularFile(input) && input.toString().endsWith(".jar")) {
        List<BuiltProject> inJar = BuiltArtifacts.inJar(input);
        if (inJar.isEmpty()) {
          diagnostics.add(
              Diagnostic.error(
                  DeployMessage.DEPLOY_NOT_BUILT,
                  SourcePosition.file(shown.apply(input)),
                  "no " + BuiltProject.ARTIFACT_ROOT));
        }
        inJar.forEach(
            p ->
                add(
                    p.location(shown),
                    Optional.empty(),
                    environment,
                    p.files(),
                    projects,
                    diagnostics));
        continue;
      }
      Path dir = Files.isDirectory(input) ? input : input.getParent();
      Located located = dir == null ? new Located.Nothing() : ProjectLocator.locate(dir);
      if (located instanceof Located.Built built) {
        built
            .projects()
            .forEach(
                p ->
                    add(
                        p.location(shown),
                        Optional.of(dir),
                        environment,
                        p.files(),
                        projects,
                        diagnostics));
      } else if (located instanceof Located.NotBuilt) {
        Path target = dir.resolve(BuiltArtifacts.TARGET);
        diagnostics.add(
            Diagnostic.error(
                DeployMessage.DEPLOY_NOT_BUILT,
                SourcePosition.file(shown.apply(dir)),
                "no "
                    + BuiltProject.ARTIFACT_ROOT
                    + " in "
                    + shown.apply(target.resolve("classes"))
                    + " or in a jar under "
                    + shown.apply(target)));
      } else {
        Path config = Files.isDirectory(input) ? input.resolve(ProjectLocator.CONFIG_FILE) : input;
        fromConfig(config, shown.apply(config), environment, projects, diagnostics);
      }
    }
    return new Loaded(projects, diagnostics);
  }

  private static void fromConfig(
      Path config,
      String name,
      String environment,
      List<DeployableProject> projects,
      List<Diagnostic> diagnostics) {
    ProjectArtifacts artifacts = BuiltArtifacts.compile(config, List.of(environment));
    diagnostics.addAll(
        artifacts.diagnostics().stream().map(d -> relocated(d, config.toString(), name)).toList());
    if (!artifacts.hasErrors() && !artifacts.files().isEmpty()) {
      add(
          name,
          Optional.ofNullable(config.toAbsolutePath().getParent()),
          environment,
          artifacts.files(),
          projects,
          diagnostics);
    }
  }

  private static void add(
      String source,
      Optional<Path> directory,
      String environment,
      Map<String, String> files,
      List<DeployableProject> projects,
      List<Diagnostic> diagnostics) {
    String pipelineJson = files.get(ProjectArtifacts.PIPELINE_JSON);
    if (pipelineJson == null) {
      diagnostics.add(
          Diagnostic.error(
              DeployMessage.DEPLOY_BAD_ARTIFACTS, SourcePosition.file(source), "no pipeline.json"));
      return;
    }
    PipelineDocument document;
    try {
      document = PipelineJsonReader.read(pipelineJson, source + "/pipeline.json");
    } catch (PipelineJsonException e) {
      diagnostics.add(
          Diagnostic.error(
              DeployMessage.DEPLOY_BAD_ARTIFACTS, SourcePosition.file(source), e.getMessage()));
      return;
    }
    String taskDefinition = files.get(ProjectArtifacts.taskDefinitionFile(environment));
    if (!document.models().containsKey(environment) || taskDefinition == null) {
      diagnostics.add(
          Diagnostic.error(
              DeployMessage.DEPLOY_NO_ENVIRONMENT,
              SourcePosition.file(source),
              document.project(),
              environment,
              String.join(", ", document.environments())));
      return;
    }
    projects.add(
        new DeployableProject(
            source,
            document.model(environment),
            taskDefinition,
            Optional.ofNullable(files.get(ProjectArtifacts.stateMachineFile(environment))),
            Optional.ofNullable(files.get(ProjectArtifacts.scheduleFile(environment))),
            directory));
  }

  /** The loader names files by the path it was given; messages use the name the user sees. */
  private static Diagnostic relocated(Diagnostic d, String loadedAs, String name) {
    return d.position()
        .filter(p -> p.file().equals(loadedAs))
        .map(p -> d.at(new SourcePosition(name, p.line(), p.column())))
        .orElse(d);
  }
}
