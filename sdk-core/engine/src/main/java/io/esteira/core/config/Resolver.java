package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.StepResolver.Draft;
import io.esteira.core.config.Values.Value;
import io.esteira.core.model.Batch;
import io.esteira.core.model.Infra;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RuntimeSettings;
import io.esteira.core.model.Schedule;
import io.esteira.core.schedule.ScheduleExpressions;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.Origin;
import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns the merged tree of one environment into a {@link PipelineModel}, applying the documented
 * defaults and the checks that need the merged result. Values of the wrong type read as absent
 * (they were reported when the file was read), so the defaults stand in for them and every other
 * problem is still found.
 */
final class Resolver {

  static final String PROVIDER_EC2 = "ec2";

  /** Compute used when config.yaml has no {@code infra} section. */
  static final String DEFAULT_EC2_TYPE = "m5.large";

  static final int DEFAULT_MIN_QUANTITY = 0;
  static final int DEFAULT_MAX_QUANTITY = 1;

  private final YamlNode.MapNode merged;
  private final YamlNode.MapNode section;
  private final String environment;
  private final CodeDefaults code;
  private final EnvironmentLayer layer;
  private final Diagnostics out;

  /** Where the merged tree sets {@code schedule.timeout_seconds}, when it does. */
  private Optional<SourcePosition> pipelineTimeoutAt = Optional.empty();

  /** Where the merged tree sets {@code schedule.retries}, as a message names it. */
  private String pipelineRetriesFrom = "";

  /** Where each step's retries were set, by step id; filled by {@link #resolve}. */
  private Map<String, String> retriesFrom = Map.of();

  /** Where the merged tree sets {@code infra.compute.ec2_type}, when it does. */
  private Optional<SourcePosition> ec2TypeAt = Optional.empty();

  Resolver(
      YamlNode.MapNode merged,
      YamlNode.MapNode section,
      String environment,
      CodeDefaults code,
      Diagnostics out) {
    this.merged = merged;
    this.section = section;
    this.environment = environment;
    this.code = code;
    this.layer = new EnvironmentLayer(environment, section);
    this.out = out;
  }

  /** The model, or empty when {@code out} holds an error. */
  Optional<PipelineModel> resolve() {
    String project = required("project_name", code.name(), "project_name: recsys");
    if (!merged.has("project_name")) {
      code.name()
          .ifPresent(
              name ->
                  Formats.projectName(name)
                      .ifPresent(
                          p ->
                              out.error(
                                  EngineMessage.CONFIG_PROJECT_NAME,
                                  Origin.pipeline("name"),
                                  name,
                                  p)));
    }
    String version = required("version", code.version(), "version: \"1.0.0\"");
    differsFromAnnotation(
        "project_name", code.name(), "the project is '%s', and every AWS name derives from it");
    differsFromAnnotation(
        "version", code.version(), "the version is '%s', and so is the image tag's");
    String description =
        Values.string(merged, "description")
            .map(Value::value)
            .orElse(code.description().orElse(""));
    Schedule schedule = schedule();
    Infra infra = infra();
    StepResolver steps =
        new StepResolver(
            schedule.timeoutSeconds(),
            pipelineTimeoutAt,
            schedule.retries(),
            pipelineRetriesFrom,
            layer,
            out);
    YamlNode.MapNode pipeline = Values.section(merged, "batch", "pipeline");
    List<Draft> drafts = steps.drafts(Values.items(pipeline, "steps"), code.steps());
    if (drafts.isEmpty()) {
      missingSteps(pipeline);
    }
    retriesFrom = StepResolver.retriesFrom(drafts);
    Dependencies.resolve(drafts, layer, out);
    StepData.check(drafts, layer, out);
    steps.checkTimeouts(drafts);
    InstanceFit.check(drafts, infra.ec2Type(), ec2TypeAt, layer, out);
    RuntimeSettings runtime = runtime();
    if (out.hasErrors()) {
      return Optional.empty();
    }
    YamlNode.MapNode batch = Values.section(merged, "batch");
    return Optional.of(
        new PipelineModel(
            project,
            description,
            version,
            environment,
            owners(),
            StepResolver.models(drafts),
            schedule,
            runtime,
            infra,
            notifications(),
            MlflowChecks.resolve(Values.section(merged, "mlflow"), project, environment),
            new Batch(
                Values.bool(batch, "enabled").map(Value::value).orElse(true),
                Values.string(batch, "orchestrator")
                    .map(Value::value)
                    .orElse(Batch.STEP_FUNCTIONS))));
  }

  /**
   * Where each step's retries were set, by step id, as a message names it ({@code
   * environments.stg.schedule.retries at config.yaml:20:5}); empty before {@link #resolve}.
   */
  Map<String, String> retriesFrom() {
    return retriesFrom;
  }

  /** A pipeline needs a step; a steps value of the wrong type was reported already. */
  private void missingSteps(YamlNode.MapNode pipeline) {
    Optional<YamlNode> steps = pipeline.get("steps");
    if (steps.isEmpty() || SchemaChecker.isNull(steps.get())) {
      out.error(
          EngineMessage.CONFIG_MISSING_KEY,
          steps.map(YamlNode::position).orElse(pipeline.position()),
          "steps",
          "batch.pipeline",
          "steps: [{id: train, command: \"python steps/train.py\"}]");
    } else if (steps.get() instanceof YamlNode.ListNode list && list.items().isEmpty()) {
      out.error(
          EngineMessage.CONFIG_INVALID_VALUE,
          list.position(),
          "batch.pipeline.steps",
          "empty",
          "a pipeline needs at least one step: add one, such as - id: train");
    }
  }

  /**
   * A top-level value of config.yaml that differs from the {@code @Pipeline} attribute setting the
   * same thing: config.yaml wins (annotation values are the lowest layer), but never silently. A
   * value an environment's section sets is that section's override, as intended.
   */
  private void differsFromAnnotation(String key, Optional<String> fromCode, String outcome) {
    Optional<Value<String>> value = Values.string(merged, key);
    if (value.isEmpty()
        || fromCode.isEmpty()
        || fromCode.get().isBlank()
        || value.get().value().equals(fromCode.get())
        || layer.sets(value.get().at())) {
      return;
    }
    out.warning(
        EngineMessage.CONFIG_ANNOTATION_DIFFERS,
        value.get().at(),
        key,
        value.get().value(),
        AttributeNames.pipelineAttribute(key),
        fromCode.get(),
        String.format(java.util.Locale.ROOT, outcome, value.get().value()));
  }

  /** The config value, else the annotation's, else a missing-key error (and a placeholder). */
  private String required(String key, Optional<String> fromCode, String example) {
    Optional<Value<String>> value = Values.string(merged, key);
    if (value.isPresent()) {
      return value.get().value();
    }
    if (fromCode.isPresent() && !fromCode.get().isBlank()) {
      return fromCode.get();
    }
    if (!merged.has(key)) {
      out.error(EngineMessage.CONFIG_MISSING_KEY, merged.position(), key, "the top level", example);
    }
    return "";
  }

  private Schedule schedule() {
    YamlNode.MapNode schedule = Values.section(merged, "schedule");
    Optional<Value<Integer>> timeoutValue = Values.integer(schedule, "timeout_seconds");
    pipelineTimeoutAt = timeoutValue.map(Value::at);
    int timeout = timeoutValue.map(Value::value).orElse(Schedule.DEFAULT_TIMEOUT_SECONDS);
    Optional<Value<Integer>> retriesValue = Values.integer(schedule, "retries");
    pipelineRetriesFrom = layer.describe("schedule.retries", retriesValue.map(Value::at));
    int retries = retriesValue.map(Value::value).orElse(Schedule.DEFAULT_RETRIES);
    String timezone =
        Values.string(schedule, "timezone").map(Value::value).orElse(Schedule.DEFAULT_TIMEZONE);
    Optional<Value<String>> cron =
        Values.string(schedule, "cron").filter(v -> !v.value().isBlank());
    String source = cron.map(v -> v.value().trim()).orElse("");
    String expression =
        cron.flatMap(v -> ScheduleExpressions.toScheduler(source, v.at(), new Diagnostics()))
            .orElse(""); // problems were reported where the file was checked
    Optional<Value<Boolean>> enabled = Values.bool(schedule, "enabled");
    boolean configured = enabled.map(Value::value).orElse(cron.isPresent());
    boolean sectionSays = Values.section(section, "schedule").has("enabled");
    boolean active = configured && (environment.equals("prd") || sectionSays);
    if (active && cron.isEmpty()) {
      // Only an environment whose schedule is active needs a time: prd, or one whose section
      // enables it; so the message names it, and the key as that environment writes it.
      SourcePosition at = enabled.map(Value::at).orElse(schedule.position());
      out.error(
          EngineMessage.CONFIG_MISSING_KEY,
          at,
          "cron",
          layer.sets(at) ? "environments." + environment + ".schedule" : "schedule",
          "cron: \"0 3 * * *\" ("
              + layer.key("schedule.enabled", at)
              + " is true, so the schedule of environment '"
              + environment
              + "' runs and needs a time)");
    }
    return new Schedule(active, source, expression, timezone, timeout, retries);
  }

  private RuntimeSettings runtime() {
    YamlNode.MapNode runtime = Values.section(merged, "runtime");
    Map<String, String> env = new TreeMap<>();
    for (YamlNode.Entry e : Values.entries(runtime, "env_vars")) {
      Optional<Value<String>> value = Values.text(e.value());
      if (value.isEmpty() || !usable(e.key())) {
        continue;
      }
      if (e.key().equals("ENV") && !value.get().value().equals(environment)) {
        out.warning(
            EngineMessage.CONFIG_ENV_OVERRIDDEN,
            value.get().at(),
            value.get().value(),
            environment,
            environment);
      }
      env.put(e.key(), value.get().value());
    }
    env.put("ENV", environment);
    Map<String, String> secrets = new TreeMap<>();
    for (YamlNode.Entry e : Values.entries(runtime, "secrets")) {
      Optional<Value<String>> value = Values.text(e.value());
      if (value.isEmpty() || !usable(e.key()) || e.key().equals("ENV")) {
        continue;
      }
      if (env.containsKey(e.key())) {
        SourcePosition envVarAt = envVarAt(runtime, e.key());
        out.error(
            EngineMessage.CONFIG_INVALID_VALUE,
            e.keyPosition(),
            layer.key("runtime.secrets." + e.key(), e.keyPosition()),
            "also set in "
                + layer.key("runtime.env_vars." + e.key(), envVarAt)
                + " at "
                + envVarAt
                + layer.in(e.keyPosition(), envVarAt),
            "a variable comes from one place: remove it from env_vars or from secrets");
      }
      secrets.put(e.key(), value.get().value());
    }
    return new RuntimeSettings(
        Values.string(runtime, "python_version").map(Value::value).orElse(""),
        Values.string(runtime, "requirements_file").map(Value::value).orElse(""),
        env,
        secrets);
  }

  private static SourcePosition envVarAt(YamlNode.MapNode runtime, String name) {
    return Values.entries(runtime, "env_vars").stream()
        .filter(v -> v.key().equals(name))
        .map(YamlNode.Entry::keyPosition)
        .findFirst()
        .orElse(runtime.position());
  }

  private static boolean usable(String name) {
    return Formats.envVarName(name) && ReservedVariables.remedy(name).isEmpty();
  }

  private Infra infra() {
    YamlNode.MapNode compute = Values.section(merged, "infra", "compute");
    Optional<Value<Integer>> min = Values.integer(compute, "min_quantity");
    Optional<Value<Integer>> max = Values.integer(compute, "max_quantity");
    int minimum = min.map(Value::value).orElse(DEFAULT_MIN_QUANTITY);
    int maximum = max.map(Value::value).orElse(DEFAULT_MAX_QUANTITY);
    if (minimum > maximum && minimum >= 0 && maximum >= 1) {
      SourcePosition at = min.map(Value::at).orElse(max.map(Value::at).orElse(compute.position()));
      Optional<SourcePosition> minAt = min.map(Value::at);
      Optional<SourcePosition> maxAt = max.map(Value::at);
      out.error(
          EngineMessage.CONFIG_QUANTITIES,
          at,
          minimum,
          layer.describe("infra.compute.min_quantity", minAt),
          maximum,
          layer.describe("infra.compute.max_quantity", maxAt),
          layer.in(minAt.orElse(null), maxAt.orElse(null)));
    }
    ec2TypeAt = Values.string(compute, "ec2_type").map(Value::at);
    return new Infra(
        Values.string(compute, "provider").map(Value::value).orElse(PROVIDER_EC2),
        Values.string(compute, "ec2_type").map(Value::value).orElse(DEFAULT_EC2_TYPE),
        minimum,
        maximum,
        Values.bool(compute, "spot").map(Value::value).orElse(false));
  }

  private Map<String, String> owners() {
    Map<String, String> owners = new TreeMap<>();
    for (YamlNode.Entry e : Values.entries(merged, "owners")) {
      Values.text(e.value()).ifPresent(v -> owners.put(e.key(), v.value()));
    }
    return owners;
  }

  private Notifications notifications() {
    YamlNode.MapNode n = Values.section(merged, "notifications");
    return new Notifications(
        Values.strings(n, "on_success").stream().map(Value::value).toList(),
        Values.strings(n, "on_failure").stream().map(Value::value).toList());
  }
}
