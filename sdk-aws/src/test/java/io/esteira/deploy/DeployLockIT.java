package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Two deploys of one project at once: the per-project lock (an SSM parameter) lets one change AWS
 * and refuses the other at once, with a message naming the holder and how to clear a stale lock. To
 * make the two overlap for certain, the first deploy is held at its first change after taking the
 * lock until the second has finished.
 */
class DeployLockIT {

  private static final Path ROOT = Path.of("..");
  private static final String LOCK = "/esteira/locks/recsys/prd";

  private final AwsCalls calls = new AwsCalls();
  private final Gate gate = new Gate();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls, gate);
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
    calls.reset();
  }

  @AfterEach
  void close() {
    gate.open.countDown();
    aws.close();
  }

  private Deployer.Result deploy(RecordingListener listener) throws Exception {
    List<DeployableProject> recsys = MotoAccount.origin(ROOT, "prd");
    return new Deployer(aws, account.platform(false), listener)
        .run(recsys, new Deployer.Options("prd", java.util.Map.of(), "abc1234", true, 1), true);
  }

  @Test
  void ofTwoDeploysAtOnceOneDeploysAndTheOtherIsRefusedNamingTheHolder() throws Exception {
    RecordingListener first = new RecordingListener();
    CompletableFuture<Deployer.Result> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return deploy(first);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(gate.held.await(60, TimeUnit.SECONDS)).as("first deploy took the lock").isTrue();

    RecordingListener second = new RecordingListener();
    Deployer.Result refused = deploy(second);
    gate.open.countDown();
    Deployer.Result deployed = running.get(120, TimeUnit.SECONDS);

    assertThat(deployed.ok()).as(first.failures.toString()).isTrue();
    assertThat(refused.ok()).isFalse();
    assertThat(refused.failedProjects()).containsExactly("recsys");
    assertThat(second.failures)
        .singleElement()
        .asString()
        .contains("ESTEIRA-DEPLOY-LOCKED")
        .contains("recsys (prd) is being deployed by " + System.getProperty("user.name") + "@")
        .contains("(commit abc1234)")
        .contains("aws ssm delete-parameter --name " + LOCK);
    // Released by the deploy that held it; nothing is left to do, nothing was made twice.
    assertThat(lockExists()).isFalse();
    calls.reset();
    Deployer.Result again = deploy(new RecordingListener());
    assertThat(again.items()).extracting(PlanItem::action).containsOnly(Action.NO_CHANGE);
    assertThat(calls.mutatingCalls()).isEmpty();
    assertThat(aws.ecs().listTaskDefinitions(r -> r.familyPrefix("recsys")).taskDefinitionArns())
        .hasSize(1);
    assertThat(aws.sfn().listStateMachines().stateMachines()).hasSize(1);
    assertThat(aws.autoScaling().describeAutoScalingGroups().autoScalingGroups()).hasSize(1);
  }

  @Test
  void aStaleLockRefusesTheDeployBeforeAnyChangeUntilItIsRemoved() throws Exception {
    gate.open.countDown();
    aws.ssm()
        .putParameter(
            r ->
                r.name(LOCK)
                    .type("String")
                    .value(
                        "{\"holder\":\"alice@laptop\",\"since\":\"2024-05-01T10:00:00Z\","
                            + "\"commit\":\"\"}"));
    calls.reset();
    RecordingListener listener = new RecordingListener();

    Deployer.Result refused = deploy(listener);

    assertThat(refused.ok()).isFalse();
    assertThat(listener.failures)
        .singleElement()
        .asString()
        .contains("being deployed by alice@laptop since 2024-05-01T10:00:00Z")
        .contains("if it died, remove the lock with: aws ssm delete-parameter --name " + LOCK);
    // The shared ECR repository and artifacts bucket are set up outside any project's lock
    // (idempotent puts, the same for every deploy); of the project's own resources (its
    // lifecycle rule in the bucket among them) nothing was touched.
    assertThat(calls.mutatingCalls())
        .filteredOn(call -> !call.startsWith("Ecr:"))
        .filteredOn(call -> !call.startsWith("S3:") || call.contains("Lifecycle"))
        .containsExactly("Ssm:PutParameter");

    aws.ssm().deleteParameter(r -> r.name(LOCK));
    Deployer.Result deployed = deploy(new RecordingListener());
    assertThat(deployed.ok()).isTrue();
    assertThat(lockExists()).isFalse();
  }

  private boolean lockExists() {
    try {
      aws.ssm().getParameter(r -> r.name(LOCK));
      return true;
    } catch (ParameterNotFoundException e) {
      return false;
    }
  }

  /** Holds the first change after the lock is taken until {@link #open} is counted down. */
  private static final class Gate implements ExecutionInterceptor {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
    private final AtomicBoolean lockTaken = new AtomicBoolean();
    private final AtomicBoolean holding = new AtomicBoolean();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if ("PutParameter".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
        lockTaken.set(true);
      }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String call =
          attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
              + ":"
              + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (lockTaken.get() && AwsCalls.isMutating(call) && holding.compareAndSet(false, true)) {
        held.countDown();
        try {
          open.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
