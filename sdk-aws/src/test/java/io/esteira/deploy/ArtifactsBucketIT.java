package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import io.esteira.diagnostics.Diagnostic;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * The run store's bucket against moto_server, read back with the SDK: the bucket the deployer
 * creates (private, encrypted, owner-enforced, the project's expiry rule), a redeploy that changes
 * nothing, rules of others kept when the project's rule changes or another environment adds its
 * own, a named bucket used as it is, a named bucket that does not exist refused before any change,
 * and the task role's S3 policy statement by statement.
 */
class ArtifactsBucketIT {

  private static final Path ROOT = Path.of("..");
  private static final String MANAGED = "esteira-artifacts-" + Moto.ACCOUNT_ID + "-us-east-1";

  private final AwsCalls calls = new AwsCalls();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls);
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
    calls.reset();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private Deployer.Result run(Platform platform, String environment, boolean apply)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    List<DeployableProject> projects = MotoAccount.origin(ROOT, environment);
    Deployer.Result result =
        new Deployer(aws, platform, listener)
            .run(
                projects,
                new Deployer.Options(environment, java.util.Map.of(), "abc1234", true, 1),
                apply);
    assertThat(listener.failures).isEmpty();
    return result;
  }

  private static PlanItem item(Deployer.Result result, String kind) {
    return result.items().stream()
        .filter(i -> i.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " in " + result.items()));
  }

  private List<LifecycleRule> rules(String bucket) {
    return aws.s3().getBucketLifecycleConfiguration(r -> r.bucket(bucket)).rules();
  }

  private static String describe(LifecycleRule rule) {
    return rule.id()
        + " "
        + rule.filter().prefix()
        + " "
        + rule.expiration().days()
        + "d "
        + rule.statusAsString();
  }

  private void addForeignRule(String bucket) {
    List<LifecycleRule> rules = new ArrayList<>();
    try {
      rules.addAll(rules(bucket));
    } catch (S3Exception e) {
      // no configuration yet
    }
    rules.add(
        LifecycleRule.builder()
            .id("team-logs")
            .filter(f -> f.prefix("logs/"))
            .status(ExpirationStatus.ENABLED)
            .expiration(e -> e.days(7))
            .build());
    aws.s3()
        .putBucketLifecycleConfiguration(
            r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
  }

  @Test
  void createsAPrivateEncryptedBucketWithTheProjectsExpiryRuleAndARedeployChangesNothing()
      throws Exception {
    Platform platform = account.platform(false);

    Deployer.Result plan = run(platform, "prd", false);

    assertThat(calls.mutatingCalls()).isEmpty();
    PlanItem bucket = item(plan, "S3 bucket");
    assertThat(bucket.project()).isEmpty();
    assertThat(bucket.name()).isEqualTo(MANAGED);
    assertThat(bucket.action()).isEqualTo(Action.CREATE);
    assertThat(bucket.changes())
        .extracting(c -> c.field() + ": " + c.after())
        .containsExactly(
            "public access block: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy,"
                + " RestrictPublicBuckets",
            "default encryption: SSE-S3 (AES256)",
            "object ownership: BucketOwnerEnforced",
            "tags: managed-by=esteira");
    PlanItem rule = item(plan, "S3 lifecycle rule");
    assertThat(rule.project()).isEqualTo("recsys");
    assertThat(rule.name()).isEqualTo(MANAGED + "/esteira-recsys-prd");
    assertThat(rule.action()).isEqualTo(Action.CREATE);
    assertThat(rule.changes())
        .extracting(c -> c.field() + ": " + c.after())
        .containsExactly(
            "rule: keys under recsys/prd/: expire after 30 days, incomplete uploads aborted after"
                + " 1 day");

    Deployer.Result first = run(platform, "prd", true);

    assertThat(first.ok()).isTrue();
    assertThat(calls.mutatingCalls())
        .filteredOn(c -> c.startsWith("S3:"))
        .containsExactly(
            "S3:CreateBucket",
            "S3:PutPublicAccessBlock",
            "S3:PutBucketEncryption",
            "S3:PutBucketTagging",
            "S3:PutBucketLifecycleConfiguration");
    PublicAccessBlockConfiguration block =
        aws.s3().getPublicAccessBlock(r -> r.bucket(MANAGED)).publicAccessBlockConfiguration();
    assertThat(block.blockPublicAcls()).isTrue();
    assertThat(block.ignorePublicAcls()).isTrue();
    assertThat(block.blockPublicPolicy()).isTrue();
    assertThat(block.restrictPublicBuckets()).isTrue();
    ServerSideEncryptionByDefault encryption =
        aws.s3()
            .getBucketEncryption(r -> r.bucket(MANAGED))
            .serverSideEncryptionConfiguration()
            .rules()
            .get(0)
            .applyServerSideEncryptionByDefault();
    assertThat(encryption.sseAlgorithmAsString()).isEqualTo("AES256");
    assertThat(
            aws.s3().getBucketOwnershipControls(r -> r.bucket(MANAGED)).ownershipControls().rules())
        .extracting(o -> o.objectOwnershipAsString())
        .containsExactly("BucketOwnerEnforced");
    assertThat(aws.s3().getBucketTagging(r -> r.bucket(MANAGED)).tagSet())
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("managed-by=esteira");
    List<LifecycleRule> rules = rules(MANAGED);
    assertThat(rules)
        .extracting(ArtifactsBucketIT::describe)
        .containsExactly("esteira-recsys-prd recsys/prd/ 30d Enabled");
    assertThat(rules.get(0).abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);

    calls.reset();
    Deployer.Result second = run(platform, "prd", true);

    assertThat(calls.mutatingCalls()).isEmpty();
    assertThat(second.items()).extracting(PlanItem::action).containsOnly(Action.NO_CHANGE);
    assertThat(second.items())
        .extracting(PlanItem::kind)
        .contains("S3 bucket", "S3 lifecycle rule");
  }

  @Test
  void aChangedRetentionAndAnotherEnvironmentRewriteOnlyEsteirasRulesKeepingEveryoneElses()
      throws Exception {
    run(account.platform(true), "prd", true);
    addForeignRule(MANAGED);
    calls.reset();

    Platform sixtyDays =
        MotoAccount.parse("artifacts:\n  retention_days: 60\n" + account.platformYaml(true));
    Deployer.Result longer = run(sixtyDays, "prd", true);

    assertThat(longer.ok()).isTrue();
    assertThat(calls.mutatingCalls())
        .containsExactly(
            "Ssm:PutParameter", "S3:PutBucketLifecycleConfiguration", "Ssm:DeleteParameter");
    assertThat(item(longer, "S3 lifecycle rule").changes())
        .extracting(c -> c.before() + " -> " + c.after())
        .containsExactly(
            "keys under recsys/prd/: expire after 30 days, incomplete uploads aborted after 1"
                + " day -> keys under recsys/prd/: expire after 60 days, incomplete uploads"
                + " aborted after 1 day");
    assertThat(item(longer, "S3 bucket").action()).isEqualTo(Action.NO_CHANGE);

    run(sixtyDays, "dev", true);

    assertThat(rules(MANAGED))
        .extracting(ArtifactsBucketIT::describe)
        .containsExactly(
            // Esteira's rule changed where it stood, the team's rule as it was, dev's appended.
            "esteira-recsys-prd recsys/prd/ 60d Enabled",
            "team-logs logs/ 7d Enabled",
            "esteira-recsys-dev recsys/dev/ 60d Enabled");
  }

  @Test
  void aNamedBucketIsUsedAsItIsAndOnlyEsteirasRuleIsWrittenInIt() throws Exception {
    aws.s3().createBucket(r -> r.bucket("team-artifacts"));
    addForeignRule("team-artifacts");
    calls.reset();
    Platform named =
        MotoAccount.parse("artifacts:\n  bucket: team-artifacts\n" + account.platformYaml(false));

    Deployer.Result result = run(named, "prd", true);

    assertThat(result.ok()).isTrue();
    PlanItem bucket = item(result, "S3 bucket");
    assertThat(bucket.name()).isEqualTo("team-artifacts");
    assertThat(bucket.action()).isEqualTo(Action.NO_CHANGE);
    assertThat(bucket.notes()).singleElement().asString().contains("used as it is");
    assertThat(calls.mutatingCalls())
        .filteredOn(c -> c.startsWith("S3:"))
        .containsExactly("S3:PutBucketLifecycleConfiguration");
    assertThat(rules("team-artifacts"))
        .extracting(ArtifactsBucketIT::describe)
        .containsExactly(
            "team-logs logs/ 7d Enabled", "esteira-recsys-prd recsys/prd/ 30d Enabled");
    assertThat(aws.s3().listBuckets().buckets())
        .extracting(b -> b.name())
        .containsExactly("team-artifacts");
    assertThat(taskPolicy().toString()).contains("arn:aws:s3:::team-artifacts/recsys/*");
  }

  @Test
  void aNamedBucketThatDoesNotExistIsRefusedAtItsLineBeforeAnyChange() throws Exception {
    Platform missing =
        MotoAccount.parse(
            "artifacts:\n  bucket: team-artifacts-gone\n" + account.platformYaml(false));

    for (boolean apply : new boolean[] {false, true}) {
      Deployer.Result result = run(missing, "prd", apply);

      assertThat(result.problems())
          .extracting(Diagnostic::render)
          .containsExactly(
              "platform.yaml:2:11: error: [ESTEIRA-DEPLOY-ARTIFACTS-BUCKET-MISSING] the artifacts"
                  + " bucket 'team-artifacts-gone' that the platform file names does not exist;"
                  + " create it (private, in us-east-1), correct the name, or leave"
                  + " artifacts.bucket out so that the deployer creates and manages "
                  + MANAGED);
      assertThat(result.items()).isEmpty();
    }
    assertThat(calls.mutatingCalls()).isEmpty();
  }

  @Test
  void theTaskRoleMayReadAndWriteOnlyItsProjectsPrefixOfTheBucket() throws Exception {
    run(account.platform(false), "prd", true);

    JsonNode policy = taskPolicy();

    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    JsonNode statements = policy.path("Statement");
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
                        + "\"Resource\":[\"arn:aws:s3:::"
                        + MANAGED
                        + "/recsys/*\"]}"));
    assertThat(statements.get(1))
        .isEqualTo(
            Json.mapper()
                .readTree(
                    "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\"],"
                        + "\"Resource\":[\"arn:aws:s3:::"
                        + MANAGED
                        + "\"],\"Condition\":{\"StringLike\":{\"s3:prefix\":\"recsys/*\"}}}"));
  }

  private JsonNode taskPolicy() throws Exception {
    return Json.mapper()
        .readTree(
            URLDecoder.decode(
                aws.iam()
                    .getRolePolicy(r -> r.roleName("esteira-recsys-task").policyName("esteira"))
                    .policyDocument(),
                StandardCharsets.UTF_8));
  }
}
