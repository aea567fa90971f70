package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.CodeDefaults.CodeStep;
import io.esteira.core.config.Values.Value;
import io.esteira.core.model.Resources;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Origin;
import io.esteira.diagnostics.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the steps of one environment: {@code @Step} methods first (in declaration order), each
 * overridden by the config step of the same id, then the config's command steps in file order;
 * defaults applied, then the ordering rule, dependencies, cycles and limits checked.
 */
final class StepResolver {

  private final int pipelineTimeout;
  private final Optional<SourcePosition> pipelineTimeoutAt;
  private final int defaultTimeout;
  private final int pipelineRetries;
  private final String pipelineRetriesFrom;
  private final EnvironmentLayer layer;
  private final Diagnostics out;

  /**
   * Steps resolved against the pipeline's timeout (written at {@code pipelineTimeoutAt}, or the
   * default) and retries (set where {@code pipelineRetriesFrom} says), in the environment of {@code
   * layer}.
   */
  StepResolver(
      int pipelineTimeout,
      Optional<SourcePosition> pipelineTimeoutAt,
      int pipelineRetries,
      String pipelineRetriesFrom,
      EnvironmentLayer layer,
      Diagnostics out) {
    this.pipelineTimeout = pipelineTimeout;
    this.pipelineTimeoutAt = pipelineTimeoutAt;
    this.defaultTimeout = Schedule.defaultStepTimeoutSeconds(pipelineTimeout);
    this.pipelineRetries = pipelineRetries;
    this.pipelineRetriesFrom = pipelineRetriesFrom;
    this.layer = layer;
    this.out = out;
  }

  /**
   * A step being resolved; origins say where each value came from, for diagnostics: a place in
   * config.yaml, or the {@code @Step} attribute that set it (or would set it, for a default).
   */
  static final class Draft {
    final String id;
    final Origin at;
    String name;
    StepAction action;
    double cpu = Resources.DEFAULT_CPU;
    Origin cpuAt;
    boolean cpuIsDefault = true;
    double memoryGb = Resources.DEFAULT_MEMORY_GB;
    Origin memoryAt;
    boolean memoryIsDefault = true;
    int timeout;
    Origin timeoutAt;

    /** Whether the annotation or config.yaml set the timeout (else it is the default). */
    boolean timeoutWritten;

    int retries;

    /** Where the retries were set, as a message names it: a key and its line, or an attribute. */
    String retriesFrom;

    boolean declaresDependencies;
    final List<String> dependsOn = new ArrayList<>();
    final List<Origin> dependsOnAt = new ArrayList<>();
    final List<String> inputs = new ArrayList<>();
    final List<Origin> inputsAt = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    final List<Origin> outputsAt = new ArrayList<>();

    Draft(String id, Origin at) {
      this(id, at, at, at, at);
    }

    Draft(String id, Origin at, Origin cpuAt, Origin memoryAt, Origin timeoutAt) {
      this.id = id;
      this.at = at;
      this.cpuAt = cpuAt;
      this.memoryAt = memoryAt;
      this.timeoutAt = timeoutAt;
    }
  }

  /** The steps in model order, with dependencies not yet resolved. */
  List<Draft> drafts(List<YamlNode> configSteps, List<CodeStep> codeSteps) {
    Map<String, YamlNode.MapNode> byId = new LinkedHashMap<>();
    for (YamlNode item : configSteps) {
      if (item instanceof YamlNode.MapNode step) {
        Values.string(step, "id").ifPresent(id -> byId.putIfAbsent(id.value(), step));
      }
    }
    List<Draft> drafts = new ArrayList<>();
    for (CodeStep code : codeSteps) {
      Draft draft = fromCode(code);
      YamlNode.MapNode config = byId.remove(code.id());
      if (config != null) {
        Values.string(config, "command")
            .ifPresent(
                v ->
                    out.error(
                        EngineMessage.CONFIG_COMMAND_FOR_METHOD,
                        v.at(),
                        code.id(),
                        code.action().className() + "." + code.action().methodName() + "()"));
        applyConfig(draft, config);
      }
      drafts.add(draft);
    }
    for (YamlNode.MapNode config : byId.values()) {
      Value<String> id = Values.string(config, "id").orElseThrow();
      Draft draft = new Draft(id.value(), id.at());
      Optional<Value<String>> command = Values.string(config, "command");
      if (command.isPresent()) {
        draft.action = new StepAction.Command(command.get().value());
      } else if (!codeSteps.isEmpty()) {
        out.error(
            EngineMessage.CONFIG_STEP_WITHOUT_ACTION,
            id.at(),
            id.value(),
            codeSteps.get(0).action().className(),
            DidYouMean.aside(id.value(), codeSteps.stream().map(CodeStep::id).toList()));
      } else if (!config.has("command")) {
        out.error(
            EngineMessage.CONFIG_MISSING_KEY,
            config.position(),
            "command",
            "step '" + id.value() + "'",
            "command: \"python steps/" + id.value() + ".py\"");
      }
      draft.name = capitalise(id.value());
      draft.timeout = defaultTimeout;
      draft.retries = pipelineRetries;
      draft.retriesFrom = pipelineRetriesFrom;
      applyConfig(draft, config);
      drafts.add(draft);
    }
    return drafts;
  }

  private Draft fromCode(CodeStep code) {
    String id = code.id();
    Draft draft =
        new Draft(
            id,
            Origin.step(id, ""),
            AttributeNames.step(id, "resources.cpu"),
            AttributeNames.step(id, "resources.memory_gb"),
            AttributeNames.step(id, "timeout_seconds"));
    draft.action = code.action();
    draft.name = code.name().filter(n -> !n.isBlank()).orElse(capitalise(code.id()));
    if (code.cpu().isPresent()) {
      draft.cpu = code.cpu().getAsDouble();
      draft.cpuIsDefault = false;
      codeRange(
          draft.cpu >= ValueChecker.MIN_CPU,
          AttributeNames.step(id, "resources.cpu"),
          draft.cpu,
          "at least 0.125 vCPU");
    }
    if (code.memoryGb().isPresent()) {
      draft.memoryGb = code.memoryGb().getAsDouble();
      draft.memoryIsDefault = false;
      codeRange(
          draft.memoryGb >= ValueChecker.MIN_MEMORY_GB,
          AttributeNames.step(id, "resources.memory_gb"),
          draft.memoryGb,
          "positive");
    }
    draft.timeout = defaultTimeout;
    if (code.timeoutSeconds().isPresent()) {
      draft.timeout = code.timeoutSeconds().getAsInt();
      draft.timeoutWritten = true;
      codeRange(
          draft.timeout >= ValueChecker.MIN_TIMEOUT_SECONDS,
          AttributeNames.step(id, "timeout_seconds"),
          draft.timeout,
          "at least 60 seconds");
    }
    draft.retries = pipelineRetries;
    draft.retriesFrom = pipelineRetriesFrom;
    if (code.retries().isPresent()) {
      draft.retries = code.retries().getAsInt();
      draft.retriesFrom = "@Step(retries) of step '" + id + "'";
      codeRange(
          draft.retries >= 0 && draft.retries <= ValueChecker.MAX_RETRIES,
          AttributeNames.step(id, "retries"),
          draft.retries,
          "between 0 and 10");
    }
    if (!code.after().isEmpty()) {
      draft.declaresDependencies = true;
      Origin.StepAttribute after = AttributeNames.step(id, "depends_on");
      for (int i = 0; i < code.after().size(); i++) {
        draft.dependsOn.add(code.after().get(i));
        draft.dependsOnAt.add(after.item(i));
      }
    }
    Origin.StepAttribute inputs = AttributeNames.step(id, "inputs");
    for (int i = 0; i < code.inputs().size(); i++) {
      draft.inputs.add(code.inputs().get(i));
      draft.inputsAt.add(inputs.item(i));
    }
    Origin.StepAttribute outputs = AttributeNames.step(id, "outputs");
    for (int i = 0; i < code.outputs().size(); i++) {
      draft.outputs.add(code.outputs().get(i));
      draft.outputsAt.add(outputs.item(i));
    }
    return draft;
  }

  private void codeRange(boolean ok, Origin.StepAttribute at, double value, String limit) {
    if (!ok) {
      out.error(
          EngineMessage.CONFIG_OUT_OF_RANGE,
          at,
          AttributeNames.stepKey("", at),
          ValueChecker.number(value) + " for step '" + at.stepId() + "'",
          limit,
          "change the annotation, or override it in config.yaml");
    }
  }

  private void applyConfig(Draft draft, YamlNode.MapNode config) {
    Values.string(config, "name").ifPresent(v -> draft.name = v.value());
    YamlNode.MapNode resources = Values.section(config, "resources");
    Values.number(resources, "cpu")
        .ifPresent(
            v -> {
              draft.cpu = v.value();
              draft.cpuAt = v.at();
              draft.cpuIsDefault = false;
            });
    Values.number(resources, "memory_gb")
        .ifPresent(
            v -> {
              draft.memoryGb = v.value();
              draft.memoryAt = v.at();
              draft.memoryIsDefault = false;
            });
    Values.integer(config, "timeout_seconds")
        .ifPresent(
            v -> {
              draft.timeout = v.value();
              draft.timeoutAt = v.at();
              draft.timeoutWritten = true;
            });
    Values.integer(config, "retries")
        .ifPresent(
            v -> {
              draft.retries = v.value();
              draft.retriesFrom =
                  "the retries of step '"
                      + draft.id
                      + "'"
                      + (layer.sets(v.at()) ? " in environments." + layer.environment() : "")
                      + " at "
                      + v.at();
            });
    if (config.has("depends_on")) {
      draft.declaresDependencies = true;
      draft.dependsOn.clear();
      draft.dependsOnAt.clear();
      for (Value<String> dep : Values.strings(config, "depends_on")) {
        draft.dependsOn.add(dep.value());
        draft.dependsOnAt.add(dep.at());
      }
    }
    replaceList(config, "inputs", draft.inputs, draft.inputsAt);
    replaceList(config, "outputs", draft.outputs, draft.outputsAt);
  }

  /** A list config.yaml writes replaces the annotation's (or a lower layer's) whole list. */
  private static void replaceList(
      YamlNode.MapNode config, String key, List<String> values, List<Origin> origins) {
    if (config.has(key)) {
      values.clear();
      origins.clear();
      for (Value<String> v : Values.strings(config, key)) {
        values.add(v.value());
        origins.add(v.at());
      }
    }
  }

  /**
   * A step longer than the whole pipeline would be cut off by the pipeline's own timeout: an error.
   * One longer than the default ({@link Schedule#defaultStepTimeoutSeconds}) leaves no room for its
   * own timeout to be caught and reported before the execution's: a warning, since the step may
   * finish in time, and the execution-level notice still reports the timed-out execution.
   *
   * <p>Either value may come from an environment's section: then the message names the environment
   * and the pipeline timeout's key as that section writes it, with its line; the step's value is
   * named as written ({@code @Step(timeout)} or {@code timeout_seconds}) and placed where it is.
   */
  void checkTimeouts(List<Draft> drafts) {
    Origin pipelineAt = pipelineTimeoutAt.orElse(null);
    String pipelineKey = layer.key("schedule.timeout_seconds", pipelineAt);
    String pipelineWhere = layer.describe("schedule.timeout_seconds", pipelineTimeoutAt);
    for (Draft d : drafts) {
      if (!d.timeoutWritten) {
        continue; // within a valid pipeline timeout by construction; an invalid one is reported
      }
      String stepKey = AttributeNames.stepKey("timeout_seconds", d.timeoutAt);
      String in = layer.in(d.timeoutAt, pipelineAt);
      if (d.timeout > defaultTimeout
          && d.timeout <= pipelineTimeout
          && d.timeout >= ValueChecker.MIN_TIMEOUT_SECONDS) {
        out.warning(
            EngineMessage.CONFIG_STEP_TIMEOUT_NO_ROOM,
            d.timeoutAt,
            d.id,
            in,
            d.timeout,
            pipelineTimeout,
            pipelineWhere,
            Schedule.STEP_TIMEOUT_MARGIN_SECONDS,
            stepKey,
            defaultTimeout,
            pipelineKey);
      }
      if (d.timeout > pipelineTimeout
          && d.timeout >= ValueChecker.MIN_TIMEOUT_SECONDS
          && d.timeout <= ValueChecker.MAX_TIMEOUT_SECONDS) {
        out.error(
            EngineMessage.CONFIG_OUT_OF_RANGE,
            d.timeoutAt,
            stepKey,
            d.timeout + " for step '" + d.id + "'" + in,
            "at most the pipeline timeout, " + pipelineTimeout + " seconds (" + pipelineWhere + ")",
            "lower it, or raise " + pipelineKey);
      }
    }
  }

  /** Where each step's retries were set, by step id, as a message about them names it. */
  static Map<String, String> retriesFrom(List<Draft> drafts) {
    Map<String, String> from = new LinkedHashMap<>();
    drafts.forEach(d -> from.put(d.id, d.retriesFrom));
    return from;
  }

  /** The models, once every check has passed. */
  static List<StepModel> models(List<Draft> drafts) {
    List<StepModel> steps = new ArrayList<>();
    for (Draft d : drafts) {
      steps.add(
          new StepModel(
              d.id,
              d.name,
              d.action,
              new Resources(d.cpu, d.memoryGb),
              d.timeout,
              RetryPolicy.forStep(d.retries),
              RetryPolicy.forInfrastructure(),
              d.dependsOn,
              d.inputs.stream().map(StepData::parse).toList(),
              d.outputs));
    }
    return steps;
  }

  /** {@code extract_features} becomes {@code Extract Features}. */
  static String capitalise(String id) {
    StringBuilder name = new StringBuilder();
    for (String word : id.split("_")) {
      if (word.isEmpty()) {
        continue;
      }
      if (name.length() > 0) {
        name.append(' ');
      }
      name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
    }
    return name.length() == 0 ? id : name.toString();
  }
}
