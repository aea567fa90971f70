package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/**
 * Deploys the origin document's example project (recsys, prd) to moto_server and reads every
 * resource back: the origin's names and the configured values; then redeploys and sees no mutating
 * call at all.
 */
class OriginDeployIT {

  private static final Path ROOT = Path.of("..");

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

  private Deployer.Result deploy(List<DeployableProject> projects, boolean apply)
      throws InterruptedException {
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(
                projects,
                new Deployer.Options("prd", java.util.Map.of(), "abc1234", true, 1),
                apply);
    assertThat(listener.failures).isEmpty();
    assertThat(result.problems()).isEmpty();
    return result;
  }

  @Test
  void deploysEveryResourceWithTheOriginsNamesAndValuesThenRedeploysWithoutAChange()
      throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");

    Deployer.Result first = deploy(recsys, true);

    assertThat(first.ok()).isTrue();
    assertThat(calls.mutatingCalls()).isNotEmpty();
    String region = Moto.REGION;
    String accountId = Moto.ACCOUNT_ID;

    // Log group with the platform's retention.
    assertThat(aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/ecs/recsys")).logGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(14));

    // Cluster and task definition, revision 1, image and sizes of the largest step.
    assertThat(aws.ecs().describeClusters(r -> r.clusters("ml-cluster-recsys")).clusters())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
    TaskDefinition td =
        aws.ecs().describeTaskDefinition(r -> r.taskDefinition("recsys")).taskDefinition();
    assertThat(td.revision()).isEqualTo(1);
    assertThat(td.cpu()).isEqualTo("2048");
    assertThat(td.memory()).isEqualTo("8192");
    assertThat(td.executionRoleArn())
        .isEqualTo("arn:aws:iam::" + accountId + ":role/esteira-recsys-execution");
    String digest =
        aws.ecr()
            .describeImages(
                r -> r.repositoryName("ml-pipelines").imageIds(i -> i.imageTag("recsys-1.0.0")))
            .imageDetails()
            .get(0)
            .imageDigest();
    assertThat(td.containerDefinitions().get(0).image())
        .as("pinned to the digest the version tag points at")
        .isEqualTo(accountId + ".dkr.ecr." + region + ".amazonaws.com/ml-pipelines@" + digest);
    assertThat(td.containerDefinitions().get(0).environment())
        .anySatisfy(
            v -> {
              assertThat(v.name()).isEqualTo("MLFLOW_TRACKING_URI");
              assertThat(v.value()).isEqualTo("https://mlflow.example.com");
            })
        .anySatisfy(
            v -> {
              assertThat(v.name()).isEqualTo("ENV");
              assertThat(v.value()).isEqualTo("prd");
            });

    // Topics with the notification addresses.
    String failureTopic = "arn:aws:sns:" + region + ":" + accountId + ":recsys-failure";
    assertThat(aws.sns().listSubscriptionsByTopic(r -> r.topicArn(failureTopic)).subscriptions())
        .extracting(s -> s.endpoint())
        .containsExactlyInAnyOrder("ml-team@rentcars.com", "oncall@rentcars.com");

    // State machine: the registered task definition, the timeout, version 1 naming the commit.
    String machineArn =
        "arn:aws:states:" + region + ":" + accountId + ":stateMachine:recsys-workflow";
    JsonNode definition =
        Json.mapper()
            .readTree(
                aws.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn)).definition());
    assertThat(definition.path("TimeoutSeconds").asInt()).isEqualTo(3600);
    JsonNode settings = definition.path("States").path("Pipeline settings").path("Assign");
    assertThat(settings.path("taskDefinition").asText()).isEqualTo(td.taskDefinitionArn());
    assertThat(settings.path("network").path("AwsvpcConfiguration").path("Subnets"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(account.subnets);
    assertThat(
            aws.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn + ":1")).description())
        .contains("commit abc1234");
    assertThat(definition.toString()).doesNotContain("${");

    // Schedule: enabled in prd, the origin's cron as AWS reads it, UTC.
    GetScheduleResponse schedule = aws.scheduler().getSchedule(r -> r.name("sched-recsys"));
    assertThat(schedule.stateAsString()).isEqualTo("ENABLED");
    assertThat(schedule.scheduleExpression()).isEqualTo("cron(0 3 * * ? *)");
    assertThat(schedule.scheduleExpressionTimezone()).isEqualTo("UTC");
    assertThat(schedule.target().arn()).isEqualTo(machineArn);

    // EC2 capacity: launch template, auto scaling group (the origin's infra), capacity provider.
    String ami =
        aws.ssm()
            .getParameter(
                r ->
                    r.name("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"))
            .parameter()
            .value();
    ResponseLaunchTemplateData template =
        aws.ec2()
            .describeLaunchTemplateVersions(
                r -> r.launchTemplateName("lt-recsys").versions("$Latest"))
            .launchTemplateVersions()
            .get(0)
            .launchTemplateData();
    assertThat(template.imageId()).isEqualTo(ami).startsWith("ami-");
    assertThat(template.instanceTypeAsString()).isEqualTo("t3.xlarge");
    assertThat(template.iamInstanceProfile().name()).isEqualTo("esteira-recsys-instance");
    assertThat(template.metadataOptions().httpTokensAsString()).isEqualTo("required");
    assertThat(new String(Base64.getDecoder().decode(template.userData()), StandardCharsets.UTF_8))
        .contains("ECS_CLUSTER=ml-cluster-recsys");
    assertThat(aws.iam().getInstanceProfile(r -> r.instanceProfileName("esteira-recsys-instance")))
        .satisfies(
            p ->
                assertThat(p.instanceProfile().roles())
                    .extracting(Role::roleName)
                    .containsExactly("esteira-recsys-instance"));
    assertThat(
            aws.iam()
                .listAttachedRolePolicies(r -> r.roleName("esteira-recsys-instance"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyName)
        .containsExactly("AmazonEC2ContainerServiceforEC2Role");
    List<AutoScalingGroup> groups =
        aws.autoScaling().describeAutoScalingGroups().autoScalingGroups();
    assertThat(groups)
        .extracting(AutoScalingGroup::autoScalingGroupName)
        .containsExactly("asg-recsys");
    AutoScalingGroup group = groups.get(0);
    assertThat(group.minSize()).isZero();
    assertThat(group.maxSize()).isEqualTo(2);
    assertThat(group.desiredCapacity()).isZero();
    assertThat(group.newInstancesProtectedFromScaleIn()).isTrue();
    assertThat(group.vpcZoneIdentifier().split(","))
        .containsExactlyInAnyOrderElementsOf(account.subnets);
    // spot: true -> a mixed instances policy with no on-demand capacity.
    assertThat(group.mixedInstancesPolicy().instancesDistribution())
        .satisfies(
            d -> {
              assertThat(d.onDemandBaseCapacity()).isZero();
              assertThat(d.onDemandPercentageAboveBaseCapacity()).isZero();
            });
    assertThat(
            group
                .mixedInstancesPolicy()
                .launchTemplate()
                .launchTemplateSpecification()
                .launchTemplateName())
        .isEqualTo("lt-recsys");
    List<CapacityProvider> providers =
        aws.ecs()
            .describeCapacityProviders(r -> r.capacityProviders("cp-recsys"))
            .capacityProviders();
    assertThat(providers).extracting(CapacityProvider::name).containsExactly("cp-recsys");
    assertThat(providers.get(0).autoScalingGroupProvider())
        .satisfies(
            p -> {
              assertThat(p.autoScalingGroupArn()).isEqualTo(group.autoScalingGroupARN());
              assertThat(p.managedScaling().statusAsString()).isEqualTo("ENABLED");
              assertThat(p.managedTerminationProtectionAsString()).isEqualTo("ENABLED");
            });
    Cluster cluster =
        aws.ecs().describeClusters(r -> r.clusters("ml-cluster-recsys")).clusters().get(0);
    assertThat(cluster.capacityProviders()).containsExactly("cp-recsys");
    assertThat(cluster.defaultCapacityProviderStrategy())
        .extracting(CapacityProviderStrategyItem::capacityProvider)
        .containsExactly("cp-recsys");

    // The state machine role, read back: least privilege.
    String policy =
        URLDecoder.decode(
            aws.iam()
                .getRolePolicy(r -> r.roleName("esteira-recsys-states").policyName("esteira"))
                .policyDocument(),
            StandardCharsets.UTF_8);
    JsonNode statements = Json.mapper().readTree(policy).path("Statement");
    assertThat(policy)
        .contains("task-definition/recsys:*")
        .contains("rule/StepFunctionsGetEventsForECSTaskRule")
        .contains(failureTopic)
        .contains("\"ecs:CreateAction\":\"RunTask\"");
    // "*" only for the log delivery, whose actions take no other resource.
    for (JsonNode statement : statements) {
      if (statement.path("Resource").toString().contains("\"*\"")) {
        assertThat(statement.path("Action").toString()).contains("logs:CreateLogDelivery");
        assertThat(statement.path("Action").toString()).doesNotContain("PutLogEvents");
      }
    }

    // The state machine logs errors, without execution data, to its own group, kept as the
    // tasks' logs are.
    assertThat(
            aws.logs()
                .describeLogGroups(r -> r.logGroupNamePrefix("/aws/vendedlogs/states/"))
                .logGroups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.logGroupName()).isEqualTo("/aws/vendedlogs/states/recsys-workflow");
              assertThat(g.retentionInDays()).isEqualTo(14);
            });
    software.amazon.awssdk.services.sfn.model.LoggingConfiguration logging =
        aws.sfn().describeStateMachine(r -> r.stateMachineArn(machineArn)).loggingConfiguration();
    assertThat(logging.levelAsString()).isEqualTo("ERROR");
    assertThat(logging.includeExecutionData()).isFalse();
    assertThat(logging.destinations().get(0).cloudWatchLogsLogGroup().logGroupArn())
        .isEqualTo(
            "arn:aws:logs:"
                + region
                + ":"
                + accountId
                + ":log-group:/aws/vendedlogs/states/recsys-workflow:*");

    // Redeploy: nothing changed, so nothing is called that changes anything.
    calls.reset();
    Deployer.Result second = deploy(MotoAccount.origin(ROOT, "prd"), true);

    assertThat(calls.mutatingCalls()).isEmpty();
    assertThat(second.items()).extracting(PlanItem::action).containsOnly(Action.NO_CHANGE);
    assertThat(
            aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition("recsys"))
                .taskDefinition()
                .revision())
        .isEqualTo(1);
    assertThat(
            aws.ec2()
                .describeLaunchTemplates(r -> r.launchTemplateNames("lt-recsys"))
                .launchTemplates()
                .get(0)
                .latestVersionNumber())
        .isEqualTo(1);
    assertThat(aws.autoScaling().describeAutoScalingGroups().autoScalingGroups()).hasSize(1);
  }
}
