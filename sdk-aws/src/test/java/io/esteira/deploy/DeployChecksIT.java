package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * What is refused before the first change (two projects sharing resources, an image not in ECR),
 * and dev and prd in one account kept apart by {@code naming.environment_suffix}.
 */
class DeployChecksIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");

  private final AwsCalls calls = new AwsCalls();
  private AwsClients aws;

  @BeforeEach
  void clients() {
    aws = Moto.clients(calls);
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private static List<DeployableProject> load(String environment, Path... projects)
      throws Exception {
    ProjectLoader.Loaded loaded =
        ProjectLoader.load(List.of(projects), environment, Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    return loaded.projects();
  }

  private Deployer.Result deploy(
      MotoAccount account, boolean suffix, String environment, List<DeployableProject> projects)
      throws Exception {
    return new Deployer(aws, account.platform(suffix), new RecordingListener())
        .run(projects, new Deployer.Options(environment, java.util.Map.of(), "", true, 1), true);
  }

  private static Path copy(Path dir, String name) throws Exception {
    Path project = dir.resolve(name);
    Files.createDirectories(project);
    Files.copy(ORIGIN.resolve("config.yaml"), project.resolve("config.yaml"));
    return project;
  }

  @Test
  void twoConfigFilesNamingOneProjectAreRefusedBeforeAnyChange(@TempDir Path dir) throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");
    calls.reset();
    Path first = copy(dir, "team-a");
    Path second = copy(dir, "team-b");

    Deployer.Result result = deploy(account, false, "prd", load("prd", first, second));

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .extracting(Diagnostic::render)
        .asString()
        .contains("[ESTEIRA-DEPLOY-NAME-COLLISION] projects recsys (")
        .contains("team-a")
        .contains("team-b")
        .contains("would share the AWS resource ECS cluster ml-cluster-recsys")
        .contains("rename one of them");
    assertThat(calls.mutatingCalls()).isEmpty();
    assertThat(result.items()).isEmpty();
  }

  @Test
  void theSameProjectFoundTwiceDeploysOnce() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");
    List<DeployableProject> twice = new ArrayList<>(load("prd", ORIGIN));
    twice.addAll(load("prd", ORIGIN));

    Deployer.Result result = deploy(account, false, "prd", twice);

    assertThat(result.ok()).isTrue();
    assertThat(result.items()).filteredOn(i -> i.kind().equals("ECS cluster")).hasSize(1);
  }

  @Test
  void anImageNotInEcrIsRefusedBeforeAnyChange() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-0.9.0");
    calls.reset();

    Deployer.Result result = deploy(account, false, "prd", load("prd", ORIGIN));

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .extracting(Diagnostic::render)
        .asString()
        .contains("[ESTEIRA-DEPLOY-IMAGE-MISSING] the image ml-pipelines:recsys-1.0.0 is not in")
        .contains("esteira image build --push")
        .contains("or give project recsys's image with --image recsys=URI");
    assertThat(calls.mutatingCalls()).isEmpty();
  }

  /** The line of the platform file, as {@link MotoAccount#platformYaml} writes it, holding text. */
  private static int lineOf(String yaml, String text) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + yaml);
  }

  private Deployer.Result plan(String yaml) throws Exception {
    return new Deployer(aws, MotoAccount.parse(yaml), new RecordingListener())
        .run(
            load("prd", ORIGIN),
            new Deployer.Options("prd", java.util.Map.of(), "", true, 1),
            false);
  }

  @Test
  void aVpcAndASubnetThatDoNotExistAreRefusedAtTheirLinesBeforeAnyChange() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");
    String yaml =
        account
            .platformYaml(false)
            .replace(account.vpc, "vpc-0deadbeef0000000")
            .replace(account.subnets.get(1), "subnet-0deadbeef000000");
    calls.reset();

    Deployer.Result result = plan(yaml);

    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .extracting(Diagnostic::render)
        .containsExactly(
            "platform.yaml:"
                + lineOf(yaml, "vpc_id")
                + ":11: error: [ESTEIRA-DEPLOY-VPC-MISSING] the VPC vpc-0deadbeef0000000 that the"
                + " platform file names does not exist in region us-east-1 for this account; list"
                + " the VPCs there with aws ec2 describe-vpcs --region us-east-1 --query"
                + " 'Vpcs[].VpcId' and put one of them in vpc_id",
            "platform.yaml:"
                + lineOf(yaml, "subnets")
                + ":"
                + (yaml.lines()
                        .filter(l -> l.contains("subnets"))
                        .findFirst()
                        .orElseThrow()
                        .indexOf("subnet-0deadbeef000000")
                    + 1)
                + ": error: [ESTEIRA-DEPLOY-SUBNET-MISSING] the subnet subnet-0deadbeef000000"
                + " that the platform file names does not exist in region us-east-1 for this"
                + " account; list the subnets of the VPC with aws ec2 describe-subnets --region"
                + " us-east-1 --filters Name=vpc-id,Values=vpc-0deadbeef0000000 --query"
                + " 'Subnets[].SubnetId' and use those in subnets");
    assertThat(result.items()).isEmpty();
    assertThat(calls.mutatingCalls()).isEmpty();
  }

  @Test
  void aSubnetOfAnotherVpcIsRefused() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");
    String other = aws.ec2().createVpc(r -> r.cidrBlock("10.5.0.0/16")).vpc().vpcId();
    String stray =
        aws.ec2().createSubnet(r -> r.vpcId(other).cidrBlock("10.5.1.0/24")).subnet().subnetId();
    String yaml = account.platformYaml(false).replace(account.subnets.get(0), stray);
    calls.reset();

    Deployer.Result result = plan(yaml);

    assertThat(result.problems())
        .singleElement()
        .extracting(Diagnostic::render)
        .asString()
        .startsWith("platform.yaml:" + lineOf(yaml, "subnets") + ":")
        .contains(
            "[ESTEIRA-DEPLOY-SUBNET-OTHER-VPC] the subnet "
                + stray
                + " is in VPC "
                + other
                + ", not in "
                + account.vpc
                + " (vpc_id)")
        .contains("--filters Name=vpc-id,Values=" + account.vpc);
    assertThat(calls.mutatingCalls()).isEmpty();
  }

  @Test
  void theVpcAndSubnetsOfTheTeamsAccountPassThePlan() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");

    Deployer.Result result = plan(account.platformYaml(false));

    assertThat(result.problems()).isEmpty();
    assertThat(result.items()).isNotEmpty();
  }

  @Test
  void devAndPrdInOneAccountStayApartWithTheEnvironmentSuffix() throws Exception {
    MotoAccount account = MotoAccount.prepare(aws, "recsys-1.0.0");

    assertThat(deploy(account, true, "dev", load("dev", ORIGIN)).ok()).isTrue();
    assertThat(deploy(account, true, "prd", load("prd", ORIGIN)).ok()).isTrue();

    assertThat(
            aws.ecs()
                .describeClusters(r -> r.clusters("ml-cluster-recsys-dev", "ml-cluster-recsys-prd"))
                .clusters())
        .extracting(Cluster::clusterName, c -> c.capacityProviders())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ml-cluster-recsys-dev", List.of("cp-recsys-dev")),
            org.assertj.core.groups.Tuple.tuple("ml-cluster-recsys-prd", List.of("cp-recsys-prd")));
    assertThat(aws.autoScaling().describeAutoScalingGroups().autoScalingGroups())
        .extracting(AutoScalingGroup::autoScalingGroupName)
        .containsExactlyInAnyOrder("asg-recsys-dev", "asg-recsys-prd");
    assertThat(
            aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition("recsys-dev"))
                .taskDefinition()
                .containerDefinitions()
                .get(0)
                .environment())
        .anySatisfy(v -> assertThat(v.name() + "=" + v.value()).isEqualTo("ENV=dev"));
    assertThat(aws.sfn().listStateMachines().stateMachines())
        .extracting(m -> m.name())
        .containsExactlyInAnyOrder("recsys-workflow-dev", "recsys-workflow-prd");
    // The dev schedule is off, prd's on: each environment keeps its own.
    assertThat(aws.scheduler().getSchedule(r -> r.name("sched-recsys-prd")).stateAsString())
        .isEqualTo("ENABLED");
    // Deploying prd changed nothing of dev's.
    calls.reset();
    Deployer.Result dev = deploy(account, true, "dev", load("dev", ORIGIN));
    assertThat(dev.items()).extracting(PlanItem::action).containsOnly(Action.NO_CHANGE);
    assertThat(calls.mutatingCalls()).isEmpty();
  }
}
