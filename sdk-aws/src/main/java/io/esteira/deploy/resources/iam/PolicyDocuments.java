package io.esteira.deploy.resources.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
   * than a copy that ages. Its path; the ARN is {@link #ecsInstancePolicy()}, in the partition.
   */
  static final String ECS_INSTANCE_POLICY_PATH = "service-role/AmazonEC2ContainerServiceforEC2Role";

  /**
   * {@code <account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:tag|@digest]} (China's
   * registries end in {@code .com.cn}).
   */
  private static final Pattern PRIVATE_ECR =
      Pattern.compile(
          "([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?:[:@].*)?");

  private final DeployContext context;
  private final DeployNames names;
  private final SecretKeys secretKeys;

  public PolicyDocuments(DeployContext context) {
    this(context, SecretKeys.none());
  }

  /** Policies whose execution role may also decrypt with {@code secretKeys}. */
  public PolicyDocuments(DeployContext context, SecretKeys secretKeys) {
    this.context = context;
    this.names = context.names();
    this.secretKeys = secretKeys;
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
    TreeSet<String> repositories = new TreeSet<>();
    repositories.add(context.arn("ecr", "repository/" + context.platform().ecrRepository()));
    if (Substitution.placeholdersIn(Artifact.TASK_DEFINITION, context.project().taskDefinition())
        .contains(Placeholders.TRANSFER_IMAGE)) {
      // A transfer image mirrored into a private ECR repository is pulled with this role; the
      // default, on ECR Public, is pulled anonymously and needs no permission.
      privateRepository(context.artifacts().transferImage(), context.partition())
          .ifPresent(repositories::add);
    }
    statements.add(
        allow(
            List.of(
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer"),
            List.copyOf(repositories)));
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
    // Secrets under a customer-managed key: decrypt only through the two services, only those keys
    // (IAM condition keys kms:ViaService and kms:ResourceAliases, AWS KMS Developer Guide).
    List<String> via =
        List.of(
            "secretsmanager." + context.region() + ".amazonaws.com",
            "ssm." + context.region() + ".amazonaws.com");
    if (!secretKeys.keys().isEmpty()) {
      ObjectNode keys = allow(List.of("kms:Decrypt"), secretKeys.keys());
      viaServices(keys.putObject("Condition"), via);
      statements.add(keys);
    }
    if (!secretKeys.aliases().isEmpty()) {
      ObjectNode aliased = allow(List.of("kms:Decrypt"), List.of(context.arn("kms", "key/*")));
      ObjectNode condition = aliased.putObject("Condition");
      viaServices(condition, via);
      ArrayNode names =
          condition.putObject("ForAnyValue:StringEquals").putArray("kms:ResourceAliases");
      secretKeys.aliases().forEach(names::add);
      statements.add(aliased);
    }
    return document(statements.toArray(ObjectNode[]::new));
  }

  private static void viaServices(ObjectNode condition, List<String> services) {
    ArrayNode via = condition.putObject("StringEquals").putArray("kms:ViaService");
    services.forEach(via::add);
  }

  /**
   * The task role: what a step may do with the run store, the project's own prefix of the artifacts
   * bucket and nothing else. Objects: read and write under {@code <project>/} (an upload in parts
   * needs only {@code s3:PutObject}). Listing: only with a {@code s3:prefix} under {@code
   * <project>/}, so a missing input is a 404 a step can name rather than the 403 S3 answers without
   * {@code s3:ListBucket}, and no other project's keys can be listed. The resource of {@code
   * s3:ListBucket} is the bucket and of the object actions the object, and {@code s3:prefix} is the
   * condition key ListObjects(V2) sets (Service Authorization Reference, "Actions, resources, and
   * condition keys for Amazon S3"; Amazon S3 User Guide, "Bucket policy examples using condition
   * keys", "Limiting access to specific prefixes").
   */
  public ObjectNode task() {
    String bucket = context.artifactsBucket();
    String prefix = names.artifactsPrefix();
    ObjectNode objects =
        allow(
            List.of("s3:GetObject", "s3:PutObject"),
            List.of(context.s3Arn(bucket + "/" + prefix + "*")));
    ObjectNode list = allow(List.of("s3:ListBucket"), List.of(context.s3Arn(bucket)));
    list.putObject("Condition").putObject("StringLike").put("s3:prefix", prefix + "*");
    return document(objects, list);
  }

  /**
   * The ARN, in {@code partition}, of the private ECR repository {@code image} is in ({@code
   * <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>}), or empty for any other registry.
   */
  static Optional<String> privateRepository(String image, String partition) {
    Matcher m = PRIVATE_ECR.matcher(image);
    return m.matches()
        ? Optional.of(
            "arn:"
                + partition
                + ":ecr:"
                + m.group(2)
                + ":"
                + m.group(1)
                + ":repository/"
                + m.group(3))
        : Optional.empty();
  }

  /** AWS's managed policy for ECS container instances, in the deploy's partition. */
  public String ecsInstancePolicy() {
    return context.awsManagedPolicy(ECS_INSTANCE_POLICY_PATH);
  }

  /**
   * What the state machine role needs to deliver its logs to CloudWatch Logs. Step Functions sets
   * up the delivery with the role's credentials, and these actions take no resource but {@code *}
   * (AWS Step Functions Developer Guide, "Logging Step Functions using CloudWatch Logs", IAM
   * policies for logging to CloudWatch Logs: "you must specify * in the Resource field"); none of
   * them reads or writes a log event.
   */
  static final List<String> LOG_DELIVERY_ACTIONS =
      List.of(
          "logs:CreateLogDelivery",
          "logs:GetLogDelivery",
          "logs:UpdateLogDelivery",
          "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries",
          "logs:PutResourcePolicy",
          "logs:DescribeResourcePolicies",
          "logs:DescribeLogGroups");

  /**
   * The state machine role: run and follow only its own task definition family on its own cluster,
   * tag only the tasks it starts there, pass only its two task roles to ECS, manage only Step
   * Functions' ECS events rule, publish only to its own topics, and set up its log delivery.
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
    String tasks = context.arn("ecs", "task/" + names.cluster() + "/*");
    statements.add(allow(List.of("ecs:DescribeTasks", "ecs:StopTask"), List.of(tasks)));
    // RunTask with PropagateTags tags the task as it creates it, which ECS authorises as
    // ecs:TagResource on the task; ecs:CreateAction keeps it to that (Amazon ECS Developer Guide,
    // "Grant permission to tag resources on creation").
    ObjectNode tag = allow(List.of("ecs:TagResource"), List.of(tasks));
    tag.putObject("Condition").putObject("StringEquals").put("ecs:CreateAction", "RunTask");
    statements.add(tag);
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
    statements.add(allow(LOG_DELIVERY_ACTIONS, List.of("*")));
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
}
