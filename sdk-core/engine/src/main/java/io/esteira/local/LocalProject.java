package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.project.BuildInputs;
import io.esteira.core.project.BuiltArtifacts;
import io.esteira.core.project.BuiltProject;
import io.esteira.core.project.Located;
import io.esteira.core.project.MisplacedConfigException;
import io.esteira.core.project.ProjectLocator;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project the local runner can run, found from the directory a user named: its pipeline (every
 * environment), the directory its steps run in, and, for a Java project, its runtime class path.
 *
 * <p>{@link ProjectLocator} finds it, as it finds projects for {@code plan} and {@code deploy}. A
 * <em>built</em> Java project has {@code META-INF/esteira/<project>/pipeline.json} in {@code
 * target/classes} or in a jar under {@code target/}, written by the annotation processor; its class
 * path is {@code target/classes} (or the jar) followed by {@code target/esteira-classpath.txt},
 * which the esteira-maven-plugin's {@code classpath} goal writes at {@code process-classes}, else
 * by {@code target/dependency/*.jar} ({@link ProjectClasspath}). A Java project that is not built
 * is refused with the command that builds it. Otherwise a <em>YAML-only</em> project: its {@code
 * config.yaml}, or the one project (or the one {@code --project} names) under {@code
 * src/projects/<name>/} or {@code <name>/}, compiled in memory exactly as {@code esteira generate}
 * does, and read back through {@code pipeline.json}, so both kinds reach the runner through the
 * same reader.
 *
 * @param kind how the pipeline was found
 * @param directory where the steps run: the Java project's directory, or the directory of the
 *     YAML-only project's {@code config.yaml}
 * @param source the {@code pipeline.json} or {@code config.yaml} read, for messages
 * @param pipeline the project's pipeline, per environment
 * @param classpath the runtime class path of a built project; empty for a YAML-only one
 * @param warnings per environment, what the user should know but does not stop a run of it
 */
public record LocalProject(
    Kind kind,
    Path directory,
    String source,
    PipelineDocument pipeline,
    List<Path> classpath,
    Map<String, List<Diagnostic>> warnings) {

  public LocalProject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pipeline, "pipeline");
    classpath = List.copyOf(classpath);
    warnings = Map.copyOf(warnings);
  }

  /** The warnings that concern a run of {@code environment}. */
  public List<Diagnostic> warnings(String environment) {
    return warnings.getOrDefault(environment, List.of());
  }

  /** How a project was found. */
  public enum Kind {
    /** A Java project, read from the {@code pipeline.json} its build wrote. */
    BUILT,
    /** A project of shell-command steps, read from its {@code config.yaml}. */
    YAML
  }

  /** The command that builds a Maven project, as the unbuilt-project message prints it. */
  static final String BUILD_COMMAND = "mvn -B -q package in the project's directory";

  /**
   * Finds the project in {@code dir} (a directory, or a {@code config.yaml} in one).
   *
   * @param name the project to pick when {@code dir} holds several, or empty
   * @throws LocalProjectException with the diagnostics that say what is wrong and how to fix it
   */
  public static LocalProject open(Path dir, Optional<String> name) throws IOException {
    if (Files.isRegularFile(dir)
        && dir.getFileName().toString().equals(ProjectLocator.CONFIG_FILE)) {
      dir = dir.toAbsolutePath().getParent();
    }
    if (!Files.isDirectory(dir)) {
      throw LocalProjectException.usage(
          Diagnostic.error(EngineMessage.CLI_NOT_FOUND, SourcePosition.file(dir.toString())));
    }
    Located located;
    try {
      located = ProjectLocator.locate(dir);
    } catch (MisplacedConfigException e) {
      throw LocalProjectException.usage(e.diagnostic());
    }
    if (located instanceof Located.Built built) {
      return built(dir, built.projects(), name);
    }
    if (located instanceof Located.NotBuilt) {
      throw LocalProjectException.usage(
          Diagnostic.error(
              EngineMessage.LOCAL_NOT_BUILT,
              SourcePosition.file(dir.toString()),
              buildCommand(dir)));
    }
    if (located instanceof Located.Yaml yaml) {
      return yaml(yamlConfig(dir, yaml.configs(), name));
    }
    throw LocalProjectException.usage(
        Diagnostic.error(EngineMessage.LOCAL_NO_PROJECT, SourcePosition.file(dir.toString())));
  }

  /** The one {@code config.yaml} to run: the directory's own, else the one {@code name} picks. */
  private static Path yamlConfig(Path dir, List<Path> configs, Optional<String> name) {
    if (configs.size() == 1 && configs.get(0).getParent().equals(dir)) {
      return configs.get(0);
    }
    Map<String, Path> byName = new TreeMap<>();
    configs.forEach(c -> byName.put(c.getParent().getFileName().toString(), c));
    return byName.get(choose(dir, List.copyOf(byName.keySet()), name));
  }

  /**
   * The one name of {@code names} that {@code wanted} names, the only one when nothing is wanted,
   * or an exception that lists them.
   */
  static String choose(Path dir, List<String> names, Optional<String> wanted) {
    String all = String.join(", ", names);
    if (wanted.isPresent()) {
      if (!names.contains(wanted.get())) {
        throw LocalProjectException.usage(
            Diagnostic.error(
                EngineMessage.LOCAL_UNKNOWN_PROJECT,
                SourcePosition.file(dir.toString()),
                wanted.get(),
                all));
      }
      return wanted.get();
    }
    if (names.size() > 1) {
      throw LocalProjectException.usage(
          Diagnostic.error(
              EngineMessage.LOCAL_SEVERAL_PROJECTS, SourcePosition.file(dir.toString()), all));
    }
    return names.get(0);
  }

  /** A YAML-only project: config.yaml checked and resolved in memory, as generate does. */
  private static LocalProject yaml(Path config) {
    ProjectArtifacts artifacts = BuiltArtifacts.compile(config, List.of());
    if (artifacts.hasErrors()) {
      throw LocalProjectException.pipelineErrors(artifacts.diagnostics());
    }
    String source = config.toString();
    PipelineDocument document;
    try {
      document =
          PipelineJsonReader.read(artifacts.files().get(ProjectArtifacts.PIPELINE_JSON), source);
    } catch (PipelineJsonException e) {
      // The generator wrote it a moment ago: a reader that refuses it is a bug, not bad input.
      throw new IllegalStateException("cannot read back the pipeline.json of " + source, e);
    }
    Path directory = config.toAbsolutePath().normalize().getParent();
    // Resolved once per environment, so a run of dev does not show warnings about prd.
    Map<String, List<Diagnostic>> warnings = new HashMap<>();
    for (String environment : document.environments()) {
      warnings.put(environment, BuiltArtifacts.compile(config, List.of(environment)).diagnostics());
    }
    return new LocalProject(Kind.YAML, directory, source, document, List.of(), warnings);
  }

  /** The built project {@code name} picks, read through its {@code pipeline.json}. */
  private static LocalProject built(Path dir, List<BuiltProject> projects, Optional<String> name)
      throws IOException {
    Map<String, BuiltProject> byName = new TreeMap<>();
    projects.forEach(p -> byName.put(p.name(), p));
    BuiltProject project = byName.get(choose(dir, List.copyOf(byName.keySet()), name));
    String source = project.location(Path::toString) + "/" + ProjectArtifacts.PIPELINE_JSON;
    Optional<String> json = project.file(ProjectArtifacts.PIPELINE_JSON);
    if (json.isEmpty()) {
      throw LocalProjectException.usage(
          Diagnostic.error(
              EngineMessage.LOCAL_UNREADABLE_PIPELINE,
              null,
              source + " is missing; build the project again with this Esteira version"));
    }
    PipelineDocument document;
    try {
      document = PipelineJsonReader.read(json.get(), source);
    } catch (PipelineJsonException e) {
      throw LocalProjectException.usage(
          Diagnostic.error(EngineMessage.LOCAL_UNREADABLE_PIPELINE, null, e.getMessage()));
    }
    List<Diagnostic> warnings = new ArrayList<>();
    stale(dir, project)
        .ifPresent(
            why ->
                warnings.add(
                    Diagnostic.warning(
                        EngineMessage.LOCAL_STALE_BUILD,
                        SourcePosition.file(dir.resolve(ProjectLocator.CONFIG_FILE).toString()),
                        why)));
    List<Path> classpath = ProjectClasspath.of(dir, project.classOutput());
    Map<String, List<Diagnostic>> byEnvironment = new HashMap<>();
    document.environments().forEach(environment -> byEnvironment.put(environment, warnings));
    return new LocalProject(
        Kind.BUILT, dir.toAbsolutePath().normalize(), source, document, classpath, byEnvironment);
  }

  /**
   * Why the built artifacts do not say what {@code config.yaml} says now, if they do not: from the
   * hash the processor recorded ({@link BuildInputs}), else, for artifacts of a processor that
   * recorded none, from modification times. A hash is what stale means; a checkout changes times.
   */
  static Optional<String> stale(Path dir, BuiltProject project) throws IOException {
    Optional<String> record = project.file(BuildInputs.FILE);
    if (record.isPresent()) {
      try {
        // The record's paths are relative to target/classes, where the jar's entries come from.
        Path classes =
            project.inJar()
                ? dir.resolve(BuiltArtifacts.TARGET).resolve("classes")
                : project.classOutput();
        return BuildInputs.parse(record.get()).staleBecause(classes, Optional.empty());
      } catch (IllegalArgumentException e) {
        return Optional.of(
            project.location(Path::toString) + "/" + BuildInputs.FILE + " cannot be read");
      }
    }
    Path config = dir.resolve(ProjectLocator.CONFIG_FILE);
    if (Files.isRegularFile(config)
        && Files.getLastModifiedTime(config).compareTo(project.builtAt()) > 0) {
      return Optional.of("config.yaml is newer than the built pipeline.json");
    }
    return Optional.empty();
  }

  /** The build command for a project: Maven's when it has a pom.xml, else a generic hint. */
  private static String buildCommand(Path dir) {
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      Path root = dir.toAbsolutePath().normalize();
      // The examples are modules of the SDK's own repository, whose README builds everything.
      for (Path up = root.getParent(); up != null; up = up.getParent()) {
        if (Files.isRegularFile(up.resolve("mvnw"))
            && Files.isDirectory(up.resolve("sdk-core"))
            && Files.isDirectory(up.resolve("examples"))) {
          return "./mvnw -B -q install -DskipTests in " + up;
        }
      }
      return BUILD_COMMAND;
    }
    return "run your build so that the annotation processor writes target/classes";
  }
}
