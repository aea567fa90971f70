package io.esteira.core.config;

import io.esteira.core.EngineMessage;
import io.esteira.core.config.Values.Value;
import io.esteira.core.infra.InstanceType;
import io.esteira.core.infra.InstanceTypes;
import io.esteira.core.model.Batch;
import io.esteira.core.schedule.ScheduleExpressions;
import io.esteira.core.yaml.YamlNode;
import io.esteira.diagnostics.Diagnostics;
import io.esteira.diagnostics.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each value as written, where it is written: the top level and every environment section
 * once each, so a bad value is reported once at its own line whichever environments use it. Checks
 * that need the merged result of an environment (dependencies, fit, cross-field limits) are in
 * {@link Resolver}.
 */
final class ValueChecker {

  /** Step Functions stops a standard workflow execution after one year. */
  static final int MAX_TIMEOUT_SECONDS = 31_536_000;

  static final int MIN_TIMEOUT_SECONDS = io.esteira.core.model.Schedule.MIN_TIMEOUT_SECONDS;
  static final int MAX_RETRIES = 10;

  /** ECS's smallest task on EC2: 128 CPU units. */
  static final double MIN_CPU = 0.125;

  /** ECS's smallest container memory: 6 MiB. */
  static final double MIN_MEMORY_GB = 6.0 / 1024;

  private final Diagnostics out;
  private final List<String> environments;

  private ValueChecker(List<String> environments, Diagnostics out) {
    this.environments = environments;
    this.out = out;
  }

  /**
   * Checks the top level ({@code prefix} empty) or one environment section; {@code environments}
   * are the project's, which {@code mlflow} requirements may name.
   */
  static void check(
      YamlNode.MapNode section, String prefix, List<String> environments, Diagnostics out) {
    new ValueChecker(environments, out).section(section, prefix);
  }

  private void section(YamlNode.MapNode root, String prefix) {
    Values.string(root, "project_name")
        .filter(v -> prefix.isEmpty()) // in an environment section it is refused outright
        .ifPresent(
            v ->
                Formats.projectName(v.value())
                    .ifPresent(
                        p -> out.error(EngineMessage.CONFIG_PROJECT_NAME, v.at(), v.value(), p)));
    Values.string(root, "version")
        .ifPresent(
            v ->
                Formats.version(v.value())
                    .ifPresent(p -> out.error(EngineMessage.CONFIG_VERSION, v.at(), v.value(), p)));
    emails(
        Values.entries(root, "owners").stream()
            .map(e -> Values.text(e.value()))
            .flatMap(Optional::stream)
            .toList(),
        path(prefix, "owners"));
    Values.string(Values.section(root, "owners"), "tech_owner")
        .filter(v -> Formats.email(v.value()))
        .ifPresent(
            v ->
                Formats.tagValueProblem(v.value())
                    .ifPresent(
                        p ->
                            out.error(
                                EngineMessage.CONFIG_OWNER_TAG,
                                v.at(),
                                v.value(),
                                path(prefix, "owners.tech_owner"),
                                p)));
    schedule(Values.section(root, "schedule"), path(prefix, "schedule"));
    runtime(Values.section(root, "runtime"), path(prefix, "runtime"));
    batch(Values.section(root, "batch"), path(prefix, "batch"));
    infra(Values.section(root, "infra", "compute"), path(prefix, "infra.compute"));
    YamlNode.MapNode notifications = Values.section(root, "notifications");
    emails(Values.strings(notifications, "on_success"), path(prefix, "notifications.on_success"));
    emails(Values.strings(notifications, "on_failure"), path(prefix, "notifications.on_failure"));
    MlflowChecks.check(Values.section(root, "mlflow"), path(prefix, "mlflow"), environments, out);
  }

  private void schedule(YamlNode.MapNode schedule, String path) {
    Values.integer(schedule, "timeout_seconds")
        .ifPresent(
            v ->
                timeout(
                    v,
                    path + ".timeout_seconds",
                    "31,536,000 seconds (one year, the longest a Step Functions execution runs)"));
    Values.integer(schedule, "retries").ifPresent(v -> retries(v, path + ".retries"));
    Values.string(schedule, "timezone")
        .filter(v -> !Formats.timezone(v.value()))
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_TIMEZONE,
                    v.at(),
                    v.value(),
                    DidYouMean.aside(v.value(), Formats.ZONES)));
    Values.string(schedule, "cron")
        .filter(v -> !v.value().isBlank())
        .ifPresent(v -> ScheduleExpressions.toScheduler(v.value().trim(), v.at(), out));
  }

  private void runtime(YamlNode.MapNode runtime, String path) {
    for (YamlNode.Entry e : Values.entries(runtime, "env_vars")) {
      if (!variableName(e)) {
        continue;
      }
      if (Formats.looksSecret(e.key())) {
        out.error(
            EngineMessage.CONFIG_SECRET_IN_ENV_VARS,
            e.keyPosition(),
            e.key(),
            e.key(),
            e.key().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    }
    for (YamlNode.Entry e : Values.entries(runtime, "secrets")) {
      if (!variableName(e)) {
        continue;
      }
      if (e.key().equals("ENV")) {
        out.error(
            EngineMessage.CONFIG_RESERVED_ENV_VAR,
            e.keyPosition(),
            "ENV",
            "it is always the environment being deployed: remove it from runtime.secrets");
        continue;
      }
      Values.text(e.value())
          .ifPresent(
              v ->
                  Formats.secretReference(v.value())
                      .ifPresent(
                          p ->
                              out.error(
                                  EngineMessage.CONFIG_SECRET_REFERENCE,
                                  v.at(),
                                  e.key(),
                                  v.value(),
                                  p)));
    }
  }

  /** Checks a variable name of env_vars or secrets; false when it is reported. */
  private boolean variableName(YamlNode.Entry e) {
    String name = e.key();
    if (!Formats.envVarName(name)) {
      out.error(EngineMessage.CONFIG_ENV_VAR_NAME, e.keyPosition(), name);
      return false;
    }
    Optional<String> reserved = ReservedVariables.remedy(name);
    reserved.ifPresent(
        r -> out.error(EngineMessage.CONFIG_RESERVED_ENV_VAR, e.keyPosition(), name, r));
    return reserved.isEmpty();
  }

  private void batch(YamlNode.MapNode batch, String path) {
    Values.string(batch, "orchestrator")
        .filter(v -> !v.value().equals(Batch.STEP_FUNCTIONS))
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_UNSUPPORTED,
                    v.at(),
                    path + ".orchestrator",
                    v.value(),
                    "AWS Step Functions",
                    "orchestrator",
                    Batch.STEP_FUNCTIONS));
    YamlNode.MapNode pipeline = Values.section(batch, "pipeline");
    List<YamlNode> steps = Values.items(pipeline, "steps");
    Map<String, SourcePosition> seen = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof YamlNode.MapNode step) {
        step(step, path + ".pipeline.steps[" + i + "]", seen);
      }
    }
  }

  private void step(YamlNode.MapNode step, String path, Map<String, SourcePosition> seen) {
    Optional<Value<String>> id = Values.string(step, "id");
    if (!step.has("id")) {
      out.error(
          EngineMessage.CONFIG_MISSING_KEY, step.position(), "id", path, "id: extract_features");
    }
    id.ifPresent(
        v -> {
          Formats.stepId(v.value())
              .ifPresent(p -> out.error(EngineMessage.CONFIG_STEP_ID, v.at(), v.value(), p));
          SourcePosition first = seen.putIfAbsent(v.value(), v.at());
          if (first != null) {
            out.error(EngineMessage.CONFIG_DUPLICATE_STEP, v.at(), v.value(), first.line());
          }
        });
    Values.string(step, "command")
        .filter(v -> v.value().isBlank())
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_INVALID_VALUE,
                    v.at(),
                    path + ".command",
                    "blank",
                    "write the command the step runs, such as python steps/train.py"));
    Values.integer(step, "timeout_seconds")
        .ifPresent(
            v ->
                timeout(
                    v,
                    path + ".timeout_seconds",
                    "the pipeline timeout (schedule.timeout_seconds)"));
    Values.integer(step, "retries").ifPresent(v -> retries(v, path + ".retries"));
    YamlNode.MapNode resources = Values.section(step, "resources");
    Values.number(resources, "cpu")
        .filter(v -> v.value() < MIN_CPU)
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_OUT_OF_RANGE,
                    v.at(),
                    path + ".resources.cpu",
                    number(v.value()),
                    "at least 0.125 vCPU (128 ECS CPU units, the smallest task ECS runs)",
                    "write cpu: 0.25 or more"));
    Values.number(resources, "memory_gb")
        .filter(v -> v.value() < MIN_MEMORY_GB)
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_OUT_OF_RANGE,
                    v.at(),
                    path + ".resources.memory_gb",
                    number(v.value()),
                    "positive (at least 6 MiB, the smallest container ECS runs)",
                    "write memory_gb: 0.5 or more"));
  }

  private void infra(YamlNode.MapNode compute, String path) {
    Values.string(compute, "provider")
        .filter(v -> !v.value().equals(Resolver.PROVIDER_EC2))
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_UNSUPPORTED,
                    v.at(),
                    path + ".provider",
                    v.value(),
                    "EC2 capacity behind an ECS capacity provider",
                    "provider",
                    Resolver.PROVIDER_EC2));
    Values.string(compute, "ec2_type")
        .ifPresent(
            v -> {
              if (InstanceTypes.find(v.value()).isEmpty()) {
                List<String> names = InstanceTypes.all().stream().map(InstanceType::name).toList();
                String hint = DidYouMean.suffix(v.value(), names);
                if (!InstanceTypes.hasEc2Shape(v.value())) {
                  out.error(
                      EngineMessage.CONFIG_INSTANCE_TYPE_NAME,
                      v.at(),
                      v.value(),
                      hint.isEmpty() ? "; write a type EC2 lists, such as t3.xlarge" : hint);
                  return;
                }
                out.warning(
                    EngineMessage.CONFIG_UNKNOWN_INSTANCE_TYPE,
                    v.at(),
                    v.value(),
                    hint.isEmpty()
                        ? "; check the name, or ignore this warning for a type Esteira does not list"
                        : hint);
              }
            });
    Values.integer(compute, "min_quantity")
        .filter(v -> v.value() < 0)
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_OUT_OF_RANGE,
                    v.at(),
                    path + ".min_quantity",
                    v.value(),
                    "0 or more",
                    "write min_quantity: 0 to let the group scale to no instance between runs"));
    Values.integer(compute, "max_quantity")
        .filter(v -> v.value() < 1)
        .ifPresent(
            v ->
                out.error(
                    EngineMessage.CONFIG_OUT_OF_RANGE,
                    v.at(),
                    path + ".max_quantity",
                    v.value(),
                    "at least 1 (with no instance no step can ever run)",
                    "write max_quantity: 1 or more"));
  }

  private void timeout(Value<Integer> v, String path, String maxText) {
    if (v.value() < MIN_TIMEOUT_SECONDS || v.value() > MAX_TIMEOUT_SECONDS) {
      out.error(
          EngineMessage.CONFIG_OUT_OF_RANGE,
          v.at(),
          path,
          v.value(),
          "between 60 seconds and " + maxText,
          "write the limit in seconds, such as 3600 for one hour");
    }
  }

  private void retries(Value<Integer> v, String path) {
    if (v.value() < 0 || v.value() > MAX_RETRIES) {
      out.error(
          EngineMessage.CONFIG_OUT_OF_RANGE,
          v.at(),
          path,
          v.value(),
          "between 0 and " + MAX_RETRIES,
          "a step that fails more often than that needs fixing, not retrying");
    }
  }

  private void emails(List<Value<String>> addresses, String path) {
    for (Value<String> v : addresses) {
      if (!Formats.email(v.value())) {
        out.error(EngineMessage.CONFIG_EMAIL, v.at(), v.value(), path);
      }
    }
  }

  private static String path(String prefix, String key) {
    return prefix.isEmpty() ? key : prefix + "." + key;
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? String.valueOf((long) value)
        : String.valueOf(value);
  }
}
