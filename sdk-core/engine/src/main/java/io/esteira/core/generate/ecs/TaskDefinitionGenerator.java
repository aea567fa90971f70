package io.esteira.core.generate.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.ResourceNames;
import io.esteira.core.model.Resources;
import io.esteira.core.model.StepModel;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Generates the body of ECS RegisterTaskDefinition for a pipeline in one environment.
 *
 * <p>One task definition, with one container, serves every step. Its task-level {@code cpu} and
 * {@code memory} (strings, as the API takes them) and the container's (integers) are those of the
 * largest step, CPU and memory taken separately; the state machine overrides both for each step at
 * run time, so the container never asks for more than its task. The container has no command: each
 * step's command is a container override too. The network mode is {@code awsvpc}, so every task
 * gets its own network interface (and an instance runs only as many tasks at once as it has
 * interfaces to spare).
 *
 * <p>The container's environment is {@code runtime.env_vars} plus {@code MLFLOW_TRACKING_URI},
 * {@code MLFLOW_S3_ENDPOINT_URL}, {@code MLFLOW_EXPERIMENT_NAME}, {@code ENV} (the environment) and
 * {@code ESTEIRA_PROJECT} (the project), which win over variables of the same name; the state
 * machine adds only what differs per step and per run; secrets are passed by reference ({@code
 * valueFrom}), so their values never appear in the artifact. Logs go to the project's log group
 * {@code /ecs/<project>} with the environment as stream prefix: streams are named {@code
 * <environment>/<project>/<task id>}, so dev and prd runs sharing one log group stay apart and each
 * stream leads to its task. The group is not created by the task ({@code awslogs-create-group}
 * would need {@code logs:CreateLogGroup} on the execution role): the deployer creates it. Keys are
 * inserted in a fixed order and lists sorted by name, so the same model gives the same bytes.
 */
public final class TaskDefinitionGenerator {

  /** The tag every resource Esteira manages carries, so the deployer can find its own. */
  static final String MANAGED_BY = "esteira";

  /** The variable naming the attempt's work directory. */
  static final String WORK_DIR_VARIABLE = "ESTEIRA_WORK_DIR";

  private TaskDefinitionGenerator() {}

  /** The RegisterTaskDefinition request, as {@code --cli-input-json} takes it. */
  public static ObjectNode generate(PipelineModel model) {
    ResourceNames names = model.names();
    int cpu = largest(model, Resources::cpuUnits);
    int memory = largest(model, Resources::memoryMiB);

    ObjectNode request = Json.object();
    request.put("family", names.taskDefinitionFamily());
    request.putArray("requiresCompatibilities").add("EC2");
    request.put("networkMode", "awsvpc");
    request.put("executionRoleArn", Placeholders.EXECUTION_ROLE_ARN);
    request.put("taskRoleArn", Placeholders.TASK_ROLE_ARN);
    request.put("cpu", Integer.toString(cpu));
    request.put("memory", Integer.toString(memory));

    boolean transfers = TransferScripts.usedBy(model);
    ArrayNode containers = request.putArray("containerDefinitions");
    ObjectNode container = containers.addObject();
    container.put("name", names.container());
    container.put("image", Placeholders.IMAGE_URI);
    container.put("essential", !transfers);
    container.put("cpu", cpu);
    container.put("memory", memory);
    nameValues(container.putArray("environment"), environment(model), "name", "value");
    nameValues(container.putArray("secrets"), model.runtime().secrets(), "name", "valueFrom");
    ArrayNode mounts = container.putArray("mountPoints");
    mount(mounts, TransferScripts.WORK_VOLUME, TransferScripts.WORK_DIR);
    if (transfers) {
      mount(mounts, TransferScripts.STATUS_VOLUME, TransferScripts.STATUS_DIR);
      dependsOn(container, TransferScripts.INPUTS_CONTAINER, "SUCCESS");
    }
    logs(container, model);
    if (transfers) {
      containers.add(
          transfer(model, TransferScripts.INPUTS_CONTAINER, false, TransferScripts.inputs()));
      ObjectNode outputs =
          transfer(model, TransferScripts.OUTPUTS_CONTAINER, true, TransferScripts.outputs());
      mount(
          (ArrayNode) outputs.get("mountPoints"),
          TransferScripts.STATUS_VOLUME,
          TransferScripts.STATUS_DIR);
      dependsOn(outputs, names.container(), "COMPLETE");
      containers.add(outputs);
    }
    ArrayNode volumes = request.putArray("volumes");
    // A bind mount with no host path: Docker keeps the data only as long as the task's
    // containers need it, so every task starts with an empty work directory (ECS developer
    // guide, "Bind mounts": "If the host parameter is empty, then the Docker daemon assigns a
    // host path for your data volume").
    volumes.addObject().put("name", TransferScripts.WORK_VOLUME);
    if (transfers) {
      volumes.addObject().put("name", TransferScripts.STATUS_VOLUME);
    }

    nameValues(request.putArray("tags"), tags(model), "key", "value");
    return request;
  }

  /**
   * A container of the transfer image running {@code script} with {@code sh -c}: the image's entry
   * point is {@code aws}, so the entry point is replaced. It has no CPU or memory of its own (the
   * task's limits hold), the work volume, and the variables every step's data needs but the state
   * machine's per-step ones.
   */
  private static ObjectNode transfer(
      PipelineModel model, String name, boolean essential, String script) {
    ObjectNode container = Json.object();
    container.put("name", name);
    container.put("image", Placeholders.TRANSFER_IMAGE);
    container.put("essential", essential);
    container.putArray("entryPoint").add("sh").add("-c");
    container.putArray("command").add(script);
    Map<String, String> environment = new TreeMap<>();
    environment.put("AWS_DEFAULT_REGION", Placeholders.REGION);
    environment.put("AWS_REGION", Placeholders.REGION);
    environment.put("ENV", model.environment());
    environment.put("ESTEIRA_PROJECT", model.project());
    environment.put(WORK_DIR_VARIABLE, TransferScripts.WORK_DIR);
    nameValues(container.putArray("environment"), environment, "name", "value");
    mount(container.putArray("mountPoints"), TransferScripts.WORK_VOLUME, TransferScripts.WORK_DIR);
    logs(container, model);
    return container;
  }

  private static void mount(ArrayNode mounts, String volume, String path) {
    ObjectNode mount = mounts.addObject();
    mount.put("sourceVolume", volume);
    mount.put("containerPath", path);
    mount.put("readOnly", false);
  }

  private static void dependsOn(ObjectNode container, String on, String condition) {
    ObjectNode dependency = container.putArray("dependsOn").addObject();
    dependency.put("containerName", on);
    dependency.put("condition", condition);
  }

  /**
   * Logs to the project's group with the environment as stream prefix: a stream is named {@code
   * <environment>/<container>/<task id>}, so each container of a task has its own.
   */
  private static void logs(ObjectNode container, PipelineModel model) {
    ObjectNode logs = container.putObject("logConfiguration");
    logs.put("logDriver", "awslogs");
    ObjectNode options = logs.putObject("options");
    options.put("awslogs-group", model.names().logGroup());
    options.put("awslogs-region", Placeholders.REGION);
    options.put("awslogs-stream-prefix", model.environment());
  }

  /** CPU units or MiB of the step that asks for most; the defaults when there is no step. */
  private static int largest(PipelineModel model, ToIntFunction<Resources> amount) {
    return model.steps().stream()
        .map(StepModel::resources)
        .mapToInt(amount)
        .max()
        .orElse(
            amount.applyAsInt(new Resources(Resources.DEFAULT_CPU, Resources.DEFAULT_MEMORY_GB)));
  }

  /**
   * The container's variables, sorted by name; the MLflow ones, {@code ENV} and {@code
   * ESTEIRA_PROJECT} replace any of the same name.
   */
  static Map<String, String> environment(PipelineModel model) {
    Map<String, String> variables = new TreeMap<>(model.runtime().envVars());
    variables.put("MLFLOW_TRACKING_URI", Placeholders.MLFLOW_TRACKING_URI);
    variables.put("MLFLOW_S3_ENDPOINT_URL", Placeholders.MLFLOW_S3_ENDPOINT_URL);
    variables.put("MLFLOW_EXPERIMENT_NAME", model.mlflow().experiment());
    // The same for every step, so the state machine need not repeat them in each step's overrides.
    variables.put("ENV", model.environment());
    variables.put("ESTEIRA_PROJECT", model.project());
    variables.put(WORK_DIR_VARIABLE, TransferScripts.WORK_DIR);
    return variables;
  }

  /** Tags sorted by key: project, environment, version, the tech owner if any, managed-by. */
  static Map<String, String> tags(PipelineModel model) {
    Map<String, String> tags = new TreeMap<>();
    tags.put("project", model.project());
    tags.put("environment", model.environment());
    tags.put("version", model.version());
    String owner = model.owners().get("tech_owner");
    if (owner != null && !owner.isBlank()) {
      tags.put("owner", owner);
    }
    tags.put("managed-by", MANAGED_BY);
    return tags;
  }

  private static void nameValues(
      ArrayNode into, Map<String, String> entries, String keyField, String valueField) {
    new TreeMap<>(entries)
        .forEach(
            (key, value) -> {
              ObjectNode entry = into.addObject();
              entry.put(keyField, key);
              entry.put(valueField, value);
            });
  }
}
