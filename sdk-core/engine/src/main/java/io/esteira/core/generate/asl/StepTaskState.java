package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.generate.ecs.TransferScripts;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.ResourceNames;
import io.esteira.core.model.RetryPolicy;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@code ecs:runTask.sync} Task state of one step: the task runs on the project's
 * cluster through its capacity provider, with the step's command, CPU, memory and environment as
 * overrides of the one container of the project's task definition.
 *
 * <p>The image layout convention for Java pipelines is Jib's: the project's resources under {@code
 * /app/resources/}, its classes under {@code /app/classes/} and its dependency jars under {@code
 * /app/libs/}, and a Java step runs as {@code java -cp /app/resources:/app/classes:/app/libs/*
 * io.esteira.runtime.StepLauncher <project> <step id>}; the launcher finds the step's method
 * through the step index the processor wrote. A shell step runs as {@code sh -c <command>} in the
 * image's working directory.
 *
 * <p>Each step's container receives, besides what the task definition sets for every step ({@code
 * ENV}, {@code ESTEIRA_PROJECT} among them): {@code ESTEIRA_STEP}, {@code ESTEIRA_EXECUTION_ID}
 * (the Step Functions execution ARN), {@code ESTEIRA_ATTEMPT} (1 for the first attempt, counting
 * every retry), {@code ESTEIRA_STORE} (the run store's root, {@link #storeExpression}, assigned
 * once as a workflow variable) unless no step is a Java step or declares data; when any step of the
 * pipeline declares inputs or outputs, also {@code ESTEIRA_INPUTS}, {@code ESTEIRA_OUTPUTS} and
 * {@code ESTEIRA_UPSTREAM} (its transitive upstream step ids), each space-separated and possibly
 * empty. They are left out of pipelines that declare no data because the upstream lists of a long
 * chain grow with the square of its length, and would take a thousand-step definition past Step
 * Functions' size limit. A command step of a task with the transfer containers also overrides their
 * variables ({@link TransferScripts}).
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
   * What the infrastructure retrier matches: every error but the step's own ({@link #STEP_ERRORS},
   * which the retrier before it takes, even with no retries), so every failure of the ECS
   * integration is retried as infrastructure, whatever name Step Functions gives it. A list of
   * names would miss some: AWS documents no list of the names {@code runTask.sync} raises (they are
   * {@code ECS.} followed by the API's exception name), and users keep finding new ones. Those
   * known:
   *
   * <ul>
   *   <li>{@code ECS.AmazonECSException}: a RunTask call ECS refused, such as an instance without
   *       the memory the task asks for while other tasks run (cdk-github-runners pull request 341).
   *   <li>{@code AmazonECS.Unknown}: a RunTask answer with a non-empty {@code failures} list, no
   *       container instance could take the task yet (the Step Functions ECS integration's docs).
   *   <li>{@code ECS.ServerException}: ECS's own HTTP 500, "usually caused by a server issue" (ECS
   *       API reference, RunTask errors), seen about weekly by a daily pipeline (wellcomecollection
   *       catalogue-pipeline pull request 3554).
   *   <li>{@code ECS.ThrottlingException}: RunTask over the account's request rate (ECS API
   *       reference, "Request throttling for the Amazon ECS API").
   *   <li>{@code ECS.LimitExceededException}: ECS's error for a resource limit reached (ECS API
   *       reference, common errors), such as the cluster's quota of tasks waiting in PROVISIONING
   *       for a capacity provider to scale out (Amazon ECS service quotas).
   *   <li>{@code ECS.InvalidParameterException}: despite its name, also transient: ECS reports a
   *       throttled look-up of the subnets or security groups it was given this way ("Error
   *       retrieving subnet information ... Rate exceeded": construct-hub pull request 415, dagster
   *       issue 33439), and a cluster whose capacity provider is still scaling from zero answers
   *       "No Container Instances were found in your cluster".
   * </ul>
   *
   * <p>The price: an error that no retry mends (a role denied {@code ecs:RunTask}, {@code
   * States.Permissions}; a cluster deleted by hand) fails the step after the infrastructure retries
   * instead of at once, a few minutes later. {@code States.ALL} matches neither {@code
   * States.Runtime} nor {@code States.DataLimitExceeded}, which are never retried.
   */
  static final List<String> INFRASTRUCTURE_ERRORS = List.of("States.ALL");

  /**
   * Failures of one attempt of the step's own code: the container stopped with an error, or the
   * attempt ran past the step's timeout ({@code TimeoutSeconds} limits each attempt). Their retrier
   * comes first and is always there (with {@code MaxAttempts} 0 when the step has no retries), so
   * that they never reach the infrastructure retrier after it: a Task uses the first retrier whose
   * {@code ErrorEquals} names the error (Amazon States Language, "Retrying after an error").
   */
  static final List<String> STEP_ERRORS = List.of("States.TaskFailed", "States.Timeout");

  /** The main class of the step runtime inside a Java pipeline's image. */
  static final String STEP_LAUNCHER = "io.esteira.runtime.StepLauncher";

  /**
   * The class path of a Java pipeline's image, in Jib's layout (sdk-aws JavaImageBuilder): the
   * project's resources, then its classes, then its dependency jars, one layer each (the
   * dependencies in two), so that a change to the code replaces only the small classes layer.
   */
  static final String CLASSPATH = "/app/resources:/app/classes:/app/libs/*";

  /**
   * Where the task's tags come from: the task definition's (project, environment, owner, version,
   * managed-by), so that tasks and their costs can be told apart by project (ECS RunTask, {@code
   * propagateTags}).
   */
  static final String PROPAGATE_TAGS = "TASK_DEFINITION";

  /** The variable holding {@link #PROPAGATE_TAGS}. */
  static final String TAGS_VARIABLE = "tags";

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

  static final String STORE = "ESTEIRA_STORE";

  /** The variable holding the run store's root, {@code ESTEIRA_STORE}. */
  static final String STORE_VARIABLE = "store";

  static final String INPUTS = "ESTEIRA_INPUTS";
  static final String OUTPUTS = "ESTEIRA_OUTPUTS";
  static final String UPSTREAM = "ESTEIRA_UPSTREAM";

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
    variables.put(TAGS_VARIABLE, PROPAGATE_TAGS);
    if (usesStore(model)) {
      // Computed once per execution: about 110 bytes less per step than a States.Format each.
      variables.put(STORE_VARIABLE + ".$", storeExpression(model));
    }
    return variables;
  }

  /** The {@code Overrides} of the step's RunTask call, as the state writes them (a new tree). */
  static ObjectNode overrides(PipelineModel model, StepModel step) {
    return (ObjectNode) parameters(model, step).get("Overrides");
  }

  private static ObjectNode parameters(PipelineModel model, StepModel step) {
    ResourceNames names = model.names();
    ObjectNode parameters = Json.object();
    parameters.put("Cluster.$", "$" + CLUSTER_VARIABLE);
    parameters.put("TaskDefinition.$", "$" + TASK_DEFINITION_VARIABLE);
    parameters.put("CapacityProviderStrategy.$", "$" + CAPACITY_VARIABLE);
    parameters.put("NetworkConfiguration.$", "$" + NETWORK_VARIABLE);
    parameters.put("PropagateTags.$", "$" + TAGS_VARIABLE);
    ObjectNode overrides = parameters.putObject("Overrides");
    overrides.put("Cpu", Integer.toString(step.resources().cpuUnits()));
    overrides.put("Memory", Integer.toString(step.resources().memoryMiB()));
    ArrayNode containers = overrides.putArray("ContainerOverrides");
    ObjectNode container = containers.addObject();
    container.put("Name", names.container());
    ArrayNode command = container.putArray("Command");
    command(model, step).forEach(command::add);
    container.put("Cpu", step.resources().cpuUnits());
    container.put("Memory", step.resources().memoryMiB());
    ArrayNode environment = container.putArray("Environment");
    variable(environment, "ESTEIRA_STEP", "Value", step.id());
    variable(environment, "ESTEIRA_EXECUTION_ID", "Value.$", EXECUTION_ID_PATH);
    variable(environment, "ESTEIRA_ATTEMPT", "Value.$", ATTEMPT_EXPRESSION);
    if (usesStore(model)) {
      variable(environment, STORE, "Value.$", "$" + STORE_VARIABLE);
    }
    if (declaresData(model)) {
      variable(environment, INPUTS, "Value", inputs(step));
      variable(environment, OUTPUTS, "Value", String.join(" ", step.outputs()));
      variable(environment, UPSTREAM, "Value", String.join(" ", upstream(model, step)));
    }
    if (TransferScripts.usedBy(model) && step.action() instanceof StepAction.Command) {
      sidecars(containers, model, step);
    }
    return parameters;
  }

  /**
   * The overrides of the containers that move a command step's data: they see only what their
   * scripts read ({@link TransferScripts}).
   */
  private static void sidecars(ArrayNode containers, PipelineModel model, StepModel step) {
    if (!step.inputs().isEmpty()) {
      ObjectNode inputs = containers.addObject();
      inputs.put("Name", TransferScripts.INPUTS_CONTAINER);
      ArrayNode environment = inputs.putArray("Environment");
      variable(environment, INPUTS, "Value", inputs(step));
      variable(environment, STORE, "Value.$", "$" + STORE_VARIABLE);
    }
    ObjectNode outputs = containers.addObject();
    outputs.put("Name", TransferScripts.OUTPUTS_CONTAINER);
    ArrayNode environment = outputs.putArray("Environment");
    variable(environment, "ESTEIRA_STEP", "Value", step.id());
    if (!step.outputs().isEmpty()) {
      variable(environment, OUTPUTS, "Value", String.join(" ", step.outputs()));
      variable(environment, STORE, "Value.$", "$" + STORE_VARIABLE);
    }
  }

  /**
   * Whether the steps get {@code ESTEIRA_STORE}: when one declares data, or is a Java step (which
   * may store outputs it asks for with {@code ctx.output} without declaring them). A pipeline of
   * command steps that hand nothing over does without, so its definition keeps its size.
   */
  static boolean usesStore(PipelineModel model) {
    return declaresData(model)
        || model.steps().stream().anyMatch(s -> s.action() instanceof StepAction.JavaMethod);
  }

  /** Whether any step declares inputs or outputs, so every step gets the data variables. */
  static boolean declaresData(PipelineModel model) {
    return model.steps().stream().anyMatch(StepModel::handsDataOver);
  }

  /**
   * {@code ESTEIRA_STORE}: the execution's root in the artifacts bucket, {@code
   * s3://<bucket>/<project>/<env>/<execution name>/}. The execution name is the last part of the
   * execution ARN, unique per state machine.
   */
  static String storeExpression(PipelineModel model) {
    return "States.Format('s3://"
        + Placeholders.ARTIFACTS_BUCKET
        + "/"
        + model.project()
        + "/"
        + model.environment()
        + "/{}/', $$.Execution.Name)";
  }

  /** {@code ESTEIRA_INPUTS}: {@code <step>/<name>} items, space-separated. */
  static String inputs(StepModel step) {
    return String.join(" ", step.inputs().stream().map(StepInput::toString).toList());
  }

  /** Ids of every step {@code step} waits for, directly or not, in model order. */
  static List<String> upstream(PipelineModel model, StepModel step) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(step.dependsOn());
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        todo.addAll(model.step(id).dependsOn());
      }
    }
    return model.steps().stream().map(StepModel::id).filter(seen::contains).toList();
  }

  /**
   * The container command of a step; in a task whose outputs container carries the outcome, wrapped
   * so that it records its exit code ({@link TransferScripts#recordingExitCode}).
   */
  static List<String> command(PipelineModel model, StepModel step) {
    List<String> command =
        step.action() instanceof StepAction.Command shell
            ? List.of("sh", "-c", shell.command())
            : List.of("java", "-cp", CLASSPATH, STEP_LAUNCHER, model.project(), step.id());
    return TransferScripts.usedBy(model) ? TransferScripts.recordingExitCode(command) : command;
  }

  private static void variable(ArrayNode environment, String name, String key, String value) {
    ObjectNode variable = environment.addObject();
    variable.put("Name", name);
    variable.put(key, value);
  }

  /**
   * The step's own failures first, then everything else as infrastructure ({@link
   * #INFRASTRUCTURE_ERRORS}); ASL wants {@code States.ALL} alone, in the last retrier.
   */
  private static ArrayNode retriers(StepModel step) {
    ArrayNode retry = Json.array();
    retry.add(retrier(STEP_ERRORS, step.retry()));
    retry.add(retrier(INFRASTRUCTURE_ERRORS, step.infraRetry()));
    return retry;
  }

  /** ASL's {@code BackoffRate} when a retrier gives none. */
  static final double DEFAULT_BACKOFF_RATE = 2.0;

  /** ASL's {@code MaxAttempts} when a retrier gives none. */
  static final int DEFAULT_MAX_ATTEMPTS = 3;

  /**
   * A retrier with the policy's numbers, leaving out what says nothing: a policy that never retries
   * needs only {@code MaxAttempts} 0; {@code MaxAttempts} 3 and {@code BackoffRate} 2.0 are ASL's
   * defaults; {@code MaxDelaySeconds} only when it caps one of the delays. Every step carries its
   * retriers, so such bytes decide how many steps fit Step Functions' size limit.
   */
  static ObjectNode retrier(List<String> errors, RetryPolicy policy) {
    ObjectNode retrier = Json.object();
    ArrayNode errorEquals = retrier.putArray("ErrorEquals");
    errors.forEach(errorEquals::add);
    if (policy.maxAttempts() == 0) {
      retrier.put("MaxAttempts", 0);
      return retrier;
    }
    retrier.put("IntervalSeconds", policy.intervalSeconds());
    if (policy.maxAttempts() != DEFAULT_MAX_ATTEMPTS) {
      retrier.put("MaxAttempts", policy.maxAttempts());
    }
    if (policy.backoffRate() != DEFAULT_BACKOFF_RATE) {
      retrier.put("BackoffRate", policy.backoffRate());
    }
    if (policy.capsADelay()) {
      retrier.put("MaxDelaySeconds", policy.maxDelaySeconds());
    }
    if (policy.jitter()) {
      retrier.put("JitterStrategy", "FULL");
    }
    return retrier;
  }
}
