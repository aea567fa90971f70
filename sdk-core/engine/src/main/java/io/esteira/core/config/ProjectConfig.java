package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code config.yaml}, not yet resolved for an environment. Keeps the YAML positions so
 * that resolving can report problems at the line that caused them.
 *
 * <p>Resolving an environment lays its {@code environments.<env>} section over the top level
 * (mappings merge, scalars and lists replace, steps merge by {@code id}) on top of what the code
 * declares. A {@link Resolved} carries the problems found when the file was read as well as its
 * own, so a caller that resolves needs no other list; a file with any error resolves for no
 * environment.
 */
public final class ProjectConfig {

  /** The environments every project has: {@code dev} (branch dev) and {@code prd} (master). */
  public static final List<String> STANDARD_ENVIRONMENTS = List.of("dev", "prd");

  private final String fileName;
  private final YamlNode.MapNode root;
  private final Map<String, YamlNode.MapNode> sections;
  private final List<String> environments;
  private final List<Diagnostic> loadDiagnostics;

  ProjectConfig(
      String fileName,
      YamlNode.MapNode root,
      Map<String, YamlNode.MapNode> sections,
      List<String> environments,
      List<Diagnostic> loadDiagnostics) {
    this.fileName = fileName;
    this.root = root;
    this.sections = Map.copyOf(sections);
    this.environments = List.copyOf(environments);
    this.loadDiagnostics = List.copyOf(loadDiagnostics);
  }

  /** The file name diagnostics name. */
  public String fileName() {
    return fileName;
  }

  /** {@code project_name}, or empty when the file lacks it (a Java pipeline may name it). */
  public String project() {
    return Values.string(root, "project_name").map(Values.Value::value).orElse("");
  }

  /** {@code dev}, {@code prd}, then any other environment the file declares, sorted. */
  public List<String> environments() {
    return environments;
  }

  /** Resolves a YAML-only project (steps are commands) for one environment. */
  public Resolved resolve(String environment) {
    return resolve(environment, CodeDefaults.NONE);
  }

  /**
   * Resolves for one environment on top of what a {@code @Pipeline} class declares: annotation
   * values are the lowest layer, then this file, then its {@code environments.<env>} section.
   */
  public Resolved resolve(String environment, CodeDefaults code) {
    CodeDefaults layer = code == null ? CodeDefaults.NONE : code;
    Diagnostics out = new Diagnostics();
    out.addAll(loadDiagnostics);
    if (!environments().contains(environment)) {
      SourcePosition at =
          root.entry("environments")
              .map(YamlNode.Entry::keyPosition)
              .orElse(SourcePosition.file(fileName));
      out.error(
          EngineMessage.CONFIG_UNKNOWN_ENVIRONMENT,
          at,
          environment,
          DidYouMean.aside(String.valueOf(environment), environments()),
          String.join(", ", environments()));
      return new Resolved(Optional.empty(), out.all());
    }
    YamlNode.MapNode section =
        sections.getOrDefault(environment, new YamlNode.MapNode(List.of(), root.position()));
    List<String> codeStepIds = layer.steps().stream().map(CodeDefaults.CodeStep::id).toList();
    YamlNode.MapNode merged = Overlay.merge(root, section, environment, codeStepIds, out);
    Resolver resolver = new Resolver(merged, section, environment, layer, out);
    Optional<PipelineModel> model = resolver.resolve();
    return new Resolved(
        out.hasErrors() ? Optional.empty() : model, out.all(), resolver.retriesFrom());
  }

  /**
   * Every problem of the file in every environment, each once, in file order: what {@code esteira
   * validate} prints.
   */
  public List<Diagnostic> validate(CodeDefaults code) {
    Set<Diagnostic> all = new LinkedHashSet<>(loadDiagnostics);
    for (String environment : environments()) {
      all.addAll(resolve(environment, code).diagnostics());
    }
    Diagnostics sorted = new Diagnostics();
    sorted.addAll(List.copyOf(all));
    return sorted.all();
  }
}
