package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * Redeploys against moto_server: a changed step or instance type makes exactly the calls it needs
 * (failures and their reruns: FailureInjectionIT).
 */
class RedeployIT {

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

  private Deployer.Result deploy(Path project, RecordingListener listener) throws Exception {
    return deploy(project, listener, account.platform(false));
  }

  private Deployer.Result deploy(
      Path project, RecordingListener listener, io.esteira.deploy.platform.Platform platform)
      throws Exception {
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    List<DeployableProject> projects = loaded.projects();
    return new Deployer(aws, platform, listener)
        .run(projects, new Deployer.Options("prd", java.util.Map.of(), "c0ffee", true, 1), true);
  }

  @Test
  void turningExecutionDataOnChangesTheStateMachinesLoggingWithoutANewVersion(@TempDir Path dir)
      throws Exception {
    Path project = copyOfOrigin(dir, "8");
    deploy(project, new RecordingListener());
    calls.reset();

    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        deploy(
            project,
            listener,
            MotoAccount.parse(
                account
                    .platformYaml(false)
                    .replace(
                        "retention_days: 14\n",
                        "retention_days: 14\n  include_execution_data: true\n")));

    assertThat(result.ok()).isTrue();
    assertThat(calls.mutatingCalls())
        .containsExactly("Ssm:PutParameter", "Sfn:UpdateStateMachine", "Ssm:DeleteParameter");
    String machine =
        "arn:aws:states:us-east-1:"
            + io.esteira.deploy.testing.Moto.ACCOUNT_ID
            + ":stateMachine:recsys-workflow";
    assertThat(
            aws.sfn()
                .describeStateMachine(r -> r.stateMachineArn(machine))
                .loggingConfiguration()
                .includeExecutionData())
        .isTrue();
    // A version is of the definition and role, which did not change: version 1 stays the last.
    // (moto has no ListStateMachineVersions; a version is described by its qualified ARN.)
    assertThat(aws.sfn().describeStateMachine(r -> r.stateMachineArn(machine + ":1")).description())
        .contains("commit c0ffee");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> aws.sfn().describeStateMachine(r -> r.stateMachineArn(machine + ":2")))
        .isInstanceOf(
            software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException.class);
    assertThat(listener.planned)
        .filteredOn(i -> i.kind().equals("state machine"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.changes())
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.field()).isEqualTo("logging");
                          assertThat(c.before()).startsWith("ERROR, execution data off, to ");
                          assertThat(c.after()).startsWith("ERROR, execution data on, to ");
                        }));
  }

  private static Path copyOfOrigin(Path dir, String memoryOfScore) throws Exception {
    return copyOfOrigin(dir, memoryOfScore, "t3.xlarge");
  }

  private static Path copyOfOrigin(Path dir, String memoryOfScore, String instanceType)
      throws Exception {
    String config =
        Files.readString(Path.of("../examples/yaml-only/src/projects/recsys/config.yaml"));
    String changed =
        config
            .replace("memory_gb: 8", "memory_gb: " + memoryOfScore)
            .replace("ec2_type: \"t3.xlarge\"", "ec2_type: \"" + instanceType + "\"");
    Path project = dir.resolve("recsys");
    Files.createDirectories(project);
    Files.writeString(project.resolve("config.yaml"), changed);
    return project;
  }

  @Test
  void changingOneStepsMemoryRegistersOneRevisionAndUpdatesTheStateMachineOnce(@TempDir Path dir)
      throws Exception {
    deploy(copyOfOrigin(dir, "8"), new RecordingListener());
    calls.reset();

    RecordingListener listener = new RecordingListener();
    Deployer.Result result = deploy(copyOfOrigin(dir, "6"), listener);

    assertThat(result.ok()).isTrue();
    assertThat(calls.mutatingCalls())
        .containsExactly(
            "Ssm:PutParameter", // the deploy lock
            "Ecs:RegisterTaskDefinition",
            "Sfn:UpdateStateMachine",
            "Ssm:DeleteParameter");
    assertThat(
            aws.ecs()
                .describeTaskDefinition(r -> r.taskDefinition("recsys"))
                .taskDefinition()
                .memory())
        .isEqualTo("6144");
    assertThat(listener.planned)
        .filteredOn(i -> i.kind().equals("task definition"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.changes())
                    .extracting(PlanItem.FieldChange::field)
                    .contains("memory", "containerDefinitions[0].memory"));
  }

  @Test
  void anotherInstanceTypeMakesOneLaunchTemplateVersionAndMovesTheGroupKeepingItsDesiredCapacity(
      @TempDir Path dir) throws Exception {
    deploy(copyOfOrigin(dir, "8", "t3.xlarge"), new RecordingListener());
    // The capacity provider scaled the group out meanwhile; a deploy must not undo that.
    aws.autoScaling()
        .updateAutoScalingGroup(r -> r.autoScalingGroupName("asg-recsys").desiredCapacity(1));
    calls.reset();

    Deployer.Result result = deploy(copyOfOrigin(dir, "8", "m5.xlarge"), new RecordingListener());

    assertThat(result.ok()).isTrue();
    assertThat(calls.mutatingCalls())
        .containsExactly(
            "Ssm:PutParameter",
            "Ec2:CreateLaunchTemplateVersion",
            "AutoScaling:UpdateAutoScalingGroup",
            "Ssm:DeleteParameter");
    assertThat(
            aws.ec2()
                .describeLaunchTemplateVersions(r -> r.launchTemplateName("lt-recsys"))
                .launchTemplateVersions())
        .extracting(v -> v.versionNumber() + " " + v.launchTemplateData().instanceTypeAsString())
        .containsExactlyInAnyOrder("1 t3.xlarge", "2 m5.xlarge");
    AutoScalingGroup group =
        aws.autoScaling()
            .describeAutoScalingGroups(r -> r.autoScalingGroupNames("asg-recsys"))
            .autoScalingGroups()
            .get(0);
    assertThat(
            group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification().version())
        .isEqualTo("2");
    assertThat(group.mixedInstancesPolicy().launchTemplate().overrides())
        .extracting(o -> o.instanceType())
        .containsExactly("m5.xlarge");
    assertThat(group.desiredCapacity()).isEqualTo(1);
  }
}
