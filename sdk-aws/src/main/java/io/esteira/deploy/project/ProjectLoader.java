package io.esteira.deploy.project;

import io.esteira.core.config.ConfigLoader;
import io.esteira.core.diagnostics.Diagnostic;
import io.esteira.core.diagnostics.Message;
import io.esteira.core.diagnostics.SourcePosition;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.generate.ProjectArtifacts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the artifacts of projects for one environment, from wherever they are: a YAML-only project
 * ({@code config.yaml}, compiled in memory as {@code esteira generate} does), a built Java project
 * ({@code target/classes/META-INF/esteira/<project>/}), or a jar holding {@code
 * META-INF/esteira/<project>/}. A directory with a {@code pom.xml} is a Java project: its {@code
 * config.yaml} alone lacks what the annotations say, so it must be built first.
 */
public final class ProjectLoader {

  static final String ARTIFACT_ROOT = "META-INF/esteira/";

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
  public static Loaded load(
      List<Path> inputs, String environment, java.util.function.Function<Path, String> shown)
      throws IOException {
    List<DeployableProject> projects = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path input : inputs) {
      Path dir = Files.isDirectory(input) ? input : input.getParent();
      String name = shown.apply(input);
      if (Files.isRegularFile(input) && input.toString().endsWith(".jar")) {
        fromJar(input, name, environment, projects, diagnostics);
      } else if (dir != null && Files.isRegularFile(dir.resolve("pom.xml"))) {
        Path built = dir.resolve("target/classes/" + ARTIFACT_ROOT);
        if (!Files.isDirectory(built)) {
          diagnostics.add(
              Diagnostic.error(
                  Message.DEPLOY_NOT_BUILT,
                  SourcePosition.file(shown.apply(dir)),
                  "no " + shown.apply(built)));
          continue;
        }
        fromBuildDirectory(built, shown, environment, projects, diagnostics);
      } else {
        Path config = Files.isDirectory(input) ? input.resolve("config.yaml") : input;
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
    io.esteira.core.config.Loaded loaded = ConfigLoader.read(config);
    ProjectArtifacts artifacts = ProjectArtifacts.generate(loaded, List.of(environment));
    diagnostics.addAll(
        artifacts.diagnostics().stream().map(d -> relocated(d, config.toString(), name)).toList());
    if (!artifacts.hasErrors() && !artifacts.files().isEmpty()) {
      add(name, environment, artifacts.files(), projects, diagnostics);
    }
  }

  private static void fromBuildDirectory(
      Path built,
      java.util.function.Function<Path, String> shown,
      String environment,
      List<DeployableProject> projects,
      List<Diagnostic> diagnostics)
      throws IOException {
    List<Path> dirs;
    try (Stream<Path> children = Files.list(built)) {
      dirs = children.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> children = Files.list(dir)) {
        for (Path file : children.filter(Files::isRegularFile).toList()) {
          files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
      add(shown.apply(dir), environment, files, projects, diagnostics);
    }
  }

  private static void fromJar(
      Path jar,
      String name,
      String environment,
      List<DeployableProject> projects,
      List<Diagnostic> diagnostics)
      throws IOException {
    Map<String, Map<String, String>> byProject = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        String path = entry.getName();
        if (entry.isDirectory() || !path.startsWith(ARTIFACT_ROOT)) {
          continue;
        }
        String[] parts = path.substring(ARTIFACT_ROOT.length()).split("/");
        if (parts.length == 2) {
          try (InputStream in = file.getInputStream(entry)) {
            byProject
                .computeIfAbsent(parts[0], p -> new TreeMap<>())
                .put(parts[1], new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    if (byProject.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              Message.DEPLOY_NOT_BUILT, SourcePosition.file(name), "no " + ARTIFACT_ROOT));
    }
    byProject.forEach(
        (project, files) ->
            add(name + "!/" + ARTIFACT_ROOT + project, environment, files, projects, diagnostics));
  }

  private static void add(
      String source,
      String environment,
      Map<String, String> files,
      List<DeployableProject> projects,
      List<Diagnostic> diagnostics) {
    String pipelineJson = files.get(ProjectArtifacts.PIPELINE_JSON);
    if (pipelineJson == null) {
      diagnostics.add(
          Diagnostic.error(
              Message.DEPLOY_BAD_ARTIFACTS, SourcePosition.file(source), "no pipeline.json"));
      return;
    }
    PipelineDocument document;
    try {
      document = PipelineJsonReader.read(pipelineJson, source + "/pipeline.json");
    } catch (PipelineJsonException e) {
      diagnostics.add(
          Diagnostic.error(
              Message.DEPLOY_BAD_ARTIFACTS, SourcePosition.file(source), e.getMessage()));
      return;
    }
    String taskDefinition = files.get(ProjectArtifacts.taskDefinitionFile(environment));
    if (!document.models().containsKey(environment) || taskDefinition == null) {
      diagnostics.add(
          Diagnostic.error(
              Message.DEPLOY_NO_ENVIRONMENT,
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
            Optional.ofNullable(files.get(ProjectArtifacts.scheduleFile(environment)))));
  }

  /** The loader names files by the path it was given; messages use the name the user sees. */
  private static Diagnostic relocated(Diagnostic d, String loadedAs, String name) {
    return d.position()
        .filter(p -> p.file().equals(loadedAs))
        .map(
            p ->
                new Diagnostic(
                    d.severity(),
                    d.message(),
                    d.text(),
                    Optional.of(new SourcePosition(name, p.line(), p.column()))))
        .orElse(d);
  }
}
