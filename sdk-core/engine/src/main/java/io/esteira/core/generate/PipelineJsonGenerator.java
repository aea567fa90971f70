package io.esteira.core.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.model.Batch;
import io.esteira.core.model.Infra;
import io.esteira.core.model.MlflowSettings;
import io.esteira.core.model.Notifications;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.RuntimeSettings;
import io.esteira.core.model.Schedule;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Generates {@code pipeline.json}: the resolved model of a pipeline in every environment generated,
 * the file the local runner and the deployer read. {@code docs/artifacts.md} describes the format.
 *
 * <p>Keys come in a fixed order; maps with no meaningful order (owners, env vars, secrets) are
 * sorted by the model already. Secrets appear as references (SSM parameter or ARN), never values.
 */
public final class PipelineJsonGenerator {

  /**
   * The format version, raised whenever a change would make an older reader misread the file;
   * readers refuse a version they do not know. Version 2 added steps' {@code inputs} and {@code
   * outputs}: a version-1 reader would have run such a pipeline without handing its data over.
   */
  public static final int FORMAT_VERSION = 2;

  private PipelineJsonGenerator() {}

  /**
   * The document for these models, one per environment, in the order given.
   *
   * @throws IllegalArgumentException when {@code models} is empty, names two projects or repeats an
   *     environment
   */
  public static ObjectNode generate(List<PipelineModel> models) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("pipeline.json needs at least one environment");
    }
    PipelineModel first = models.get(0);
    ObjectNode root = Json.object();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("project", first.project());
    root.put("description", first.description());
    root.put("version", first.version());
    ObjectNode environments = root.putObject("environments");
    for (PipelineModel model : models) {
      if (!model.project().equals(first.project())) {
        throw new IllegalArgumentException(
            "one pipeline.json per project, but got "
                + first.project()
                + " and "
                + model.project());
      }
      if (environments.has(model.environment())) {
        throw new IllegalArgumentException("environment given twice: " + model.environment());
      }
      environments.set(model.environment(), environment(model));
    }
    return root;
  }

  private static ObjectNode environment(PipelineModel model) {
    ObjectNode env = Json.object();
    // Repeated per environment because an environments.<env> section may change it, and the
    // image tag (<project>-<version>) follows it.
    env.put("version", model.version());
    env.set("owners", strings(model.owners()));
    ArrayNode steps = env.putArray("steps");
    model.steps().forEach(step -> steps.add(step(step)));
    env.set("schedule", schedule(model.schedule()));
    env.set("runtime", runtime(model.runtime()));
    env.set("infra", infra(model.infra()));
    env.set("notifications", notifications(model.notifications()));
    env.set("mlflow", mlflow(model.mlflow()));
    env.set("batch", batch(model.batch()));
    return env;
  }

  private static ObjectNode step(StepModel step) {
    ObjectNode node = Json.object();
    node.put("id", step.id());
    node.put("name", step.name());
    node.set("action", action(step.action()));
    ObjectNode resources = node.putObject("resources");
    resources.put("cpu", step.resources().cpu());
    resources.put("memoryGb", step.resources().memoryGb());
    node.put("timeoutSeconds", step.timeoutSeconds());
    node.set("retry", retry(step.retry()));
    node.set("infraRetry", retry(step.infraRetry()));
    ArrayNode dependsOn = node.putArray("dependsOn");
    step.dependsOn().forEach(dependsOn::add);
    // Left out when empty, so a pipeline that hands no data over reads as it did in version 1.
    if (!step.inputs().isEmpty()) {
      ArrayNode inputs = node.putArray("inputs");
      step.inputs().forEach(input -> inputs.add(input.toString()));
    }
    if (!step.outputs().isEmpty()) {
      ArrayNode outputs = node.putArray("outputs");
      step.outputs().forEach(outputs::add);
    }
    return node;
  }

  private static ObjectNode action(StepAction action) {
    ObjectNode node = Json.object();
    if (action instanceof StepAction.Command command) {
      node.put("kind", "command");
      node.put("command", command.command());
    } else if (action instanceof StepAction.JavaMethod method) {
      node.put("kind", "java");
      node.put("className", method.className());
      node.put("methodName", method.methodName());
      node.put("takesContext", method.takesContext());
    } else {
      throw new IllegalArgumentException("unknown step action " + action);
    }
    return node;
  }

  private static ObjectNode retry(RetryPolicy retry) {
    ObjectNode node = Json.object();
    node.put("maxAttempts", retry.maxAttempts());
    node.put("intervalSeconds", retry.intervalSeconds());
    node.put("backoffRate", retry.backoffRate());
    node.put("maxDelaySeconds", retry.maxDelaySeconds());
    node.put("jitter", retry.jitter());
    return node;
  }

  private static ObjectNode schedule(Schedule schedule) {
    ObjectNode node = Json.object();
    node.put("enabled", schedule.enabled());
    node.put("source", schedule.source());
    node.put("expression", schedule.expression());
    node.put("timezone", schedule.timezone());
    node.put("timeoutSeconds", schedule.timeoutSeconds());
    node.put("retries", schedule.retries());
    return node;
  }

  private static ObjectNode runtime(RuntimeSettings runtime) {
    ObjectNode node = Json.object();
    node.put("pythonVersion", runtime.pythonVersion());
    node.put("requirementsFile", runtime.requirementsFile());
    node.set("envVars", strings(runtime.envVars()));
    node.set("secrets", strings(runtime.secrets()));
    return node;
  }

  private static ObjectNode infra(Infra infra) {
    ObjectNode node = Json.object();
    node.put("provider", infra.provider());
    node.put("ec2Type", infra.ec2Type());
    node.put("minQuantity", infra.minQuantity());
    node.put("maxQuantity", infra.maxQuantity());
    node.put("spot", infra.spot());
    return node;
  }

  private static ObjectNode notifications(Notifications notifications) {
    ObjectNode node = Json.object();
    ArrayNode onSuccess = node.putArray("onSuccess");
    notifications.onSuccess().forEach(onSuccess::add);
    ArrayNode onFailure = node.putArray("onFailure");
    notifications.onFailure().forEach(onFailure::add);
    return node;
  }

  private static ObjectNode mlflow(MlflowSettings mlflow) {
    ObjectNode node = Json.object();
    node.put("experiment", mlflow.experiment());
    ArrayNode models = node.putArray("models");
    for (MlflowSettings.ModelGate gate : mlflow.models()) {
      ObjectNode model = models.addObject();
      model.put("model", gate.model());
      model.put("kind", gate.kind().name().toLowerCase(Locale.ROOT));
      model.put("value", gate.value());
    }
    return node;
  }

  private static ObjectNode batch(Batch batch) {
    ObjectNode node = Json.object();
    node.put("enabled", batch.enabled());
    node.put("orchestrator", batch.orchestrator());
    return node;
  }

  /** The model's maps are sorted already; iterating them keeps that order. */
  private static ObjectNode strings(Map<String, String> map) {
    ObjectNode node = Json.object();
    map.forEach(node::put);
    return node;
  }
}
