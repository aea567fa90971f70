package io.esteira.core.artifacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.EngineMessage;
import io.esteira.core.config.CodeDefaults;
import io.esteira.core.config.Loaded;
import io.esteira.core.config.ProjectConfig;
import io.esteira.core.config.Resolved;
import io.esteira.core.generate.Generated;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.MermaidGenerator;
import io.esteira.core.generate.PipelineJsonGenerator;
import io.esteira.core.generate.asl.AslGenerator;
import io.esteira.core.generate.ecs.TaskDefinitionGenerator;
import io.esteira.core.generate.ecs.TaskDefinitionLimits;
import io.esteira.core.generate.scheduler.ScheduleGenerator;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepModel;
import io.esteira.core.plan.ExecutionPlan;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every artifact of one project for the environments asked for, as the artifact contract names them
 * (DESIGN.md): {@code pipeline.json}, {@code pipeline.mmd}, and per environment {@code
 * state-machine.<env>.asl.json}, {@code task-definition.<env>.json} and {@code
 * schedule.<env>.json}.
 *
 * <p>The state machine and the schedule exist only when {@code batch.enabled}; the schedule also
 * needs a {@code schedule.cron}. {@code pipeline.mmd} pictures the first environment generated
 * ({@code dev} unless only others were asked for). When any diagnostic is an error, {@link #files}
 * is empty: a pipeline with errors has no artifact, not a partial set.
 *
 * @param project the project name ({@code project_name}), empty when the file could not be read
 * @param environments the environments generated, in order
 * @param files file name to content, in the order above; empty when there is an error
 * @param diagnostics every error and warning of reading, resolving and generating, each once,
 *     sorted by position
 * @param sentBytes per state machine file, the bytes Step Functions' size limit counts: the compact
 *     JSON the deployer sends, placeholders filled in at their longest, not the pretty-printed file
 *     (about half its size)
 */
public record ProjectArtifacts(
    String project,
    List<String> environments,
    Map<String, String> files,
    List<Diagnostic> diagnostics,
    Map<String, Long> sentBytes) {

  public static final String PIPELINE_JSON = "pipeline.json";
  public static final String PIPELINE_MMD = "pipeline.mmd";

  private static final Pattern ARTIFACT_FILE =
      Pattern.compile(
          "pipeline\\.json|pipeline\\.mmd"
              + "|state-machine\\.[^/\\\\]+\\.asl\\.json"
              + "|task-definition\\.[^/\\\\]+\\.json"
              + "|schedule\\.[^/\\\\]+\\.json");

  public ProjectArtifacts {
    Objects.requireNonNull(project, "project");
    environments = List.copyOf(environments);
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    diagnostics = List.copyOf(diagnostics);
    sentBytes = Map.copyOf(sentBytes);
  }

  /** Artifacts with no counted sizes. */
  public ProjectArtifacts(
      String project, List<String> environments, Map<String, String> files, List<Diagnostic> d) {
    this(project, environments, files, d, Map.of());
  }

  /** {@code state-machine.<env>.asl.json} */
  public static String stateMachineFile(String environment) {
    return "state-machine." + environment + ".asl.json";
  }

  /** {@code task-definition.<env>.json} */
  public static String taskDefinitionFile(String environment) {
    return "task-definition." + environment + ".json";
  }

  /** {@code schedule.<env>.json} */
  public static String scheduleFile(String environment) {
    return "schedule." + environment + ".json";
  }

  /** Whether a file name is one Esteira generates, for any environment. */
  public static boolean isArtifactFile(String fileName) {
    return ARTIFACT_FILE.matcher(fileName).matches();
  }

  /**
   * The artifacts of a read {@code config.yaml}, its reading diagnostics included. An empty {@code
   * environments} list means every environment the file declares.
   */
  public static ProjectArtifacts generate(Loaded loaded, List<String> environments) {
    if (loaded.config().isEmpty()) {
      return new ProjectArtifacts("", List.of(), Map.of(), sorted(loaded.diagnostics()));
    }
    return generate(loaded.config().get(), environments, CodeDefaults.NONE, loaded.diagnostics());
  }

  /** The artifacts of a YAML-only project; an empty list means every declared environment. */
  public static ProjectArtifacts generate(ProjectConfig config, List<String> environments) {
    return generate(config, environments, CodeDefaults.NONE, List.of());
  }

  /**
   * The artifacts of a project whose {@code @Pipeline} class declares {@code code}; an empty list
   * means every declared environment.
   */
  public static ProjectArtifacts generate(
      ProjectConfig config, List<String> environments, CodeDefaults code) {
    return generate(config, environments, code, List.of());
  }

  private static ProjectArtifacts generate(
      ProjectConfig config, List<String> environments, CodeDefaults code, List<Diagnostic> read) {
    List<String> declared = config.environments();
    List<String> wanted =
        environments.isEmpty() ? declared : List.copyOf(new LinkedHashSet<>(environments));
    Diagnostics problems = new Diagnostics();
    problems.addAll(read);
    Map<String, Resolved> resolved = new LinkedHashMap<>();
    for (String environment : wanted) {
      if (!declared.contains(environment)) {
        problems.error(
            EngineMessage.ARTIFACTS_UNKNOWN_ENVIRONMENT,
            SourcePosition.file(config.fileName()),
            environment,
            String.join(", ", declared),
            environment);
      } else {
        resolved.put(environment, config.resolve(environment, code));
      }
    }
    ProjectArtifacts artifacts =
        assemble(config.project(), wanted, resolved, problems.all(), Generators.aws(resolved));
    return artifacts.placedIn(config.fileName());
  }

  /**
   * The same artifacts with every diagnostic that has no origin (the generators' own, such as a
   * state machine over a Step Functions limit) placed in {@code fileName}, so each message names
   * the project it is about. One from an annotation keeps that origin.
   */
  private ProjectArtifacts placedIn(String fileName) {
    List<Diagnostic> placed =
        diagnostics.stream()
            .map(d -> d.origin().isPresent() ? d : d.at(SourcePosition.file(fileName)))
            .toList();
    return new ProjectArtifacts(project, environments, files, sorted(placed), sentBytes);
  }

  /**
   * Runs every generator on the resolved models, unless something before already failed. Package
   * private so tests can check which files a model gives without the AWS generators.
   */
  static ProjectArtifacts assemble(
      String project,
      List<String> environments,
      Map<String, Resolved> resolved,
      List<Diagnostic> earlier,
      Generators generators) {
    Set<Diagnostic> diagnostics = new LinkedHashSet<>(earlier);
    List<PipelineModel> models = new ArrayList<>();
    for (Resolved r : resolved.values()) {
      diagnostics.addAll(r.diagnostics());
      r.model().ifPresent(models::add);
    }
    if (hasError(diagnostics) || models.isEmpty()) {
      return new ProjectArtifacts(project, environments, Map.of(), sorted(diagnostics));
    }
    // Every tree first, the text last: once an error is known nothing is printed only to be
    // dropped (a refused pipeline of 1,000 steps has megabytes of it).
    Map<String, ObjectNode> trees = new LinkedHashMap<>();
    Map<String, Long> sent = new LinkedHashMap<>();
    Map<String, List<Diagnostic>> machineProblems = new LinkedHashMap<>();
    for (PipelineModel model : models) {
      String env = model.environment();
      if (model.batch().enabled()) {
        Generated stateMachine = generators.stateMachine().apply(model);
        machineProblems.put(env, stateMachine.diagnostics());
        if (!stateMachine.hasErrors()) {
          trees.put(stateMachineFile(env), stateMachine.json());
          sent.put(stateMachineFile(env), stateMachine.sentBytes());
        }
      }
      ObjectNode taskDefinition = generators.taskDefinition().apply(model);
      diagnostics.addAll(TaskDefinitionLimits.check(model, taskDefinition));
      trees.put(taskDefinitionFile(env), taskDefinition);
      if (model.batch().enabled() && model.schedule().hasExpression()) {
        trees.put(scheduleFile(env), generators.schedule().apply(model));
      }
    }
    diagnostics.addAll(namingEnvironments(machineProblems));
    if (hasError(diagnostics)) {
      return new ProjectArtifacts(project, environments, Map.of(), sorted(diagnostics));
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put(PIPELINE_JSON, Json.write(PipelineJsonGenerator.generate(models)));
    files.put(PIPELINE_MMD, MermaidGenerator.generate(models.get(0)));
    trees.forEach((file, tree) -> files.put(file, Json.write(tree)));
    return new ProjectArtifacts(project, environments, files, sorted(diagnostics), sent);
  }

  /** The limits of a whole state machine, which an environment's section can change. */
  private static final Set<EngineMessage> MACHINE_LIMITS =
      Set.of(EngineMessage.ASL_HISTORY_TOO_LONG, EngineMessage.ASL_DEFINITION_TOO_LARGE);

  /**
   * The state machine generators' diagnostics of every environment, a machine limit passed in only
   * some of them naming its environment: the same limit passed in every environment, in the same
   * words, stays one problem that names none. The generator sees one environment, so it leaves the
   * first argument of these messages empty for this to fill.
   */
  private static List<Diagnostic> namingEnvironments(Map<String, List<Diagnostic>> byEnvironment) {
    List<Diagnostic> named = new ArrayList<>();
    byEnvironment.forEach(
        (env, found) -> {
          for (Diagnostic d : found) {
            boolean everywhere =
                byEnvironment.values().stream().allMatch(other -> other.contains(d));
            if (everywhere
                || !(d.message() instanceof EngineMessage m)
                || !MACHINE_LIMITS.contains(m)) {
              named.add(d);
            } else {
              List<Object> args = new ArrayList<>(d.args());
              args.set(0, " of environment '" + env + "'");
              named.add(new Diagnostic(d.severity(), d.message(), args, d.origin()));
            }
          }
        });
    return named;
  }

  /** Whether any diagnostic is an error; when so, {@link #files} is empty. */
  public boolean hasErrors() {
    return hasError(diagnostics);
  }

  private static boolean hasError(Iterable<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }

  private static List<Diagnostic> sorted(Iterable<Diagnostic> diagnostics) {
    Diagnostics all = new Diagnostics();
    diagnostics.forEach(all::add);
    return all.all();
  }

  /** The generators whose output depends on AWS formats, as one seam. */
  record Generators(
      Function<PipelineModel, Generated> stateMachine,
      Function<PipelineModel, ObjectNode> taskDefinition,
      Function<PipelineModel, ObjectNode> schedule) {

    /**
     * The AWS generators for one project. The environments of a pipeline usually share its step
     * graph, so the state machine generator plans each distinct graph once.
     */
    static Generators aws() {
      return aws(Map.of());
    }

    /**
     * The same, the state machine of each environment told where {@code resolved} set its steps'
     * retries.
     */
    static Generators aws(Map<String, Resolved> resolved) {
      Map<List<List<String>>, ExecutionPlan> plans = new HashMap<>();
      Function<PipelineModel, ExecutionPlan> planner =
          model -> plans.computeIfAbsent(dependencies(model), k -> ExecutionPlan.of(model.graph()));
      return new Generators(
          model ->
              AslGenerator.generate(
                  model,
                  planner,
                  Optional.ofNullable(resolved.get(model.environment()))
                      .map(Resolved::retriesFrom)
                      .orElse(Map.of())),
          TaskDefinitionGenerator::generate,
          ScheduleGenerator::generate);
    }

    /** Each step's id then what it depends on, in declaration order: what its graph is made of. */
    private static List<List<String>> dependencies(PipelineModel model) {
      List<List<String>> key = new ArrayList<>(model.steps().size());
      for (StepModel step : model.steps()) {
        List<String> entry = new ArrayList<>(1 + step.dependsOn().size());
        entry.add(step.id());
        entry.addAll(step.dependsOn());
        key.add(entry);
      }
      return key;
    }
  }
}
