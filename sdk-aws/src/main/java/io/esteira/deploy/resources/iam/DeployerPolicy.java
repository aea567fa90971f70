package io.esteira.deploy.resources.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.model.ResourceNames;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.Platform.EnvironmentPlatform;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The identity policy of the role a CI job assumes to run {@code esteira image build --push} and
 * {@code esteira deploy} for one platform (and, optionally, one of its environments): every action
 * the deployer, the image push and the deploy lock call, on the resources they call it on, with
 * every project's name a wildcard. docs/deployer.md ("The deploy role's permissions") explains each
 * statement by its {@code Sid}.
 *
 * <p>The resource names come from {@link DeployNames} with the project {@code *}, so a name the
 * deployer changes changes here too. The account is {@code ${aws:PrincipalAccount}}, a policy
 * variable IAM replaces with the account of the role the policy is attached to (IAM User Guide,
 * "IAM policy elements: Variables and tags", and "AWS global condition context keys",
 * aws:PrincipalAccount), unless an account id is given; the partition follows from the platform's
 * region.
 *
 * <p>{@link #readOnly()} keeps only what {@code esteira plan} calls: every statement's reads.
 */
public final class DeployerPolicy {

  /** The account as IAM resolves it when it evaluates the policy. */
  public static final String PRINCIPAL_ACCOUNT = "${aws:PrincipalAccount}";

  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

  /**
   * Actions that read, by their verb; a plan-only role gets only these (and never {@link
   * #NOT_FOR_PLAN}). {@code s3:ListBucket} is what S3 checks for HeadBucket.
   */
  private static final Pattern READ = Pattern.compile("[a-z0-9-]+:(Describe|Get|List|BatchGet).*");

  /** Reads {@code esteira plan} never makes: pulling image layers, logging in to the registry. */
  private static final Set<String> NOT_FOR_PLAN =
      Set.of(
          "ecr:GetAuthorizationToken",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchCheckLayerAvailability",
          "logs:GetLogDelivery",
          "logs:ListLogDeliveries",
          "logs:DescribeResourcePolicies");

  private final Platform platform;
  private final Optional<String> environment;
  private final String account;
  private final String partition;
  private final DeployNames names;

  /**
   * @param environment the one environment the role deploys, or empty for all of the platform's
   * @param account a 12-digit account id, or empty for {@link #PRINCIPAL_ACCOUNT}
   */
  public DeployerPolicy(Platform platform, Optional<String> environment, Optional<String> account) {
    this.platform = platform;
    this.environment = environment;
    account.ifPresent(
        a -> {
          if (!ACCOUNT.matcher(a).matches()) {
            throw new IllegalArgumentException("an account id is 12 digits: " + a);
          }
        });
    this.account = account.orElse(PRINCIPAL_ACCOUNT);
    this.partition = partitionOf(platform.region());
    // Unsuffixed names are the same in every environment; suffixed ones end in -<env>, and with
    // no environment chosen the project's wildcard already covers every suffix.
    this.names =
        new DeployNames(
            new ResourceNames("*", "0"),
            environment.orElse("*"),
            platform.environmentSuffix() && environment.isPresent());
  }

  /** Whether {@code account} is a valid account id. */
  public static boolean isAccountId(String account) {
    return ACCOUNT.matcher(account).matches();
  }

  /**
   * The partition of a region: {@code aws-cn} for China's, {@code aws-us-gov} for GovCloud's,
   * {@code aws} for the rest (AWS General Reference, "Amazon Resource Names (ARNs)").
   */
  static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return "aws";
  }

  /** The policy for {@code image build --push} and {@code deploy}. */
  public ObjectNode full() {
    return document(statements());
  }

  /** The policy for {@code plan}: the reads of {@link #full()}, nothing that changes anything. */
  public ObjectNode readOnly() {
    List<Statement> reads = new ArrayList<>();
    for (Statement statement : statements()) {
      List<String> actions =
          statement.actions.stream().filter(a -> isRead(a) && !NOT_FOR_PLAN.contains(a)).toList();
      if (!actions.isEmpty()) {
        reads.add(new Statement(statement.sid, actions, statement.resources, statement.condition));
      }
    }
    return document(reads);
  }

  /** Whether an IAM action only reads, by its verb. */
  public static boolean isRead(String action) {
    return READ.matcher(action).matches() || action.equals("s3:ListBucket");
  }

  private List<Statement> statements() {
    List<Statement> s = new ArrayList<>();

    // Actions whose only resource is "*" in the Service Authorization Reference: ECR's registry
    // login, EC2's and Auto Scaling's Describe calls, ECS's task definition calls (a family is
    // the project's bare name, and RegisterTaskDefinition takes no resource), CloudWatch Logs'
    // DescribeLogGroups and the log delivery calls Step Functions makes with the caller's
    // credentials when a state machine logs (Step Functions Developer Guide, "Logging using
    // CloudWatch Logs", "IAM Policies for logging to CloudWatch Logs").
    TreeSet<String> any = new TreeSet<>();
    any.addAll(
        List.of(
            "ecr:GetAuthorizationToken",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:DescribeLaunchTemplates",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
            "autoscaling:DescribeAutoScalingGroups",
            "ecs:DescribeCapacityProviders",
            "ecs:DescribeTaskDefinition",
            "ecs:RegisterTaskDefinition",
            "ssm:DescribeParameters",
            "states:ListStateMachines"));
    any.addAll(PolicyDocuments.LOG_DELIVERY_ACTIONS);
    s.add(new Statement("AnyResource", List.copyOf(any), List.of("*"), null));

    // The platform's ECR repository: the image push (Amazon ECR User Guide, "Private repository
    // policy examples", pushing an image) and the repository's settings, the digest lookup and
    // the live- tag a deploy writes.
    s.add(
        new Statement(
            "EcrRepository",
            List.of(
                "ecr:BatchCheckLayerAvailability",
                "ecr:BatchGetImage",
                "ecr:CompleteLayerUpload",
                "ecr:CreateRepository",
                "ecr:DescribeImages",
                "ecr:DescribeRepositories",
                "ecr:GetDownloadUrlForLayer",
                "ecr:GetLifecyclePolicy",
                "ecr:InitiateLayerUpload",
                "ecr:PutImage",
                "ecr:PutImageScanningConfiguration",
                "ecr:PutLifecyclePolicy",
                "ecr:TagResource",
                "ecr:UploadLayerPart"),
            List.of(arn("ecr", "repository/" + platform.ecrRepository())),
            null));

    // The project's roles and instance profile, named esteira-<project>-<role>[-<env>].
    String roles = "esteira-*" + suffix();
    s.add(
        new Statement(
            "IamRoles",
            List.of(
                "iam:CreateRole",
                "iam:DeleteRolePolicy",
                "iam:GetRole",
                "iam:GetRolePolicy",
                "iam:ListAttachedRolePolicies",
                "iam:ListRoleTags",
                "iam:PutRolePolicy",
                "iam:TagRole",
                "iam:UpdateAssumeRolePolicy"),
            List.of(iamArn("role/" + roles)),
            null));
    // The instance role gets AWS's managed ECS instance policy, and no other managed policy.
    s.add(
        new Statement(
            "IamAttachEcsInstancePolicy",
            List.of("iam:AttachRolePolicy"),
            List.of(iamArn("role/" + names.instanceRole())),
            condition(
                "ArnEquals",
                "iam:PolicyARN",
                List.of(
                    "arn:"
                        + partition
                        + ":iam::aws:policy/"
                        + PolicyDocuments.ECS_INSTANCE_POLICY_PATH))));
    s.add(
        new Statement(
            "IamInstanceProfile",
            List.of(
                "iam:AddRoleToInstanceProfile",
                "iam:CreateInstanceProfile",
                "iam:GetInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:TagInstanceProfile"),
            List.of(iamArn("instance-profile/" + names.instanceRole())),
            null));
    // iam:PassRole only for the roles the deployer makes, each only to the service that uses it
    // (IAM User Guide, "Grant a user permissions to pass a role to an AWS service";
    // iam:PassedToService).
    passRole(s, "PassTaskRoles", List.of(names.executionRole(), names.taskRole()), "ecs-tasks");
    passRole(s, "PassStateMachineRole", List.of(names.stateMachineRole()), "states");
    passRole(s, "PassSchedulerRole", List.of(names.schedulerRole()), "scheduler");
    // The instance role is passed twice: into its instance profile (AddRoleToInstanceProfile,
    // whose request carries no iam:PassedToService) and, through the profile, to EC2 when the
    // Auto Scaling group launches instances. IfExists keeps the second to EC2 without refusing the
    // first (IAM User Guide, "IAM JSON policy elements: Condition operators", ...IfExists).
    s.add(
        new Statement(
            "PassInstanceRole",
            List.of("iam:PassRole"),
            List.of(iamArn("role/" + names.instanceRole())),
            condition(
                "StringEqualsIfExists", "iam:PassedToService", List.of("ec2.amazonaws.com"))));
    // The first ECS cluster and Auto Scaling group of an account make their service-linked roles
    // (Amazon ECS Developer Guide, "Using service-linked roles for Amazon ECS"; Amazon EC2 Auto
    // Scaling User Guide, "Service-linked roles for Amazon EC2 Auto Scaling").
    s.add(
        new Statement(
            "ServiceLinkedRoles",
            List.of("iam:CreateServiceLinkedRole"),
            List.of(iamArn("role/aws-service-role/*")),
            condition(
                "StringEquals",
                "iam:AWSServiceName",
                List.of("autoscaling.amazonaws.com", "ecs.amazonaws.com"))));

    // EC2: the security group in the platform's VPCs, the launch template, and the instances the
    // Auto Scaling group launches from it, which Auto Scaling checks the caller may launch (Amazon
    // EC2 Auto Scaling User Guide, "Launch template support", permissions to use launch
    // templates; Amazon EC2 User Guide, "Control the use of launch templates", ec2:LaunchTemplate).
    List<String> groupResources = new ArrayList<>();
    groupResources.add(arn("ec2", "security-group/*"));
    for (String vpc : vpcs()) {
      groupResources.add(arn("ec2", "vpc/" + vpc));
    }
    s.add(
        new Statement(
            "Ec2SecurityGroup", List.of("ec2:CreateSecurityGroup"), groupResources, null));
    s.add(
        new Statement(
            "Ec2LaunchTemplate",
            List.of("ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion"),
            List.of(arn("ec2", "launch-template/*")),
            null));
    s.add(
        new Statement(
            "Ec2Tags",
            List.of("ec2:CreateTags"),
            List.of(arn("ec2", "launch-template/*"), arn("ec2", "security-group/*")),
            null));
    s.add(
        new Statement(
            "Ec2RunFromLaunchTemplate",
            List.of("ec2:RunInstances"),
            List.of("*"),
            condition("ArnLike", "ec2:LaunchTemplate", List.of(arn("ec2", "launch-template/*")))));
    s.add(
        new Statement(
            "AutoScalingGroup",
            List.of(
                "autoscaling:CreateAutoScalingGroup",
                "autoscaling:CreateOrUpdateTags",
                "autoscaling:UpdateAutoScalingGroup"),
            List.of(
                arn(
                    "autoscaling",
                    "autoScalingGroup:*:autoScalingGroupName/" + names.autoScalingGroup())),
            null));

    // ECS: the cluster, its capacity provider, and the tags a task definition is registered with.
    s.add(
        new Statement(
            "EcsClusterAndCapacity",
            List.of(
                "ecs:CreateCapacityProvider",
                "ecs:CreateCluster",
                "ecs:DescribeClusters",
                "ecs:PutClusterCapacityProviders",
                "ecs:TagResource",
                "ecs:UpdateCapacityProvider"),
            List.of(
                arn("ecs", "capacity-provider/" + names.capacityProvider()),
                arn("ecs", "cluster/" + names.cluster()),
                arn("ecs", "task-definition/" + names.taskDefinitionFamily() + ":*")),
            null));

    s.add(
        new Statement(
            "LogGroups",
            List.of(
                "logs:CreateLogGroup",
                "logs:ListTagsForResource",
                "logs:PutRetentionPolicy",
                "logs:TagResource"),
            List.of(
                arn("logs", "log-group:" + names.logGroup()),
                arn("logs", "log-group:" + names.logGroup() + ":*"),
                arn("logs", "log-group:" + names.stateMachineLogGroup()),
                arn("logs", "log-group:" + names.stateMachineLogGroup() + ":*")),
            null));

    s.add(
        new Statement(
            "Topics",
            List.of(
                "sns:CreateTopic",
                "sns:GetTopicAttributes",
                "sns:ListSubscriptionsByTopic",
                "sns:ListTagsForResource",
                "sns:SetTopicAttributes",
                "sns:Subscribe",
                "sns:TagResource",
                "sns:Unsubscribe"),
            List.of(arn("sns", names.failureTopic()), arn("sns", names.successTopic())),
            null));

    s.add(
        new Statement(
            "StateMachine",
            List.of(
                "states:CreateStateMachine",
                "states:DescribeStateMachine",
                "states:ListTagsForResource",
                "states:TagResource",
                "states:UpdateStateMachine"),
            List.of(arn("states", "stateMachine:" + names.stateMachine())),
            null));

    s.add(
        new Statement(
            "Schedule",
            List.of(
                "scheduler:CreateSchedule",
                "scheduler:GetSchedule",
                "scheduler:TagResource",
                "scheduler:UpdateSchedule"),
            List.of(arn("scheduler", "schedule/default/" + names.schedule())),
            null));

    s.add(
        new Statement(
            "ExecutionNoticeRule",
            List.of(
                "events:DescribeRule",
                "events:ListTagsForResource",
                "events:ListTargetsByRule",
                "events:PutRule",
                "events:PutTargets",
                "events:TagResource"),
            List.of(arn("events", "rule/" + names.failureRule())),
            null));

    // The deploy lock (one parameter per project and environment) and the ECS-optimized AMI id,
    // a public parameter AWS owns, whose ARN has no account (AWS Systems Manager User Guide,
    // "Working with public parameters").
    s.add(
        new Statement(
            "DeployLock",
            List.of("ssm:DeleteParameter", "ssm:GetParameter", "ssm:PutParameter"),
            List.of(arn("ssm", "parameter/esteira/locks/*/" + environment.orElse("*"))),
            null));
    s.add(
        new Statement(
            "AmiParameter",
            List.of("ssm:GetParameter"),
            List.of(
                "arn:"
                    + partition
                    + ":ssm:"
                    + platform.region()
                    + "::parameter"
                    + (platform.amiParameter().startsWith("/") ? "" : "/")
                    + platform.amiParameter()),
            null));

    // The secrets a project names: the deploy reads which KMS key encrypts each, to let the task
    // execution role decrypt with a customer-managed one (SecretKeys). A secret may be in any
    // account that shares it; DescribeSecret takes the secret as its resource.
    s.add(
        new Statement(
            "SecretKeys",
            List.of("secretsmanager:DescribeSecret"),
            List.of("arn:" + partition + ":secretsmanager:" + platform.region() + ":*:secret:*"),
            null));

    // The artifacts bucket: S3 checks HeadBucket as s3:ListBucket, and names the bucket
    // configuration calls by what they configure (Service Authorization Reference, "Actions,
    // resources, and condition keys for Amazon S3").
    s.add(
        new Statement(
            "ArtifactsBucket",
            List.of(
                "s3:CreateBucket",
                "s3:GetBucketOwnershipControls",
                "s3:GetBucketPublicAccessBlock",
                "s3:GetBucketTagging",
                "s3:GetEncryptionConfiguration",
                "s3:GetLifecycleConfiguration",
                "s3:ListBucket",
                "s3:PutBucketOwnershipControls",
                "s3:PutBucketPublicAccessBlock",
                "s3:PutBucketTagging",
                "s3:PutEncryptionConfiguration",
                "s3:PutLifecycleConfiguration"),
            buckets(),
            null));
    return s;
  }

  private String suffix() {
    return platform.environmentSuffix() && environment.isPresent() ? "-" + environment.get() : "";
  }

  private void passRole(List<Statement> s, String sid, List<String> roles, String service) {
    s.add(
        new Statement(
            sid,
            List.of("iam:PassRole"),
            roles.stream().map(r -> iamArn("role/" + r)).toList(),
            condition("StringEquals", "iam:PassedToService", List.of(service + ".amazonaws.com"))));
  }

  private List<EnvironmentPlatform> environments() {
    return environment
        .map(e -> List.of(platform.environments().get(e)))
        .orElseGet(() -> List.copyOf(platform.environments().values()));
  }

  private TreeSet<String> vpcs() {
    TreeSet<String> vpcs = new TreeSet<>();
    environments().forEach(e -> vpcs.add(e.network().vpcId()));
    return vpcs;
  }

  /**
   * The artifacts buckets: each environment's named one, or the managed one, {@code
   * esteira-artifacts-<account>-<region>} ({@link DeployContext#managedArtifactsBucket}).
   */
  private List<String> buckets() {
    TreeSet<String> buckets = new TreeSet<>();
    for (EnvironmentPlatform e : environments()) {
      String bucket =
          e.artifacts()
              .bucket()
              .orElseGet(() -> DeployContext.managedArtifactsBucket(account, platform.region()));
      buckets.add("arn:" + partition + ":s3:::" + bucket);
    }
    return List.copyOf(buckets);
  }

  private String arn(String service, String resource) {
    return "arn:"
        + partition
        + ":"
        + service
        + ":"
        + platform.region()
        + ":"
        + account
        + ":"
        + resource;
  }

  private String iamArn(String resource) {
    return "arn:" + partition + ":iam::" + account + ":" + resource;
  }

  private static Map<String, Map<String, List<String>>> condition(
      String operator, String key, List<String> values) {
    Map<String, Map<String, List<String>>> condition = new LinkedHashMap<>();
    condition.put(operator, Map.of(key, values));
    return condition;
  }

  private static ObjectNode document(List<Statement> statements) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ArrayNode list = document.putArray("Statement");
    for (Statement statement : statements) {
      ObjectNode node = list.addObject();
      node.put("Sid", statement.sid);
      node.put("Effect", "Allow");
      ArrayNode actions = node.putArray("Action");
      statement.actions.forEach(actions::add);
      ArrayNode resources = node.putArray("Resource");
      statement.resources.forEach(resources::add);
      if (statement.condition != null) {
        ObjectNode condition = node.putObject("Condition");
        statement.condition.forEach(
            (operator, keys) -> {
              ObjectNode op = condition.putObject(operator);
              keys.forEach(
                  (key, values) -> {
                    if (values.size() == 1) {
                      op.put(key, values.get(0));
                    } else {
                      ArrayNode array = op.putArray(key);
                      values.forEach(array::add);
                    }
                  });
            });
      }
    }
    return document;
  }

  private record Statement(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> condition) {}
}
