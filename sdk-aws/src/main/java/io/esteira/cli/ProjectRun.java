package io.esteira.cli;

import io.esteira.core.EngineMessage;
import io.esteira.core.artifacts.ProjectArtifacts;
import io.esteira.core.config.ConfigLoader;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One config file read, resolved and generated in memory: what both {@code validate} and {@code
 * generate} do before {@code generate} writes anything.
 *
 * @param config the config file as the user sees it
 * @param artifacts the artifacts and every diagnostic
 */
record ProjectRun(Path config, ProjectArtifacts artifacts) {

  /**
   * Runs every config; an empty {@code environments} list means each file's own environments. Two
   * files naming the same project are an error: their artifacts and AWS resources would collide.
   * The config of a Java project is not compiled: its steps are in its code, so its build's
   * artifacts are read instead ({@link BuiltRun}), one run per pipeline the build wrote.
   */
  static List<ProjectRun> runAll(List<Path> configs, List<String> environments) throws IOException {
    List<ProjectRun> runs = new ArrayList<>();
    Map<String, Path> firstByProject = new HashMap<>();
    for (Path config : configs) {
      List<ProjectArtifacts> sets =
          BuiltRun.isJava(config)
              ? BuiltRun.read(config, environments)
              : List.of(ProjectArtifacts.generate(ConfigLoader.read(config), environments));
      for (ProjectArtifacts set : sets) {
        runs.add(checked(config, set, firstByProject));
      }
    }
    return List.copyOf(runs);
  }

  private static ProjectRun checked(
      Path config, ProjectArtifacts artifacts, Map<String, Path> firstByProject) {
    Path first =
        artifacts.project().isEmpty()
            ? null
            : firstByProject.putIfAbsent(artifacts.project(), config);
    return new ProjectRun(config, first == null ? artifacts : withError(artifacts, config, first));
  }

  private static ProjectArtifacts withError(ProjectArtifacts artifacts, Path config, Path first) {
    List<Diagnostic> diagnostics = new ArrayList<>(artifacts.diagnostics());
    diagnostics.add(
        Diagnostic.error(
            EngineMessage.ARTIFACTS_DUPLICATE_PROJECT,
            SourcePosition.file(config.toString()),
            artifacts.project(),
            first));
    return new ProjectArtifacts(
        artifacts.project(), artifacts.environments(), Map.of(), diagnostics);
  }

  long errors() {
    return artifacts.diagnostics().stream().filter(Diagnostic::isError).count();
  }

  long warnings() {
    return artifacts.diagnostics().size() - errors();
  }

  /** {@code recsys (dev, prd)}, or the file when the project has no name. */
  String title() {
    String name = artifacts.project().isEmpty() ? config.toString() : artifacts.project();
    return artifacts.environments().isEmpty()
        ? name
        : name + " (" + String.join(", ", artifacts.environments()) + ")";
  }

  /** {@code 1 error}, {@code 2 warnings}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static long errors(List<ProjectRun> runs) {
    return runs.stream().mapToLong(ProjectRun::errors).sum();
  }

  static long warnings(List<ProjectRun> runs) {
    return runs.stream().mapToLong(ProjectRun::warnings).sum();
  }
}
