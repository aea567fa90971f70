package io.esteira.deploy;

import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.Notifications;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import io.esteira.deploy.reconcile.ProjectImage;
import io.esteira.deploy.resources.autoscaling.AutoScalingGroupReconciler;
import io.esteira.deploy.resources.ec2.LaunchTemplateReconciler;
import io.esteira.deploy.resources.ec2.SecurityGroupReconciler;
import io.esteira.deploy.resources.ecr.LiveImageTagReconciler;
import io.esteira.deploy.resources.ecs.CapacityProviderReconciler;
import io.esteira.deploy.resources.ecs.ClusterCapacityReconciler;
import io.esteira.deploy.resources.ecs.ClusterReconciler;
import io.esteira.deploy.resources.ecs.TaskDefinitionReconciler;
import io.esteira.deploy.resources.events.ExecutionNoticeReconciler;
import io.esteira.deploy.resources.iam.InstanceProfileReconciler;
import io.esteira.deploy.resources.iam.PolicyDocuments;
import io.esteira.deploy.resources.iam.RoleReconciler;
import io.esteira.deploy.resources.iam.SecretKeys;
import io.esteira.deploy.resources.logs.LogGroupReconciler;
import io.esteira.deploy.resources.s3.LifecycleRuleReconciler;
import io.esteira.deploy.resources.scheduler.ScheduleDisabler;
import io.esteira.deploy.resources.scheduler.ScheduleReconciler;
import io.esteira.deploy.resources.sfn.StateMachineReconciler;
import io.esteira.deploy.resources.sns.TopicReconciler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Plans or deploys one project: its resources one after the other, in an order where each finds
 * what it refers to already there (roles before the task definition, the task definition before the
 * state machine, the state machine before the schedule). Each reconciler is built when its turn
 * comes, so it sees the ARNs the ones before it produced. The EC2 capacity comes in the order each
 * part needs the one before: instance role and profile, security group, cluster, launch template,
 * auto scaling group, capacity provider, and the provider attached to the cluster. The project's
 * lifecycle rule in the artifacts bucket comes after the bucket, which every project shares and the
 * {@link Deployer} reconciles first. The execution-level notice's rule comes after the state
 * machine it watches; the failure topic's policy already names the rule (its ARN is known before it
 * exists).
 *
 * <p>A failing call stops this project only, after telling the listener which resource failed and
 * AWS's message. Nothing is ever deleted, so a rerun finds what this run created and goes on.
 */
final class ProjectDeployer {

  private final DeployContext context;
  private final DeployListener listener;

  private final Map<String, String> env;
  private final Clock clock;
  private SecretKeys secretKeys;

  ProjectDeployer(
      DeployContext context, DeployListener listener, Map<String, String> env, Clock clock) {
    this.context = context;
    this.listener = listener;
    this.env = env;
    this.clock = clock;
  }

  /**
   * Plans every resource and, when {@code apply}, changes each that needs it before planning the
   * next; returns what was planned, or empty after a failure.
   *
   * <p>A deploy first plans without telling anyone; when nothing would change it reports that plan
   * and stops (no call that changes AWS, not even the lock). Otherwise it takes the project's
   * {@link DeployLock}, plans again (the holder before it may have changed things) and applies,
   * releasing the lock however that ends.
   */
  Optional<List<PlanItem>> run(boolean apply) {
    if (!apply) {
      return pass(context, listener, false);
    }
    Quiet quiet = new Quiet();
    Optional<List<PlanItem>> dry = pass(context.fresh(), quiet, false);
    if (dry.isEmpty()) {
      listener.failed(quiet.failedItem, quiet.failure);
      return dry;
    }
    if (dry.get().stream().noneMatch(PlanItem::changesSomething)) {
      dry.get().forEach(listener::planned);
      return dry;
    }
    DeployLock lock;
    try {
      lock = DeployLock.take(context, env, clock, listener);
    } catch (DeployLock.HeldException e) {
      listener.refused(context.project().name(), e.diagnostic());
      return Optional.empty();
    } catch (SdkException e) {
      listener.failed(lockItem(), PlanPass.message(e));
      return Optional.empty();
    }
    Optional<List<PlanItem>> done;
    try {
      done = pass(context, listener, true);
    } finally {
      try {
        lock.close();
      } catch (SdkException e) {
        listener.failed(
            lockItem(),
            PlanPass.message(e)
                + "; the lock stays: remove it with "
                + DeployLock.removeCommand(context.names().lockParameter(), context.region()));
        done = Optional.empty();
      }
    }
    return done;
  }

  private PlanItem lockItem() {
    return new PlanItem(
        context.project().name(),
        "deploy lock",
        context.names().lockParameter(),
        PlanItem.Action.NO_CHANGE,
        List.of());
  }

  private Optional<List<PlanItem>> pass(
      DeployContext context, DeployListener listener, boolean apply) {
    return PlanPass.run(context.project().name(), context, steps(), listener, apply);
  }

  /** Shows nothing of the plan before the lock; keeps its failure, to be told. */
  private static final class Quiet implements DeployListener {
    private PlanItem failedItem;
    private String failure;

    @Override
    public void planned(PlanItem item) {}

    @Override
    public void failed(PlanItem item, String message) {
      failedItem = item;
      failure = message;
    }
  }

  /**
   * The KMS keys of the project's secrets, read once per deploy (a deploy plans twice), with a
   * warning for each that could not be read.
   */
  private SecretKeys secretKeys() {
    if (secretKeys == null) {
      secretKeys = SecretKeys.find(context);
      secretKeys.warnings().forEach(w -> listener.warning(context.project().name() + ": " + w));
    }
    return secretKeys;
  }

  private List<Function<DeployContext, Reconciler>> steps() {
    DeployNames names = context.names();
    List<Function<DeployContext, Reconciler>> steps = new ArrayList<>();
    Notifications notifications = context.project().model().notifications();
    List<String> topics = new ArrayList<>();
    Optional<String> asl = context.project().stateMachine();
    // The execution-level notice: a rule that publishes what the state machine could not report
    // to the failure topic, when there is a state machine and someone to tell.
    boolean noticeRule = asl.isPresent() && !notifications.onFailure().isEmpty();
    Optional<String> rule =
        noticeRule
            ? Optional.of(context.arn("events", "rule/" + names.failureRule()))
            : Optional.empty();
    if (!notifications.onFailure().isEmpty()) {
      topics.add(context.arn("sns", names.failureTopic()));
      steps.add(
          c ->
              new TopicReconciler(
                  c,
                  names.failureTopic(),
                  notifications.onFailure(),
                  Placeholders.FAILURE_TOPIC_ARN,
                  rule));
    }
    if (!notifications.onSuccess().isEmpty()) {
      topics.add(context.arn("sns", names.successTopic()));
      steps.add(
          c ->
              new TopicReconciler(
                  c,
                  names.successTopic(),
                  notifications.onSuccess(),
                  Placeholders.SUCCESS_TOPIC_ARN));
    }
    if (context.projectImage().origin() != ProjectImage.Origin.GIVEN) {
      steps.add(LiveImageTagReconciler::new);
    }
    steps.add(LogGroupReconciler::new);
    if (asl.isPresent()) {
      steps.add(c -> new LogGroupReconciler(c, names.stateMachineLogGroup()));
    }
    steps.add(LifecycleRuleReconciler::new);
    PolicyDocuments policies = new PolicyDocuments(context, secretKeys());
    steps.add(
        c ->
            new RoleReconciler(
                c,
                names.executionRole(),
                "ECS task execution role of Esteira project " + names.project(),
                policies.trust("ecs-tasks.amazonaws.com"),
                Optional.of(policies.execution()),
                Placeholders.EXECUTION_ROLE_ARN));
    steps.add(
        c ->
            new RoleReconciler(
                c,
                names.taskRole(),
                "ECS task role of Esteira project " + names.project(),
                policies.trust("ecs-tasks.amazonaws.com"),
                Optional.of(policies.task()),
                Placeholders.TASK_ROLE_ARN));
    Optional<String> schedule = context.project().schedule();
    if (asl.isPresent()) {
      steps.add(
          c ->
              new RoleReconciler(
                  c,
                  names.stateMachineRole(),
                  "Step Functions role of Esteira project " + names.project(),
                  policies.trust("states.amazonaws.com"),
                  Optional.of(policies.stateMachine(topics)),
                  null));
    }
    if (schedule.isPresent()) {
      steps.add(
          c ->
              new RoleReconciler(
                  c,
                  names.schedulerRole(),
                  "EventBridge Scheduler role of Esteira project " + names.project(),
                  policies.trust("scheduler.amazonaws.com"),
                  Optional.of(policies.scheduler()),
                  Placeholders.SCHEDULER_ROLE_ARN));
    }
    steps.add(
        c ->
            new RoleReconciler(
                c,
                names.instanceRole(),
                "ECS container instance role of Esteira project " + names.project(),
                policies.trust("ec2.amazonaws.com"),
                Optional.empty(),
                null,
                List.of(policies.ecsInstancePolicy())));
    steps.add(InstanceProfileReconciler::new);
    steps.add(SecurityGroupReconciler::new);
    steps.add(ClusterReconciler::new);
    steps.add(LaunchTemplateReconciler::new);
    steps.add(AutoScalingGroupReconciler::new);
    steps.add(CapacityProviderReconciler::new);
    steps.add(ClusterCapacityReconciler::new);
    steps.add(c -> new TaskDefinitionReconciler(c, Artifacts.substitution(c)));
    asl.ifPresent(
        text -> steps.add(c -> new StateMachineReconciler(c, Artifacts.substitution(c), text)));
    if (noticeRule) {
      String topic = context.arn("sns", names.failureTopic());
      steps.add(c -> new ExecutionNoticeReconciler(c, topic));
    }
    schedule.ifPresent(
        text -> steps.add(c -> new ScheduleReconciler(c, Artifacts.substitution(c), text)));
    if (schedule.isEmpty()) {
      // No schedule now (batch off, or no cron): one an earlier deploy made must stop firing.
      steps.add(ScheduleDisabler::new);
    }
    return steps;
  }
}
