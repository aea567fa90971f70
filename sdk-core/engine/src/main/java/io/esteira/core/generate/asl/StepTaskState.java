package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.ResourceNames;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import java.util.List;

/**
 * Builds the {@code ecs:runTask.sync} Task state of one step: the task runs on the project's
 * cluster through its capacity provider, with the step's command, CPU, memory and environment as
 * overrides of the one container of the project's task definition.
 *
 * <p>The image layout convention for Java pipelines: the image holds the pipeline's jar and all its
 * dependencies under {@code /app/lib/}, and a Java step runs as {@code java -cp /app/lib/*
 * io.esteira.runtime.StepLauncher <project> <step id>}; the launcher finds the step's method
 * through the step index the processor wrote. A shell step runs as {@code sh -c <command>} in the
 * image's working directory.
 *
 * <p>Each step's container receives, besides what the task definition sets for every step ({@code
 * ENV}, {@code ESTEIRA_PROJECT} among them): {@code ESTEIRA_STEP}, {@code ESTEIRA_EXECUTION_ID}
 * (the Step Functions execution ARN) and {@code ESTEIRA_ATTEMPT} (1 for the first attempt, counting
 * every retry).
 *
 * <p>The parameters every step shares (cluster, task definition, capacity provider strategy,
 * network configuration) are written once, as workflow variables the first state assigns ({@link
 * #sharedParameters}), and each step reads them through JSONPath: the definition stays about 300
 * bytes per step smaller once the subnets and the task definition ARN are filled in. Variables are
 * readable inside Parallel branches, and never touch the state data, so the execution input still
 * reaches every state unchanged.
 */
final class StepTaskState {

  /** The optimised ECS integration that starts a task and waits for it to stop. */
  static final String RUN_TASK_SYNC = "arn:aws:states:::ecs:runTask.sync";

  /**
   * Errors of the ECS integration itself, not of the step's code: {@code ECS.AmazonECSException} is
   * how Step Functions reports a RunTask call that ECS refused (throttling, capacity), and {@code
   * AmazonECS.Unknown} a RunTask answer with a non-empty {@code failures} list (no container
   * instance could take the task yet). Error names are case-sensitive.
   */
  static final List<String> INFRASTRUCTURE_ERRORS =
      List.of("ECS.AmazonECSException", "AmazonECS.Unknown");

  /**
   * Failures of one attempt of the step's own code: the container stopped with an error, or the
   * attempt ran past the step's timeout ({@code TimeoutSeconds} limits each attempt).
   */
  static final List<String> STEP_ERRORS = List.of("States.TaskFailed", "States.Timeout");

  /** The main class of the step runtime inside a Java pipeline's image. */
  static final String STEP_LAUNCHER = "io.esteira.runtime.StepLauncher";

  /** Where a Java pipeline's image keeps its jars. */
  static final String CLASSPATH = "/app/lib/*";

  /** The attempt number the step sees, 1-based; ECS takes only string values. */
  static final String ATTEMPT_EXPRESSION =
      "States.Format('{}', States.MathAdd($$.State.RetryCount, 1))";

  /** The variable holding the cluster name. */
  static final String CLUSTER_VARIABLE = "cluster";

  /** The variable holding the task definition ARN. */
  static final String TASK_DEFINITION_VARIABLE = "taskDefinition";

  /** The variable holding the capacity provider strategy. */
  static final String CAPACITY_VARIABLE = "capacity";

  /** The variable holding the network configuration. */
  static final String NETWORK_VARIABLE = "network";

  /** Context path of the execution ARN. */
  static final String EXECUTION_ID_PATH = "$$.Execution.Id";

  private StepTaskState() {}

  /**
   * The Task state of {@code step}; the caller adds {@code Next} or {@code End}. Its catcher sets
   * {@code failedVariable} to the step id, unless it is null (the failure state then names the step
   * itself), and goes to {@code onFailure}.
   */
  static ObjectNode build(
      PipelineModel model, StepModel step, String onFailure, String failedVariable) {
    ObjectNode state = Json.object();
    state.put("Type", "Task");
    state.put("Resource", RUN_TASK_SYNC);
    state.set("Parameters", parameters(model, step));
    state.put("TimeoutSeconds", step.timeoutSeconds());
    // The task description ECS returns is several kilobytes; dropping it keeps every state's
    // payload at the execution input's size however many steps run.
    state.putNull("ResultPath");
    state.set("Retry", retriers(step));
    ArrayNode catchers = state.putArray("Catch");
    ObjectNode catcher = catchers.addObject();
    catcher.putArray("ErrorEquals").add("States.ALL");
    if (failedVariable != null) {
      catcher.putObject("Assign").put(failedVariable, step.id());
    }
    catcher.put("Next", onFailure);
    return state;
  }

  /**
   * The RunTask parameters every step shares, as the variables the first state assigns: variable
   * name to value. Each step reads them back with {@code "<parameter>.$": "$<variable>"}.
   */
  static ObjectNode sharedParameters(PipelineModel model) {
    ResourceNames names = model.names();
    ObjectNode variables = Json.object();
    variables.put(CLUSTER_VARIABLE, names.cluster());
    variables.put(TASK_DEFINITION_VARIABLE, Placeholders.TASK_DEFINITION_ARN);
    ObjectNode provider = variables.putArray(CAPACITY_VARIABLE).addObject();
    provider.put("CapacityProvider", names.capacityProvider());
    provider.put("Weight", 1);
    provider.put("Base", 0);
    ObjectNode awsvpc = variables.putObject(NETWORK_VARIABLE).putObject("AwsvpcConfiguration");
    awsvpc.putArray("Subnets").add(Placeholders.SUBNETS);
    awsvpc.putArray("SecurityGroups").add(Placeholders.SECURITY_GROUPS);
    return variables;
  }

  private static ObjectNode parameters(PipelineModel model, StepModel step) {
    ResourceNames names = model.names();
    ObjectNode parameters = Json.object();
    parameters.put("Cluster.$", "$" + CLUSTER_VARIABLE);
    parameters.put("TaskDefinition.$", "$" + TASK_DEFINITION_VARIABLE);
    parameters.put("CapacityProviderStrategy.$", "$" + CAPACITY_VARIABLE);
    parameters.put("NetworkConfiguration.$", "$" + NETWORK_VARIABLE);
    ObjectNode overrides = parameters.putObject("Overrides");
    overrides.put("Cpu", Integer.toString(step.resources().cpuUnits()));
    overrides.put("Memory", Integer.toString(step.resources().memoryMiB()));
    ObjectNode container = overrides.putArray("ContainerOverrides").addObject();
    container.put("Name", names.container());
    ArrayNode command = container.putArray("Command");
    command(model, step).forEach(command::add);
    container.put("Cpu", step.resources().cpuUnits());
    container.put("Memory", step.resources().memoryMiB());
    ArrayNode environment = container.putArray("Environment");
    variable(environment, "ESTEIRA_STEP", "Value", step.id());
    variable(environment, "ESTEIRA_EXECUTION_ID", "Value.$", EXECUTION_ID_PATH);
    variable(environment, "ESTEIRA_ATTEMPT", "Value.$", ATTEMPT_EXPRESSION);
    return parameters;
  }

  /** The container command of a step. */
  static List<String> command(PipelineModel model, StepModel step) {
    if (step.action() instanceof StepAction.Command shell) {
      return List.of("sh", "-c", shell.command());
    }
    return List.of("java", "-cp", CLASSPATH, STEP_LAUNCHER, model.project(), step.id());
  }

  private static void variable(ArrayNode environment, String name, String key, String value) {
    ObjectNode variable = environment.addObject();
    variable.put("Name", name);
    variable.put(key, value);
  }

  private static ArrayNode retriers(StepModel step) {
    ArrayNode retry = Json.array();
    retry.add(retrier(INFRASTRUCTURE_ERRORS, step.infraRetry()));
    if (step.retry().maxAttempts() > 0) {
      retry.add(retrier(STEP_ERRORS, step.retry()));
    }
    return retry;
  }

  private static ObjectNode retrier(List<String> errors, RetryPolicy policy) {
    ObjectNode retrier = Json.object();
    ArrayNode errorEquals = retrier.putArray("ErrorEquals");
    errors.forEach(errorEquals::add);
    retrier.put("IntervalSeconds", policy.intervalSeconds());
    retrier.put("MaxAttempts", policy.maxAttempts());
    retrier.put("BackoffRate", policy.backoffRate());
    retrier.put("MaxDelaySeconds", policy.maxDelaySeconds());
    if (policy.jitter()) {
      retrier.put("JitterStrategy", "FULL");
    }
    return retrier;
  }
}
