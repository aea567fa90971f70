package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * moto cannot fail on demand, so the interceptor does: every mutating call of a first deploy fails
 * in turn (each case its own project, in one moto account), and a rerun must converge: nothing
 * created twice, nothing left over, nothing left to do. Then a deploy with 30% of all attempts
 * throttled ends in success through the SDK's retries.
 */
class FailureInjectionIT {

  private static final Path ORIGIN = Path.of("../examples/yaml-only/src/projects/recsys");
  private static final String IMAGE =
      Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:recsys-1.0.0";
  private static final String LOCK_RELEASE = "Ssm:DeleteParameter";

  private static final AwsCalls calls = new AwsCalls();
  private static AwsClients aws;
  private static MotoAccount account;

  @TempDir static Path dir;

  @BeforeAll
  static void account() {
    aws = Moto.clients(calls);
    account = MotoAccount.prepare(aws);
  }

  @AfterAll
  static void close() {
    aws.close();
  }

  private static List<DeployableProject> project(String name) throws Exception {
    Path project = dir.resolve(name);
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("config.yaml"),
        Files.readString(ORIGIN.resolve("config.yaml"))
            .replace("project_name: recsys", "project_name: " + name));
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    return loaded.projects();
  }

  private static Deployer.Result deploy(List<DeployableProject> projects, RecordingListener l)
      throws Exception {
    return new Deployer(aws, account.platform(false), l)
        .run(
            projects,
            new Deployer.Options("prd", MotoAccount.imageForEach(projects, IMAGE), "f00d", true, 1),
            true);
  }

  /** How often each mutating call succeeded, the deploy lock left out (every run takes it). */
  private static Map<String, Integer> changes(List<String> succeeded) {
    Map<String, Integer> counts = new TreeMap<>();
    succeeded.stream()
        .filter(AwsCalls::isMutating)
        .filter(c -> !c.equals("Ssm:PutParameter") && !c.equals(LOCK_RELEASE))
        .forEach(c -> counts.merge(c, 1, Integer::sum));
    return counts;
  }

  @Test
  void everyMutatingCallOfAFirstDeployFailingInTurnConvergesOnTheRerun() throws Exception {
    // The shared repository is set up by the first deploy; the count comes from the second.
    assertThat(deploy(project("fi-warm"), new RecordingListener()).ok()).isTrue();
    calls.reset();
    assertThat(deploy(project("fi-count"), new RecordingListener()).ok()).isTrue();
    List<String> mutating = calls.mutatingCalls();
    Map<String, Integer> clean = changes(calls.succeededCalls());
    assertThat(mutating).hasSizeGreaterThan(25).endsWith(LOCK_RELEASE);

    for (int i = 0; i < mutating.size(); i++) {
      String name = String.format("fi-%02d", i);
      String failing = mutating.get(i);
      List<DeployableProject> project = project(name);
      calls.reset();
      calls.failMutatingCall(i);
      RecordingListener stopped = new RecordingListener();

      assertThat(deploy(project, stopped).ok()).as("fails at " + failing).isFalse();

      assertThat(stopped.failures)
          .as("call %d, %s", i, failing)
          .singleElement()
          .asString()
          .startsWith(name + " ")
          .contains("injected failure of " + failing);
      List<String> succeeded = new ArrayList<>(calls.succeededCalls());
      if (failing.equals(LOCK_RELEASE)) {
        // Everything was deployed but the lock stayed: the message says how to remove it.
        String lock = "/esteira/locks/" + name + "/prd";
        assertThat(stopped.failures.get(0)).contains("aws ssm delete-parameter --name " + lock);
        aws.ssm().deleteParameter(r -> r.name(lock));
      }
      calls.reset();
      RecordingListener rerun = new RecordingListener();
      assertThat(deploy(project, rerun).ok()).as(rerun.failures.toString()).isTrue();
      succeeded.addAll(calls.succeededCalls());
      calls.reset();
      Deployer.Result third = deploy(project, new RecordingListener());

      assertThat(third.items())
          .as("nothing left to do after failing call %d, %s", i, failing)
          .extracting(PlanItem::action)
          .containsOnly(Action.NO_CHANGE);
      assertThat(calls.mutatingCalls()).isEmpty();
      // The failed run and the rerun together changed exactly what one clean deploy changes.
      assertThat(changes(succeeded)).as("after failing call %d, %s", i, failing).isEqualTo(clean);
      assertThat(aws.ecs().listTaskDefinitions(r -> r.familyPrefix(name)).taskDefinitionArns())
          .hasSize(1);
      assertThat(aws.sfn().listStateMachines().stateMachines())
          .filteredOn(m -> m.name().equals(name + "-workflow"))
          .hasSize(1);
      assertThat(
              aws.autoScaling()
                  .describeAutoScalingGroups(r -> r.autoScalingGroupNames("asg-" + name))
                  .autoScalingGroups())
          .hasSize(1);
      assertThat(
              aws.ec2()
                  .describeLaunchTemplateVersions(r -> r.launchTemplateName("lt-" + name))
                  .launchTemplateVersions())
          .hasSize(1);
      assertThat(
              aws.ecs()
                  .describeCapacityProviders(r -> r.capacityProviders("cp-" + name))
                  .capacityProviders())
          .hasSize(1);
      assertThat(aws.iam().listRolesPaginator().roles().stream().map(Role::roleName))
          .filteredOn(r -> r.startsWith("esteira-" + name + "-"))
          .hasSize(5);
      assertThat(aws.sns().listTopicsPaginator().topics().stream().map(Topic::topicArn))
          .filteredOn(
              t -> t.endsWith(":" + name + "-failure") || t.endsWith(":" + name + "-success"))
          .hasSize(2);
      String rule = "esteira-" + name + "-failed";
      assertThat(aws.events().listRules(r -> r.namePrefix(rule)).rules()).hasSize(1);
      assertThat(aws.events().listTargetsByRule(r -> r.rule(rule)).targets()).hasSize(1);
    }
  }

  @Test
  void aDeployWithThirtyPercentOfAttemptsThrottledSucceeds() throws Exception {
    calls.reset();
    calls.throttle(0.3, 7);
    RecordingListener listener = new RecordingListener();

    Deployer.Result result = deploy(project("fi-throttled"), listener);

    assertThat(result.ok()).as(listener.failures.toString()).isTrue();
    assertThat(calls.throttledCount()).isGreaterThan(10);
    assertThat(calls.attempts()).hasSize(calls.calls().size() + calls.throttledCount());
    calls.reset();
    assertThat(deploy(project("fi-throttled"), new RecordingListener()).items())
        .extracting(PlanItem::action)
        .containsOnly(Action.NO_CHANGE);
  }
}
