package io.esteira.deploy.resources.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.ProjectImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege of the roles' policies, checked the way IAM matches ARNs: the task role reaches
 * only its own project's prefix of the artifacts bucket, and no policy grants a wildcard resource
 * except where AWS accepts nothing narrower.
 */
class PolicyDocumentsTest {

  private static final String ACCOUNT = "123456789012";
  private static final String BUCKET = "esteira-artifacts-123456789012-us-east-1";
  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");

  @TempDir Path dir;

  private static Platform platform(String artifacts) {
    String text =
        artifacts
            + """
            region: us-east-1
            network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}
            ecr: {repository: ml-pipelines}
            environments:
              prd:
                mlflow:
                  tracking_uri: https://mlflow.example.com
                  s3_endpoint_url: https://s3.us-east-1.amazonaws.com
            """;
    PlatformReader.Result result = PlatformReader.parse(text, "platform.yaml");
    return result.platform().orElseThrow(() -> new AssertionError(result.diagnostics()));
  }

  private DeployableProject project(String name) throws Exception {
    Path project = dir.resolve(name);
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("config.yaml"),
        Files.readString(ORIGIN.resolve("config.yaml"))
            .replace("project_name: recsys", "project_name: " + name));
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    return loaded.projects().get(0);
  }

  private static PolicyDocuments policies(Platform platform, DeployableProject project) {
    return policies(platform, project, "aws");
  }

  private static PolicyDocuments policies(
      Platform platform, DeployableProject project, String partition) {
    return new PolicyDocuments(
        new DeployContext(
            null, ACCOUNT, partition, platform, project, ProjectImage.given("image"), ""));
  }

  /** IAM's ARN and condition matching: {@code *} any run of characters, {@code ?} one. */
  private static boolean iamMatches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }

  /** Whether {@code policy} allows {@code action} on {@code resource}, conditions aside. */
  private static boolean allows(JsonNode policy, String action, String resource) {
    for (JsonNode statement : policy.path("Statement")) {
      boolean actionMatches = false;
      for (JsonNode a : statement.path("Action")) {
        actionMatches |= iamMatches(a.asText(), action);
      }
      for (JsonNode r : statement.path("Resource")) {
        if (actionMatches && iamMatches(r.asText(), resource)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The {@code s3:prefix} values a ListBucket with {@code prefix} is allowed for. */
  private static boolean mayList(JsonNode policy, String bucket, String prefix) {
    for (JsonNode statement : policy.path("Statement")) {
      if (statement.path("Action").toString().contains("s3:ListBucket")
          && statement.path("Resource").get(0).asText().equals("arn:aws:s3:::" + bucket)) {
        String allowed = statement.path("Condition").path("StringLike").path("s3:prefix").asText();
        return prefix != null && iamMatches(allowed, prefix);
      }
    }
    return false;
  }

  @Test
  void theTaskRoleReadsAndWritesOnlyItsProjectsKeysAndListsOnlyUnderThem() throws Exception {
    JsonNode recsys = policies(platform(""), project("recsys")).task();

    String own = "arn:aws:s3:::" + BUCKET + "/recsys/prd/exec-1/extract_features/features.csv";
    assertThat(allows(recsys, "s3:GetObject", own)).isTrue();
    assertThat(allows(recsys, "s3:PutObject", own)).isTrue();
    assertThat(allows(recsys, "s3:DeleteObject", own)).isFalse();
    assertThat(allows(recsys, "s3:GetObject", "arn:aws:s3:::" + BUCKET + "/churn/prd/e/s/x"))
        .isFalse();
    // A project whose name starts with this one's is another project.
    assertThat(allows(recsys, "s3:GetObject", "arn:aws:s3:::" + BUCKET + "/recsys2/prd/e/s/x"))
        .isFalse();
    assertThat(allows(recsys, "s3:GetObject", "arn:aws:s3:::other-bucket/recsys/prd/e/s/x"))
        .isFalse();
    assertThat(mayList(recsys, BUCKET, "recsys/prd/exec-1/extract_features/")).isTrue();
    assertThat(mayList(recsys, BUCKET, "churn/")).isFalse();
    assertThat(mayList(recsys, BUCKET, "recsys2/")).isFalse();
    assertThat(mayList(recsys, BUCKET, null)).isFalse();

    JsonNode churn = policies(platform(""), project("churn")).task();
    assertThat(churn.toString()).doesNotContain("recsys");
    assertThat(recsys.toString()).doesNotContain("churn");
  }

  @Test
  void aBucketThePlatformNamesIsTheOneTheTaskRoleReaches() throws Exception {
    JsonNode policy =
        policies(platform("artifacts: {bucket: team-artifacts}\n"), project("recsys")).task();

    assertThat(allows(policy, "s3:PutObject", "arn:aws:s3:::team-artifacts/recsys/prd/e/s/x"))
        .isTrue();
    assertThat(policy.toString()).doesNotContain(BUCKET);
  }

  @Test
  void noRoleHasAWildcardResourceButTheEcrTokenWhichTakesNoOther() throws Exception {
    PolicyDocuments policies = policies(platform(""), project("recsys"));
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy :
        List.of(
            policies.task(),
            policies.execution(),
            policies.stateMachine(List.of()),
            policies.scheduler())) {
      policy.path("Statement").forEach(statements::add);
    }

    for (JsonNode statement : statements) {
      for (JsonNode resource : statement.path("Resource")) {
        String arn = resource.asText();
        if (arn.equals("*")) {
          // The two kinds of action that take no resource: the ECR token, and the state
          // machine's log delivery, which touches no log event.
          List<String> actions = texts(statement.path("Action"));
          assertThat(
                  actions.equals(List.of("ecr:GetAuthorizationToken"))
                      || actions.equals(PolicyDocuments.LOG_DELIVERY_ACTIONS))
              .as("%s on *", actions)
              .isTrue();
          assertThat(actions).noneMatch(a -> a.contains("LogEvents") || a.endsWith("*"));
          continue;
        }
        if (arn.equals("arn:aws:s3:::" + BUCKET)) {
          // The bucket itself only for listing, and only under the project's prefix.
          assertThat(statement.path("Action").toString()).isEqualTo("[\"s3:ListBucket\"]");
          assertThat(statement.path("Condition").toString())
              .isEqualTo("{\"StringLike\":{\"s3:prefix\":\"recsys/*\"}}");
          continue;
        }
        if (arn.startsWith("arn:aws:s3:::")) {
          assertThat(arn).isEqualTo("arn:aws:s3:::" + BUCKET + "/recsys/*");
        }
        // Every other resource is this project's own (or the shared repository, or the one rule
        // Step Functions manages), never a wildcard in place of a name.
        assertThat(arn)
            .satisfiesAnyOf(
                a -> assertThat(a).contains("recsys"),
                a -> assertThat(a).endsWith(":repository/ml-pipelines"),
                a -> assertThat(a).endsWith(":rule/" + PolicyDocuments.ECS_EVENTS_RULE));
        assertThat(arn).doesNotContain(":::*").doesNotEndWith(BUCKET + "/*");
      }
    }
  }

  @Test
  void theStateMachineTagsOnlyTheTasksItStartsOnItsCluster() throws Exception {
    JsonNode policy = policies(platform(""), project("recsys")).stateMachine(List.of());
    String task = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/ml-cluster-recsys/0123abcd";

    assertThat(allows(policy, "ecs:TagResource", task)).isTrue();
    assertThat(
            allows(
                policy,
                "ecs:TagResource",
                "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/ml-cluster-churn/0123abcd"))
        .isFalse();
    JsonNode tagging = null;
    for (JsonNode statement : policy.path("Statement")) {
      if (statement.path("Action").toString().contains("ecs:TagResource")) {
        tagging = statement;
      }
    }
    assertThat(tagging.path("Condition").toString())
        .isEqualTo("{\"StringEquals\":{\"ecs:CreateAction\":\"RunTask\"}}");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aTransferImageMirroredIntoPrivateEcrIsPulledByTheExecutionRoleOnlyWhereTasksUseIt()
      throws Exception {
    Platform mirrored =
        platform(
            "artifacts: {transfer_image:"
                + " 123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/aws-cli:2.36.7}\n");
    // The example's command steps declare data: its task definition runs the transfer image.
    DeployableProject moving = project("recsys");
    assertThat(moving.taskDefinition()).contains("${TransferImage}");
    DeployableProject plain =
        new DeployableProject(
            moving.source(),
            moving.model(),
            moving.taskDefinition().replace("${TransferImage}", "${ImageUri}"),
            moving.stateMachine(),
            moving.schedule(),
            moving.directory());
    String mirror = "arn:aws:ecr:us-east-1:123456789012:repository/mirror/aws-cli";

    assertThat(policies(mirrored, moving).execution().toString()).contains(mirror);
    assertThat(policies(mirrored, plain).execution().toString()).doesNotContain(mirror);
    // The default image is on ECR Public: pulled anonymously, nothing to grant.
    assertThat(policies(platform(""), moving).execution().toString())
        .doesNotContain("aws-cli")
        .doesNotContain("public.ecr.aws");
  }

  @Test
  void everyArnIsInThePartitionOfTheCallersIdentity() throws Exception {
    Platform mirrored =
        platform(
            "artifacts: {transfer_image: "
                + "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/mirror/aws-cli:2.36.7}\n");
    PolicyDocuments china = policies(mirrored, project("recsys"), "aws-cn");
    List<JsonNode> documents =
        List.of(
            china.task(),
            china.execution(),
            china.stateMachine(List.of()),
            china.scheduler(),
            china.trust("states.amazonaws.com"));
    StringBuilder all = new StringBuilder();
    documents.forEach(d -> all.append(d));

    assertThat(all.toString())
        .contains("arn:aws-cn:s3:::" + BUCKET + "/recsys/*")
        .contains("arn:aws-cn:ecs:")
        .contains("arn:aws-cn:iam::" + ACCOUNT + ":role/esteira-recsys-task")
        .contains("arn:aws-cn:ecr:cn-north-1:123456789012:repository/mirror/aws-cli")
        .doesNotContain("arn:aws:");
    assertThat(china.ecsInstancePolicy())
        .isEqualTo("arn:aws-cn:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role");
    assertThat(policies(mirrored, project("recsys")).ecsInstancePolicy())
        .isEqualTo("arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role");
  }

  @Test
  void thePartitionIsTheSecondFieldOfTheCallersArn() {
    assertThat(DeployContext.partitionOf("arn:aws:iam::123456789012:user/deployer"))
        .isEqualTo("aws");
    assertThat(
            DeployContext.partitionOf("arn:aws-cn:sts::123456789012:assumed-role/deploy/session-1"))
        .isEqualTo("aws-cn");
    assertThat(DeployContext.partitionOf("arn:aws-us-gov:sts::123456789012:assumed-role/d/s"))
        .isEqualTo("aws-us-gov");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeployContext.partitionOf("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void privateEcrImagesAreToldFromOtherRegistries() {
    assertThat(
            PolicyDocuments.privateRepository(
                "111122223333.dkr.ecr.eu-west-1.amazonaws.com/tools/aws-cli:2.36.7", "aws"))
        .contains("arn:aws:ecr:eu-west-1:111122223333:repository/tools/aws-cli");
    assertThat(
            PolicyDocuments.privateRepository(
                "111122223333.dkr.ecr.eu-west-1.amazonaws.com/aws-cli@sha256:" + "a".repeat(64),
                "aws"))
        .contains("arn:aws:ecr:eu-west-1:111122223333:repository/aws-cli");
    assertThat(PolicyDocuments.privateRepository("public.ecr.aws/aws-cli/aws-cli:2.36.7", "aws"))
        .isEmpty();
    assertThat(PolicyDocuments.privateRepository("amazon/aws-cli:2.36.7", "aws")).isEmpty();
  }
}
