package io.esteira.deploy.resources.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The trust and permission policies of a project's roles, least privilege: each role may do only
 * what its one user needs, on the project's own resources. {@code "Resource": "*"} appears only
 * where AWS offers no narrower resource, and each such place says so.
 */
public final class PolicyDocuments {

  /** The rule Step Functions manages to follow a {@code runTask.sync} task. */
  static final String ECS_EVENTS_RULE = "StepFunctionsGetEventsForECSTaskRule";

  /**
   * AWS's managed policy for ECS container instances, attached to the instance role: it lets the
   * ECS agent register the instance with a cluster, poll for tasks and send telemetry. Its
   * cluster-scoped actions cannot be narrowed to one cluster by any policy (ECS's own docs give
   * this policy as the least an agent needs), so Esteira uses it as AWS keeps it current rather
   * than a copy that ages.
   */
  public static final String ECS_INSTANCE_POLICY =
      "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role";

  private final DeployContext context;
  private final DeployNames names;

  public PolicyDocuments(DeployContext context) {
    this.context = context;
    this.names = context.names();
  }

  /** Lets {@code service} assume the role, only on behalf of this account. */
  public ObjectNode trust(String service) {
    ObjectNode statement = statement("Allow");
    statement.putObject("Principal").put("Service", service);
    statement.put("Action", "sts:AssumeRole");
    if (!service.equals("ec2.amazonaws.com")) {
      // Confused-deputy guard; EC2 does not send aws:SourceAccount.
      statement
          .putObject("Condition")
          .putObject("StringEquals")
          .put("aws:SourceAccount", context.account());
    }
    return document(statement);
  }

  /** The task execution role: pull the project's image, write its logs, read its secrets. */
  public ObjectNode execution() {
    List<ObjectNode> statements = new ArrayList<>();
    // GetAuthorizationToken has no resource type: AWS accepts only "*" for it.
    statements.add(allow(List.of("ecr:GetAuthorizationToken"), List.of("*")));
    statements.add(
        allow(
            List.of(
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer"),
            List.of(context.arn("ecr", "repository/" + context.platform().ecrRepository()))));
    statements.add(
        allow(
            List.of("logs:CreateLogStream", "logs:PutLogEvents"),
            List.of(context.arn("logs", "log-group:" + names.logGroup() + ":*"))));
    TreeSet<String> parameters = new TreeSet<>();
    TreeSet<String> secrets = new TreeSet<>();
    for (String reference : context.project().model().runtime().secrets().values()) {
      Optional<List<String>> secret = SecretArns.resources(reference);
      if (secret.isPresent()) {
        secrets.addAll(secret.get());
      } else if (reference.startsWith("arn:")) {
        parameters.add(reference);
      } else {
        String name = reference.startsWith("/") ? reference.substring(1) : reference;
        parameters.add(context.arn("ssm", "parameter/" + name));
      }
    }
    if (!parameters.isEmpty()) {
      statements.add(allow(List.of("ssm:GetParameters"), List.copyOf(parameters)));
    }
    if (!secrets.isEmpty()) {
      statements.add(allow(List.of("secretsmanager:GetSecretValue"), List.copyOf(secrets)));
    }
    return document(statements.toArray(ObjectNode[]::new));
  }

  /**
   * The state machine role: run and follow only its own task definition family on its own cluster,
   * pass only its two task roles to ECS, manage only Step Functions' ECS events rule, publish only
   * to its own topics.
   */
  public ObjectNode stateMachine(List<String> topicArns) {
    List<ObjectNode> statements = new ArrayList<>();
    String cluster = context.arn("ecs", "cluster/" + names.cluster());
    ObjectNode run =
        allow(
            List.of("ecs:RunTask"),
            List.of(context.arn("ecs", "task-definition/" + names.taskDefinitionFamily() + ":*")));
    run.putObject("Condition").putObject("ArnEquals").put("ecs:cluster", cluster);
    statements.add(run);
    statements.add(
        allow(
            List.of("ecs:DescribeTasks", "ecs:StopTask"),
            List.of(context.arn("ecs", "task/" + names.cluster() + "/*"))));
    ObjectNode pass =
        allow(
            List.of("iam:PassRole"),
            List.of(
                context.iamArn("role/" + names.executionRole()),
                context.iamArn("role/" + names.taskRole())));
    pass.putObject("Condition")
        .putObject("StringEquals")
        .put("iam:PassedToService", "ecs-tasks.amazonaws.com");
    statements.add(pass);
    statements.add(
        allow(
            List.of("events:DescribeRule", "events:PutRule", "events:PutTargets"),
            List.of(context.arn("events", "rule/" + ECS_EVENTS_RULE))));
    if (!topicArns.isEmpty()) {
      statements.add(allow(List.of("sns:Publish"), topicArns));
    }
    return document(statements.toArray(ObjectNode[]::new));
  }

  /** The scheduler role: start executions of its own state machine only. */
  public ObjectNode scheduler() {
    return document(
        allow(
            List.of("states:StartExecution"),
            List.of(context.arn("states", "stateMachine:" + names.stateMachine()))));
  }

  private static ObjectNode allow(List<String> actions, List<String> resources) {
    ObjectNode statement = statement("Allow");
    ArrayNode action = statement.putArray("Action");
    actions.forEach(action::add);
    ArrayNode resource = statement.putArray("Resource");
    resources.forEach(resource::add);
    return statement;
  }

  private static ObjectNode statement(String effect) {
    ObjectNode statement = Json.object();
    statement.put("Effect", effect);
    return statement;
  }

  private static ObjectNode document(ObjectNode... statements) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ArrayNode list = document.putArray("Statement");
    for (ObjectNode statement : statements) {
      list.add(statement);
    }
    return document;
  }

  /** The managed policy ECS container instances need (register, pull, log). */
  static final Map<String, String> INSTANCE_MANAGED_POLICY =
      Map.of(
          "ecs", "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
          "ssm", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
}
