package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.resources.ecr.EcrImages;
import io.esteira.deploy.resources.ecr.RepositoryReconciler;
import io.esteira.deploy.resources.iam.DeployerPolicy;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The deploy role's policy is enough: an image push's AWS calls (the repository's settings and the
 * registry login) and a full deploy of the origin's example to moto_server, and a plan, are
 * recorded with their requests, and each call must be allowed by the policy {@code esteira iam
 * deployer-policy} prints (the plan's by the {@code --read-only} one): its IAM action by some
 * statement, the resource it names (an ARN or an IAM name in the request) by that statement's
 * resources, and every role it hands to a service by an {@code iam:PassRole} statement.
 *
 * <p>moto_server can enforce IAM for a few services only, and not resource patterns, conditions or
 * policy variables, so the policy is evaluated here. What no SDK call shows is not checked: the
 * registry protocol of the push itself (layer uploads, PutImage through the registry), and the
 * service-linked roles AWS creates on the first cluster and Auto Scaling group.
 */
class DeployerPolicyIT {

  private static final Path ROOT = Path.of("..");

  private final AwsCalls calls = new AwsCalls();
  private final Requests requests = new Requests();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls, requests);
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
    calls.reset();
    requests.seen.clear();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void everyCallOfAnImagePushAndADeployIsAllowedByTheDeployerPolicy() throws Exception {
    Platform platform = account.platform(false);
    RepositoryReconciler.ensure(aws.ecr(), platform);
    EcrImages.login(aws.ecr());
    deploy(platform, MotoAccount.origin(ROOT, "prd"), true);

    JsonNode policy = policy(platform, false);

    assertThat(requests.seen)
        .extracting(Call::action)
        .contains("iam:CreateRole", "ssm:PutParameter");
    assertThat(violations(policy, requests.seen)).isEmpty();
  }

  @Test
  void everyCallOfAPlanIsAllowedByTheReadOnlyPolicyWhichWritesNothing() throws Exception {
    Platform platform = account.platform(false);
    deploy(platform, MotoAccount.origin(ROOT, "prd"), true);
    requests.seen.clear();

    deploy(platform, MotoAccount.origin(ROOT, "prd"), false);
    JsonNode readOnly = policy(platform, true);

    assertThat(requests.seen).isNotEmpty();
    assertThat(violations(readOnly, requests.seen)).isEmpty();
    List<String> actions = new ArrayList<>();
    readOnly.get("Statement").forEach(s -> s.get("Action").forEach(a -> actions.add(a.asText())));
    assertThat(actions)
        .isNotEmpty()
        .allSatisfy(
            action ->
                assertThat(action.substring(action.indexOf(':') + 1))
                    .doesNotStartWith("Create")
                    .doesNotStartWith("Put")
                    .doesNotStartWith("Delete")
                    .doesNotStartWith("Update")
                    .doesNotStartWith("Register")
                    .doesNotStartWith("Attach")
                    .doesNotStartWith("Tag")
                    .doesNotStartWith("Pass")
                    .doesNotStartWith("Set")
                    .doesNotStartWith("Subscribe")
                    .doesNotStartWith("Run"));
  }

  @Test
  void aCallOutsideThePolicyIsReported() throws Exception {
    JsonNode readOnly = policy(account.platform(false), true);

    List<String> found =
        violations(
            readOnly,
            List.of(
                new Call("Iam", "CreateRole", Map.of("RoleName", List.of("esteira-recsys-task"))),
                new Call(
                    "Sfn",
                    "DescribeStateMachine",
                    Map.of(
                        "StateMachineArn",
                        List.of("arn:aws:states:us-east-1:123456789012:stateMachine:other")))));

    assertThat(found).hasSize(2);
  }

  private void deploy(Platform platform, List<DeployableProject> projects, boolean apply)
      throws InterruptedException {
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, platform, listener)
            .run(projects, new Deployer.Options("prd", Map.of(), "abc1234", true, 1), apply);
    assertThat(listener.failures).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  private static JsonNode policy(Platform platform, boolean readOnly) {
    DeployerPolicy policy =
        new DeployerPolicy(platform, Optional.of("prd"), Optional.of(Moto.ACCOUNT_ID));
    return readOnly ? policy.readOnly() : policy.full();
  }

  // ---- the evaluator ----

  /**
   * The IAM action of an SDK operation: the service's IAM prefix and, but for S3's bucket
   * configuration calls, the operation's name (Service Authorization Reference).
   */
  static String action(String service, String operation) {
    String prefix =
        switch (service) {
          case "Sfn" -> "states";
          case "CloudWatchLogs" -> "logs";
          case "EventBridge" -> "events";
          case "AutoScaling" -> "autoscaling";
          default -> service.toLowerCase();
        };
    String name =
        switch (prefix + ":" + operation) {
          case "s3:HeadBucket" -> "ListBucket";
          case "s3:GetBucketEncryption" -> "GetEncryptionConfiguration";
          case "s3:PutBucketEncryption" -> "PutEncryptionConfiguration";
          case "s3:GetBucketLifecycleConfiguration" -> "GetLifecycleConfiguration";
          case "s3:PutBucketLifecycleConfiguration" -> "PutLifecycleConfiguration";
          case "s3:GetPublicAccessBlock" -> "GetBucketPublicAccessBlock";
          case "s3:PutPublicAccessBlock" -> "PutBucketPublicAccessBlock";
          default -> operation;
        };
    return prefix + ":" + name;
  }

  /** Request members that name the resource a call acts on, and how to make its ARN. */
  private static final Map<String, String> RESOURCE_MEMBERS =
      Map.of(
          "RoleName", "arn:aws:iam::" + Moto.ACCOUNT_ID + ":role/",
          "InstanceProfileName", "arn:aws:iam::" + Moto.ACCOUNT_ID + ":instance-profile/",
          "TopicArn", "",
          "StateMachineArn", "",
          "ResourceArn", "");

  /** Request members that hand a role to a service: each needs iam:PassRole. */
  private static final List<String> PASSED_ROLES =
      List.of("RoleArn", "ExecutionRoleArn", "TaskRoleArn");

  /** Each call, or role passed, the policy does not allow, described. */
  static List<String> violations(JsonNode policy, Collection<Call> calls) {
    List<String> found = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (Call call : calls) {
      if (call.action().equals("sts:GetCallerIdentity")) {
        // Needs no permission: "No permissions are required to perform this operation" (AWS STS
        // API Reference, GetCallerIdentity).
        continue;
      }
      List<String> resources = new ArrayList<>();
      RESOURCE_MEMBERS.forEach(
          (member, arnPrefix) ->
              call.members().getOrDefault(member, List.of()).stream()
                  .filter(v -> !arnPrefix.isEmpty() || v.startsWith("arn:"))
                  .forEach(v -> resources.add(arnPrefix + v)));
      if (call.members().containsKey("InstanceProfileName")) {
        // Adding a role to an instance profile acts on the profile (the role is passed).
        resources.removeIf(r -> r.contains(":role/"));
      }
      if (resources.isEmpty()) {
        resources.add(null);
      }
      for (String resource : resources) {
        if (!allowed(policy, call.action(), resource) && seen.add(call.action() + " " + resource)) {
          found.add(call.action() + " on " + (resource == null ? "(any)" : resource));
        }
      }
      if (!call.operation().startsWith("Describe")) {
        for (String member : PASSED_ROLES) {
          for (String role : call.members().getOrDefault(member, List.of())) {
            if (role.contains(":role/")
                && !allowed(policy, "iam:PassRole", role)
                && seen.add("iam:PassRole " + role)) {
              found.add("iam:PassRole on " + role + " (" + call.action() + ")");
            }
          }
        }
      }
    }
    return found;
  }

  /** Whether some statement allows {@code action} on {@code resource} (null: any it names). */
  static boolean allowed(JsonNode policy, String action, String resource) {
    for (JsonNode statement : policy.get("Statement")) {
      boolean actionMatches = false;
      for (JsonNode a : statement.get("Action")) {
        actionMatches |= matches(a.asText().toLowerCase(), action.toLowerCase());
      }
      if (!actionMatches) {
        continue;
      }
      if (resource == null) {
        return true;
      }
      for (JsonNode r : statement.get("Resource")) {
        if (matches(r.asText(), resource)) {
          return true;
        }
      }
    }
    return false;
  }

  /** IAM's wildcard match: {@code *} any run of characters, {@code ?} one. */
  static boolean matches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(
          c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }

  /** One SDK call: its service, operation and every string member of its request, nested too. */
  record Call(String service, String operation, Map<String, List<String>> members) {
    String action() {
      return DeployerPolicyIT.action(service, operation);
    }
  }

  /** Records each call with its request's string members. */
  static final class Requests implements ExecutionInterceptor {
    final List<Call> seen = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      Map<String, List<String>> members = new java.util.HashMap<>();
      collect(context.request(), members);
      seen.add(
          new Call(
              attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
              members));
    }

    private static void collect(Object value, Map<String, List<String>> members) {
      if (value instanceof SdkPojo pojo) {
        for (SdkField<?> field : pojo.sdkFields()) {
          Object member = field.getValueOrDefault(pojo);
          if (member instanceof String text) {
            members.computeIfAbsent(field.memberName(), k -> new ArrayList<>()).add(text);
          } else {
            collect(member, members);
          }
        }
      } else if (value instanceof Collection<?> list) {
        list.forEach(item -> collect(item, members));
      }
    }
  }
}
