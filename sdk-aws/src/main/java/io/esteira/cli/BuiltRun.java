package io.esteira.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PipelineJsonReader;
import io.esteira.core.generate.PipelineJsonReader.PipelineDocument;
import io.esteira.core.generate.PipelineJsonReader.PipelineJsonException;
import io.esteira.core.model.PipelineModel;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate} and {@code generate} on a Java project: its {@code config.yaml} holds no steps
 * (its {@code @Step} methods do), so it cannot be compiled alone as a YAML-only project is. What
 * the annotation processor wrote at build time ({@code META-INF/esteira/<project>/}, as {@link
 * ProjectLocator} finds it) is the project's artifact set instead: read, checked, and handed on as
 * {@link ProjectArtifacts}, so both commands print and write it as they would a YAML-only
 * project's.
 *
 * <p>Checked: that the project is built at all (else what to run), that {@code pipeline.json}
 * reads, that every environment asked for (default: every one built) has its task definition and,
 * when the model says so, its state machine and schedule, each of them JSON, and that {@code
 * config.yaml} did not change after the build, which would leave artifacts saying something else
 * than the file beside them.
 */
final class BuiltRun {

  private BuiltRun() {}

  /**
   * Whether {@code config} is the {@code config.yaml} of a Java project, whose artifacts its build
   * makes. Another YAML file given by name is compiled as it is.
   */
  static boolean isJava(Path config) {
    return config.getFileName().toString().equals(ProjectLocator.CONFIG_FILE)
        && ProjectLocator.isJavaProject(directory(config));
  }

  /**
   * The artifacts the build of {@code config}'s Java project wrote, one set per pipeline it holds
   * (a module may hold several), or a single empty set carrying the error when it is not built.
   *
   * @param config the project's {@code config.yaml}, named as the user sees it (it need not exist:
   *     a Java project may have none)
   * @param environments the environments asked for; empty means every one the build wrote
   */
  static List<ProjectArtifacts> read(Path config, List<String> environments) throws IOException {
    Path dir = directory(config);
    Located located;
    try {
      located = ProjectLocator.locate(dir);
    } catch (MisplacedConfigException e) {
      return List.of(failed(e.diagnostic()));
    }
    if (!(located instanceof Located.Built built)) {
      return List.of(
          failed(
              Diagnostic.error(
                  CliMessage.CLI_JAVA_NOT_BUILT,
                  SourcePosition.file(shown(dir)),
                  buildCommand(dir))));
    }
    List<ProjectArtifacts> sets = new ArrayList<>();
    for (BuiltProject project : built.projects()) {
      sets.add(read(config, project, environments));
    }
    return sets;
  }

  private static ProjectArtifacts read(Path config, BuiltProject project, List<String> environments)
      throws IOException {
    String location = project.location(BuiltRun::shown);
    List<Diagnostic> diagnostics = new ArrayList<>();
    if (Files.isRegularFile(config)
        && Files.getLastModifiedTime(config).compareTo(project.builtAt()) > 0) {
      diagnostics.add(
          Diagnostic.error(
              CliMessage.CLI_JAVA_STALE, SourcePosition.file(config.toString()), location));
    }
    String pipelineJson = project.file(ProjectArtifacts.PIPELINE_JSON).orElse(null);
    if (pipelineJson == null) {
      diagnostics.add(bad(location, "there is no pipeline.json in " + location));
      return new ProjectArtifacts(project.name(), List.of(), Map.of(), diagnostics);
    }
    PipelineDocument document;
    try {
      document = PipelineJsonReader.read(pipelineJson, location + "/pipeline.json");
    } catch (PipelineJsonException e) {
      diagnostics.add(bad(location, e.getMessage()));
      return new ProjectArtifacts(project.name(), List.of(), Map.of(), diagnostics);
    }
    List<String> wanted = environments.isEmpty() ? document.environments() : environments;
    Map<String, String> files = new LinkedHashMap<>();
    files.put(ProjectArtifacts.PIPELINE_JSON, pipelineJson);
    project
        .file(ProjectArtifacts.PIPELINE_MMD)
        .ifPresent(mmd -> files.put(ProjectArtifacts.PIPELINE_MMD, mmd));
    List<String> found = new ArrayList<>();
    for (String environment : wanted) {
      PipelineModel model = document.models().get(environment);
      if (model == null) {
        diagnostics.add(
            Diagnostic.error(
                CliMessage.CLI_JAVA_NO_ENVIRONMENT,
                SourcePosition.file(location),
                document.project(),
                environment,
                String.join(", ", document.environments())));
        continue;
      }
      found.add(environment);
      List<String> expected = new ArrayList<>();
      if (model.batch().enabled()) {
        expected.add(ProjectArtifacts.stateMachineFile(environment));
      }
      expected.add(ProjectArtifacts.taskDefinitionFile(environment));
      if (model.batch().enabled() && model.schedule().hasExpression()) {
        expected.add(ProjectArtifacts.scheduleFile(environment));
      }
      for (String file : expected) {
        String text = project.file(file).orElse(null);
        if (text == null) {
          diagnostics.add(
              bad(
                  location,
                  "environment '" + environment + "' has no " + file + " in " + location));
        } else if (!isJson(text)) {
          diagnostics.add(bad(location, location + "/" + file + " is not valid JSON"));
        } else {
          files.put(file, text);
        }
      }
    }
    boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
    return new ProjectArtifacts(document.project(), found, failed ? Map.of() : files, diagnostics);
  }

  /** What to run to build the project in {@code dir}, said as a user types it. */
  static String buildCommand(Path dir) {
    String where = " in " + shown(dir);
    if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      return "mvn package" + where;
    }
    if (Files.isRegularFile(dir.resolve("build.gradle"))
        || Files.isRegularFile(dir.resolve("build.gradle.kts"))) {
      return "gradle build" + where;
    }
    return "javac and the annotation processor (docs/processor.md, \"Plain javac\")" + where;
  }

  private static boolean isJson(String text) {
    try {
      Json.mapper().readTree(text);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static Diagnostic bad(String location, String what) {
    return Diagnostic.error(CliMessage.CLI_JAVA_BAD_ARTIFACTS, SourcePosition.file(location), what);
  }

  private static ProjectArtifacts failed(Diagnostic diagnostic) {
    return new ProjectArtifacts("", List.of(), Map.of(), List.of(diagnostic));
  }

  /** The project directory of {@code config}: its parent, or the current directory. */
  private static Path directory(Path config) {
    Path parent = config.getParent();
    return parent == null ? Path.of("") : parent;
  }

  /** A path as the user sees it: as given (relative to where they are), with {@code /}. */
  private static String shown(Path path) {
    String text = path.toString();
    return (text.isEmpty() ? "." : text).replace(path.getFileSystem().getSeparator(), "/");
  }
}
