package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deploy runs the image its ECR tag points at, pinned by digest, and tags that image live so the
 * lifecycle policy keeps it: against moto_server, with images put into ECR as a push would leave
 * them (moto computes the digest of the manifest it is given, as ECR does).
 */
class ImagePinningIT {

  private static final Path ROOT = Path.of("..");
  private static final String REPOSITORY = "ml-pipelines";
  private static final String TAG = "recsys-1.0.0";

  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients();
    account = MotoAccount.prepare(aws, TAG);
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private Deployer.Result run(
      List<DeployableProject> projects,
      Map<String, String> images,
      boolean apply,
      RecordingListener listener)
      throws InterruptedException {
    return new Deployer(aws, account.platform(false), listener)
        .run(projects, new Deployer.Options("prd", images, "abc1234", true, 1), apply);
  }

  private String digestOf(String tag) {
    return aws.ecr()
        .describeImages(r -> r.repositoryName(REPOSITORY).imageIds(i -> i.imageTag(tag)))
        .imageDetails()
        .get(0)
        .imageDigest();
  }

  private String taskImage() {
    return aws.ecs()
        .describeTaskDefinition(r -> r.taskDefinition("recsys"))
        .taskDefinition()
        .containerDefinitions()
        .get(0)
        .image();
  }

  /** What a push of rebuilt code under the same version leaves in ECR: the tag on a new image. */
  private void pushRebuild(String tag, String content) {
    MotoAccount.pushManifest(aws, tag, content);
  }

  private static Optional<PlanItem> item(Deployer.Result result, String kind) {
    return result.items().stream().filter(i -> i.kind().equals(kind)).findFirst();
  }

  @Test
  void aDeployPinsTheDigestTagsItLiveAndARebuildOfTheSameVersionIsARealChange() throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");
    String first = digestOf(TAG);
    RecordingListener listener = new RecordingListener();

    Deployer.Result deployed = run(recsys, Map.of(), true, listener);

    assertThat(deployed.ok()).as(listener.failures.toString()).isTrue();
    String repositoryUri = Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/" + REPOSITORY;
    assertThat(taskImage()).isEqualTo(repositoryUri + "@" + first);
    assertThat(digestOf("live-recsys-prd")).isEqualTo(first);
    assertThat(item(deployed, "ECR image tag"))
        .get()
        .satisfies(i -> assertThat(i.action()).isEqualTo(PlanItem.Action.CREATE));

    // Nothing pushed: a second deploy changes nothing, the live tag included.
    Deployer.Result again = run(recsys, Map.of(), true, new RecordingListener());
    assertThat(again.items()).noneMatch(PlanItem::changesSomething);

    // Code changed, version not: the tag moves to a new image, and the plan shows the change.
    pushRebuild(TAG, "second build");
    String second = digestOf(TAG);
    assertThat(second).isNotEqualTo(first);
    Deployer.Result plan = run(recsys, Map.of(), false, new RecordingListener());
    assertThat(item(plan, "task definition").orElseThrow().changesSomething()).isTrue();
    assertThat(item(plan, "ECR image tag").orElseThrow().changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before()).isEqualTo(first);
              assertThat(c.after()).isEqualTo(second);
            });

    run(recsys, Map.of(), true, new RecordingListener());

    assertThat(taskImage()).isEqualTo(repositoryUri + "@" + second);
    assertThat(digestOf("live-recsys-prd")).isEqualTo(second);
    // Revision 1 still names the first image: running it again is a real rollback.
    assertThat(
            aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition("recsys:1"))
                .taskDefinition()
                .containerDefinitions()
                .get(0)
                .image())
        .isEqualTo(repositoryUri + "@" + first);
  }

  @Test
  void theRepositorysLifecyclePolicyKeepsLiveImagesBeforeAnyRuleThatExpires() throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");

    run(recsys, Map.of(), true, new RecordingListener());

    String policy =
        aws.ecr().getLifecyclePolicy(r -> r.repositoryName(REPOSITORY)).lifecyclePolicyText();
    com.fasterxml.jackson.databind.JsonNode rules =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(policy).path("rules");
    assertThat(rules.get(0).path("rulePriority").asInt()).isEqualTo(1);
    assertThat(rules.get(0).path("selection").path("tagPrefixList").get(0).asText())
        .isEqualTo("live-");
    assertThat(rules.get(0).path("selection").path("countNumber").asInt())
        .isGreaterThanOrEqualTo(10_000);
    assertThat(rules.get(rules.size() - 1).path("selection").path("tagStatus").asText())
        .as("ECR requires the rule selecting any image to be evaluated last")
        .isEqualTo("any");
  }

  @Test
  void aPlanBeforeTheImageIsBuiltGoesOnWithTheTagAndSaysSoWhileADeployRefuses() throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");
    aws.ecr().batchDeleteImage(r -> r.repositoryName(REPOSITORY).imageIds(i -> i.imageTag(TAG)));
    RecordingListener listener = new RecordingListener();

    Deployer.Result plan = run(recsys, Map.of(), false, listener);

    assertThat(plan.ok()).isTrue();
    assertThat(listener.warnings)
        .singleElement()
        .asString()
        .contains("recsys: the image ml-pipelines:recsys-1.0.0 is not in ECR yet")
        .contains("esteira image build --push");
    assertThat(item(plan, "ECR image tag").orElseThrow().notes())
        .singleElement()
        .asString()
        .contains("is not in ECR yet");

    Deployer.Result deploy = run(recsys, Map.of(), true, new RecordingListener());

    assertThat(deploy.problems())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message()).isEqualTo(DeployMessage.DEPLOY_IMAGE_MISSING);
              assertThat(d.text()).contains("esteira image build --push");
            });
    assertThat(deploy.items()).isEmpty();
  }

  @Test
  void anImageGivenForAProjectIsUsedAsItIsAndAnUnknownProjectNameIsRefused() throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");
    String given = "registry.example.com/team/recsys:hotfix";

    Deployer.Result deployed = run(recsys, Map.of("recsys", given), true, new RecordingListener());

    assertThat(deployed.ok()).isTrue();
    assertThat(taskImage()).isEqualTo(given);
    assertThat(item(deployed, "ECR image tag")).isEmpty();

    Deployer.Result unknown = run(recsys, Map.of("recsy", given), false, new RecordingListener());
    assertThat(unknown.problems())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message()).isEqualTo(DeployMessage.DEPLOY_IMAGE_UNKNOWN_PROJECT);
              assertThat(d.text()).contains("'recsy'").contains("recsys");
            });
  }
}
