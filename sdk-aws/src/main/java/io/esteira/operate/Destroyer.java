package io.esteira.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import io.esteira.diagnostics.Diagnostic;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Removes what {@code esteira deploy} made for one project in one environment, in the reverse of
 * the order it made it: the schedule first (so nothing starts the pipeline while it goes), then the
 * state machine, the task definitions, the EC2 capacity (capacity provider detached and deleted,
 * auto scaling group, launch template, cluster, security group), the instance profile and roles,
 * the project's lifecycle rule in the artifacts bucket, its log group, its topics and its {@code
 * live-} image tag.
 *
 * <p>What it never removes: the ECR repository and the artifacts bucket, which every project shares
 * (nor any image but the live tag); and any resource that carries tags but not {@code
 * managed-by=esteira}, or whose {@code environment} tag names another environment (without {@code
 * naming.environment_suffix}, dev and prd of one project have the same names, so in one account the
 * tags are what tell them apart). Resources without tags are recognised otherwise: the schedule by
 * its target (this project's state machine), the lifecycle rule by its id.
 *
 * <p>{@link #inventory()} only reads, so the command can show everything before asking; {@link
 * #remove} takes the project's deploy lock (no deploy runs meanwhile), refuses while an execution
 * runs, deletes each resource that is there, and deletes the lock last. A failure stops there; a
 * rerun finds what is left and goes on.
 */
public final class Destroyer {

  /** How long to wait for AWS to let go of a cluster or security group while instances stop. */
  public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);

  private static final Duration POLL = Duration.ofSeconds(15);

  private final OperateContext context;
  private final String project;
  private final DeployNames names;
  private final boolean keepLogs;

  public Destroyer(OperateContext context, String project, boolean keepLogs) {
    this.context = context;
    this.project = project;
    this.names = context.names(project);
    this.keepLogs = keepLogs;
  }

  /** What a resource is found to be. */
  public enum State {
    /** There, and Esteira's: removed. */
    REMOVE,
    /** There, but not Esteira's or another environment's: left alone. */
    KEEP,
    /** Not there. */
    ABSENT
  }

  /**
   * One resource of the project.
   *
   * @param kind such as {@code state machine}
   * @param name its name
   * @param state what {@link #remove} does with it
   * @param note why it is kept, or what removing it involves
   */
  public record Item(String kind, String name, State state, String note, Removal removal) {
    /** {@code <kind> <name>}. */
    public String label() {
      return kind + " " + name;
    }
  }

  /** Removes one resource. */
  public interface Removal {
    void run() throws InterruptedException;
  }

  /** Hears what {@link #remove} does. */
  public interface Listener {
    void removed(Item item);

    void waiting(Item item, String why);
  }

  // ---- inventory -----------------------------------------------------------------------------

  /** Every resource deploy makes for the project, found or not; reads only. */
  public List<Item> inventory() {
    List<Item> items = new ArrayList<>();
    items.add(schedule());
    items.add(stateMachine());
    items.add(executionNoticeRule());
    items.add(taskDefinitions());
    items.add(clusterCapacity());
    items.add(capacityProvider());
    items.add(autoScalingGroup());
    items.add(launchTemplate());
    items.add(cluster());
    items.add(securityGroup());
    items.add(instanceProfile());
    items.add(role(names.schedulerRole()));
    items.add(role(names.stateMachineRole()));
    items.add(role(names.taskRole()));
    items.add(role(names.executionRole()));
    items.add(role(names.instanceRole()));
    items.add(lifecycleRule());
    items.add(logGroup(names.logGroup()));
    items.add(logGroup(names.stateMachineLogGroup()));
    items.add(topic(names.failureTopic()));
    items.add(topic(names.successTopic()));
    items.add(liveImageTag());
    return items;
  }

  private Item item(String kind, String name, State state, String note, Removal removal) {
    return new Item(kind, name, state, note, removal);
  }

  private Item absent(String kind, String name) {
    return item(kind, name, State.ABSENT, "", () -> {});
  }

  /**
   * REMOVE when {@code tags} say the resource is Esteira's and this environment's, else KEEP with
   * why.
   */
  private Item owned(String kind, String name, Map<String, String> tags, Removal removal) {
    if (!"esteira".equals(tags.get("managed-by"))) {
      return item(kind, name, State.KEEP, "not tagged managed-by=esteira", removal);
    }
    String environment = tags.get("environment");
    if (environment != null && !environment.equals(context.environment())) {
      return item(
          kind,
          name,
          State.KEEP,
          "tagged environment=" + environment + ", not " + context.environment(),
          removal);
    }
    String tagged = tags.get("project");
    if (tagged != null && !tagged.equals(project)) {
      return item(kind, name, State.KEEP, "tagged project=" + tagged + ", not " + project, removal);
    }
    return item(kind, name, State.REMOVE, "", removal);
  }

  private Item schedule() {
    String kind = "schedule";
    String name = names.schedule();
    var scheduler = context.aws().scheduler();
    String target;
    try {
      target = scheduler.getSchedule(r -> r.name(name)).target().arn();
    } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException e) {
      return absent(kind, name);
    }
    Removal removal =
        () ->
            gone(
                () -> scheduler.deleteSchedule(r -> r.name(name)),
                software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException.class);
    // EventBridge Scheduler tags only schedule groups: the target says whose it is.
    return context.stateMachineArn(project).equals(target)
        ? item(kind, name, State.REMOVE, "", removal)
        : item(kind, name, State.KEEP, "its target is " + target + ", not this project's", removal);
  }

  private Item stateMachine() {
    String kind = "state machine";
    String name = names.stateMachine();
    String arn = context.stateMachineArn(project);
    var sfn = context.aws().sfn();
    try {
      sfn.describeStateMachine(r -> r.stateMachineArn(arn));
    } catch (software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException e) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    sfn.listTagsForResource(r -> r.resourceArn(arn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return owned(
        kind,
        name,
        tags,
        () ->
            gone(
                () -> sfn.deleteStateMachine(r -> r.stateMachineArn(arn)),
                software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException.class));
  }

  private Item taskDefinitions() {
    String kind = "task definition family";
    String family = names.taskDefinitionFamily();
    var ecs = context.aws().ecs();
    List<String> active = revisions(family, TaskDefinitionStatus.ACTIVE);
    List<String> inactive = revisions(family, TaskDefinitionStatus.INACTIVE);
    if (active.isEmpty() && inactive.isEmpty()) {
      return absent(kind, family);
    }
    String latest =
        active.isEmpty() ? inactive.get(inactive.size() - 1) : active.get(active.size() - 1);
    Map<String, String> tags = new TreeMap<>();
    ecs.describeTaskDefinition(r -> r.taskDefinition(latest).include(TaskDefinitionField.TAGS))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    Item found =
        owned(
            kind,
            family,
            tags,
            () -> {
              for (String revision : active) {
                ecs.deregisterTaskDefinition(r -> r.taskDefinition(revision));
              }
              List<String> all = new ArrayList<>(inactive);
              all.addAll(active);
              // DeleteTaskDefinitions takes at most 10 inactive revisions per call; ECS deletes
              // each once no task uses it (Amazon ECS API reference, DeleteTaskDefinitions).
              for (int i = 0; i < all.size(); i += 10) {
                List<String> batch = all.subList(i, Math.min(all.size(), i + 10));
                ecs.deleteTaskDefinitions(r -> r.taskDefinitions(batch));
              }
            });
    return new Item(
        found.kind(),
        found.name(),
        found.state(),
        found.state() == State.REMOVE
            ? active.size() + " active and " + inactive.size() + " inactive revisions"
            : found.note(),
        found.removal());
  }

  private List<String> revisions(String family, TaskDefinitionStatus status) {
    List<String> arns = new ArrayList<>();
    context
        .aws()
        .ecs()
        .listTaskDefinitionsPaginator(r -> r.familyPrefix(family).status(status))
        .taskDefinitionArns()
        .forEach(
            arn -> {
              // familyPrefix matches any family starting with it: keep this family's only.
              String tail = arn.substring(arn.lastIndexOf('/') + 1);
              if (tail.substring(0, tail.lastIndexOf(':')).equals(family)) {
                arns.add(arn);
              }
            });
    return arns;
  }

  private Optional<Cluster> findCluster() {
    return context
        .aws()
        .ecs()
        .describeClusters(r -> r.clusters(names.cluster()).include(ClusterField.TAGS))
        .clusters()
        .stream()
        .filter(c -> !"INACTIVE".equals(c.status()))
        .findFirst();
  }

  private Item clusterCapacity() {
    String kind = "cluster capacity provider";
    String name = names.cluster() + "/" + names.capacityProvider();
    Optional<Cluster> cluster = findCluster();
    if (cluster.isEmpty()
        || !cluster.get().capacityProviders().contains(names.capacityProvider())) {
      return absent(kind, name);
    }
    Map<String, String> tags = tagMap(cluster.get().tags());
    var ecs = context.aws().ecs();
    return owned(
        kind,
        name,
        tags,
        () -> {
          Cluster now = findCluster().orElse(null);
          if (now == null) {
            return;
          }
          List<String> others =
              now.capacityProviders().stream()
                  .filter(p -> !p.equals(names.capacityProvider()))
                  .toList();
          var strategy =
              now.defaultCapacityProviderStrategy().stream()
                  .filter(s -> !s.capacityProvider().equals(names.capacityProvider()))
                  .toList();
          ecs.putClusterCapacityProviders(
              r ->
                  r.cluster(names.cluster())
                      .capacityProviders(others)
                      .defaultCapacityProviderStrategy(strategy));
        });
  }

  private Item capacityProvider() {
    String kind = "capacity provider";
    String name = names.capacityProvider();
    var ecs = context.aws().ecs();
    Optional<CapacityProvider> found =
        ecs
            .describeCapacityProviders(
                r ->
                    r.capacityProviders(name)
                        .include(
                            software.amazon.awssdk.services.ecs.model.CapacityProviderField.TAGS))
            .capacityProviders()
            .stream()
            .filter(p -> !"INACTIVE".equals(p.statusAsString()))
            .findFirst();
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    return owned(
        kind,
        name,
        tagMap(found.get().tags()),
        () -> ecs.deleteCapacityProvider(r -> r.capacityProvider(name)));
  }

  private Item autoScalingGroup() {
    String kind = "auto scaling group";
    String name = names.autoScalingGroup();
    var autoScaling = context.aws().autoScaling();
    Optional<AutoScalingGroup> found =
        autoScaling
            .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
            .autoScalingGroups()
            .stream()
            .filter(g -> g.status() == null || !g.status().startsWith("Delete"))
            .findFirst();
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    found.get().tags().forEach(t -> tags.put(t.key(), t.value()));
    Item item =
        owned(
            kind,
            name,
            tags,
            // ForceDelete terminates its instances too, scale-in protection or not.
            () ->
                autoScaling.deleteAutoScalingGroup(
                    r -> r.autoScalingGroupName(name).forceDelete(true)));
    int instances = found.get().instances().size();
    return item.state() == State.REMOVE && instances > 0
        ? new Item(
            kind,
            name,
            State.REMOVE,
            "terminates its " + instances + " instance(s)",
            item.removal())
        : item;
  }

  private Item launchTemplate() {
    String kind = "launch template";
    String name = names.launchTemplate();
    var ec2 = context.aws().ec2();
    Optional<LaunchTemplate> found;
    try {
      found =
          ec2.describeLaunchTemplates(r -> r.launchTemplateNames(name)).launchTemplates().stream()
              .findFirst();
    } catch (AwsServiceException e) {
      if (code(e).startsWith("InvalidLaunchTemplateName")) {
        return absent(kind, name);
      }
      throw e;
    }
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    found.get().tags().forEach(t -> tags.put(t.key(), t.value()));
    return owned(kind, name, tags, () -> ec2.deleteLaunchTemplate(r -> r.launchTemplateName(name)));
  }

  private Item cluster() {
    String kind = "ECS cluster";
    String name = names.cluster();
    Optional<Cluster> found = findCluster();
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    var ecs = context.aws().ecs();
    return owned(
        kind, name, tagMap(found.get().tags()), () -> ecs.deleteCluster(r -> r.cluster(name)));
  }

  private Item securityGroup() {
    String kind = "security group";
    String name = names.securityGroup();
    var ec2 = context.aws().ec2();
    String vpc =
        context
            .platform()
            .orElseThrow()
            .environments()
            .get(context.environment())
            .network()
            .vpcId();
    Optional<SecurityGroup> found =
        ec2
            .describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder().name("group-name").values(name).build(),
                        Filter.builder().name("vpc-id").values(vpc).build()))
            .securityGroups()
            .stream()
            .findFirst();
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    found.get().tags().forEach(t -> tags.put(t.key(), t.value()));
    String id = found.get().groupId();
    return owned(kind, name, tags, () -> ec2.deleteSecurityGroup(r -> r.groupId(id)));
  }

  private Item instanceProfile() {
    String kind = "instance profile";
    String name = names.instanceRole();
    var iam = context.aws().iam();
    software.amazon.awssdk.services.iam.model.InstanceProfile profile;
    try {
      profile = iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile();
    } catch (NoSuchEntityException e) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    // GetInstanceProfile answers with the profile's tags.
    profile.tags().forEach(t -> tags.put(t.key(), t.value()));
    return owned(
        kind,
        name,
        tags,
        () -> {
          for (var role : profile.roles()) {
            iam.removeRoleFromInstanceProfile(
                r -> r.instanceProfileName(name).roleName(role.roleName()));
          }
          gone(
              () -> iam.deleteInstanceProfile(r -> r.instanceProfileName(name)),
              NoSuchEntityException.class);
        });
  }

  private Item role(String name) {
    String kind = "IAM role";
    var iam = context.aws().iam();
    try {
      iam.getRole(r -> r.roleName(name));
    } catch (NoSuchEntityException e) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    iam.listRoleTags(r -> r.roleName(name)).tags().forEach(t -> tags.put(t.key(), t.value()));
    return owned(
        kind,
        name,
        tags,
        () -> {
          // A role goes only once nothing holds it: its inline policies, attached policies and
          // instance profiles (IAM user guide, "Deleting an IAM role").
          for (String policy : iam.listRolePolicies(r -> r.roleName(name)).policyNames()) {
            iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy));
          }
          for (var attached :
              iam.listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies()) {
            iam.detachRolePolicy(r -> r.roleName(name).policyArn(attached.policyArn()));
          }
          for (var profile :
              iam.listInstanceProfilesForRole(r -> r.roleName(name)).instanceProfiles()) {
            iam.removeRoleFromInstanceProfile(
                r -> r.instanceProfileName(profile.instanceProfileName()).roleName(name));
          }
          gone(() -> iam.deleteRole(r -> r.roleName(name)), NoSuchEntityException.class);
        });
  }

  private Item lifecycleRule() {
    String kind = "S3 lifecycle rule";
    Platform platform = context.platform().orElseThrow();
    Optional<String> named =
        platform.environments().get(context.environment()).artifacts().bucket();
    String bucket =
        named.orElseGet(
            () -> DeployContext.managedArtifactsBucket(context.account(), context.region()));
    String id = names.lifecycleRule();
    String name = bucket + "/" + id;
    var s3 = context.aws().s3();
    Optional<String> owner = named.isPresent() ? Optional.empty() : Optional.of(context.account());
    List<LifecycleRule> rules = lifecycleRules(bucket, owner);
    if (rules.stream().noneMatch(r -> id.equals(r.id()))) {
      return absent(kind, name);
    }
    return item(
        kind,
        name,
        State.REMOVE,
        "other rules of the bucket stay",
        () -> {
          List<LifecycleRule> now = lifecycleRules(bucket, owner);
          List<LifecycleRule> kept = now.stream().filter(r -> !id.equals(r.id())).toList();
          if (kept.size() == now.size()) {
            return;
          }
          if (kept.isEmpty()) {
            s3.deleteBucketLifecycle(
                r -> {
                  r.bucket(bucket);
                  owner.ifPresent(r::expectedBucketOwner);
                });
          } else {
            s3.putBucketLifecycleConfiguration(
                r -> {
                  r.bucket(bucket).lifecycleConfiguration(c -> c.rules(kept));
                  owner.ifPresent(r::expectedBucketOwner);
                });
          }
        });
  }

  private List<LifecycleRule> lifecycleRules(String bucket, Optional<String> owner) {
    try {
      return context
          .aws()
          .s3()
          .getBucketLifecycleConfiguration(
              r -> {
                r.bucket(bucket);
                owner.ifPresent(r::expectedBucketOwner);
              })
          .rules();
    } catch (AwsServiceException e) {
      if (List.of("NoSuchLifecycleConfiguration", "NoSuchBucket").contains(code(e))) {
        return List.of();
      }
      throw e;
    }
  }

  private Item logGroup(String name) {
    String kind = "log group";
    var logs = context.aws().logs();
    Optional<software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup> found =
        logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
            .filter(g -> g.logGroupName().equals(name))
            .findFirst();
    if (found.isEmpty()) {
      return absent(kind, name);
    }
    Map<String, String> tags =
        new TreeMap<>(logs.listTagsLogGroup(r -> r.logGroupName(name)).tags());
    Item item =
        owned(
            kind,
            name,
            tags,
            () ->
                gone(
                    () -> logs.deleteLogGroup(r -> r.logGroupName(name)),
                    software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException
                        .class));
    if (item.state() == State.REMOVE && keepLogs) {
      return item(kind, name, State.KEEP, "--keep-logs", item.removal());
    }
    return item.state() == State.REMOVE
        ? item(
            kind,
            name,
            State.REMOVE,
            "the steps' logs go with it (--keep-logs keeps them)",
            item.removal())
        : item;
  }

  /**
   * The EventBridge rule that tells the failure topic of executions that time out, abort or fail
   * outside a step: its targets go first, since EventBridge deletes no rule that has any.
   */
  private Item executionNoticeRule() {
    String kind = "EventBridge rule";
    String name = names.failureRule();
    var events = context.aws().events();
    String arn;
    try {
      arn = events.describeRule(r -> r.name(name)).arn();
    } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
      return absent(kind, name);
    }
    Map<String, String> tags = new TreeMap<>();
    events
        .listTagsForResource(r -> r.resourceARN(arn))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return owned(
        kind,
        name,
        tags,
        () ->
            gone(
                () -> {
                  List<String> targets =
                      events.listTargetsByRule(r -> r.rule(name)).targets().stream()
                          .map(software.amazon.awssdk.services.eventbridge.model.Target::id)
                          .toList();
                  if (!targets.isEmpty()) {
                    events.removeTargets(r -> r.rule(name).ids(targets));
                  }
                  events.deleteRule(r -> r.name(name));
                },
                software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException.class));
  }

  private Item topic(String name) {
    String kind = "SNS topic";
    String arn =
        "arn:"
            + context.partition()
            + ":sns:"
            + context.region()
            + ":"
            + context.account()
            + ":"
            + name;
    var sns = context.aws().sns();
    Map<String, String> tags = new TreeMap<>();
    try {
      sns.getTopicAttributes(r -> r.topicArn(arn));
      sns.listTagsForResource(r -> r.resourceArn(arn))
          .tags()
          .forEach(t -> tags.put(t.key(), t.value()));
    } catch (software.amazon.awssdk.services.sns.model.NotFoundException e) {
      return absent(kind, name);
    }
    return owned(kind, name, tags, () -> sns.deleteTopic(r -> r.topicArn(arn)));
  }

  private Item liveImageTag() {
    String kind = "ECR image tag";
    String repository = context.platform().orElseThrow().ecrRepository();
    String tag = names.liveImageTag();
    String name = repository + ":" + tag;
    var ecr = context.aws().ecr();
    try {
      var images =
          ecr.describeImages(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag)))
              .imageDetails();
      if (images.isEmpty()) {
        return absent(kind, name);
      }
    } catch (software.amazon.awssdk.services.ecr.model.ImageNotFoundException
        | software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException e) {
      return absent(kind, name);
    }
    // The tag only: BatchDeleteImage by tag removes the tag, and the image with it only when no
    // other tag (its <project>-<version> one) holds it. The repository's lifecycle policy then
    // expires the image like any other.
    return item(
        kind,
        name,
        State.REMOVE,
        "the tag only; the repository and images stay",
        () ->
            ecr.batchDeleteImage(r -> r.repositoryName(repository).imageIds(i -> i.imageTag(tag))));
  }

  // ---- removal -------------------------------------------------------------------------------

  /**
   * Removes every item {@link #inventory()} found to remove, in order, under the project's deploy
   * lock. Refuses before any change while an execution of the project runs, or while a deploy holds
   * the lock.
   *
   * @param wait how long to wait for the cluster and security group while instances stop
   */
  public void remove(List<Item> items, Listener listener, Duration wait, Clock clock)
      throws OperateException, InterruptedException {
    refuseWhileRunning();
    String lock = names.lockParameter();
    lock(lock, clock);
    boolean done = false;
    try {
      for (Item item : items) {
        if (item.state() != State.REMOVE) {
          continue;
        }
        try {
          removeWaiting(item, listener, wait, clock);
        } catch (AwsServiceException e) {
          throw OperateException.failed(
              Diagnostic.error(
                  OperateMessage.OPS_DESTROY_FAILED,
                  null,
                  item.kind(),
                  item.name(),
                  project,
                  e.awsErrorDetails() == null
                      ? e.getMessage()
                      : code(e) + ": " + e.awsErrorDetails().errorMessage()));
        }
        listener.removed(item);
      }
      done = true;
    } finally {
      try {
        context.aws().ssm().deleteParameter(r -> r.name(lock));
      } catch (ParameterNotFoundException e) {
        // Already gone.
      } catch (AwsServiceException e) {
        if (done) {
          throw e;
        }
      }
    }
  }

  /**
   * Removes an item; a cluster whose instances are still stopping, or a security group still held
   * by their network interfaces, is tried again every 15 seconds until {@code wait} has passed.
   */
  private void removeWaiting(Item item, Listener listener, Duration wait, Clock clock)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      try {
        item.removal().run();
        return;
      } catch (AwsServiceException e) {
        String code = code(e);
        boolean busy =
            code.equals("DependencyViolation")
                || code.equals("ClusterContainsContainerInstancesException")
                || code.equals("ClusterContainsTasksException")
                || code.equals("ResourceInUse")
                || code.equals("ResourceInUseFault")
                || code.equals("ScalingActivityInProgress")
                || code.equals("ScalingActivityInProgressFault");
        if (!busy || !clock.instant().isBefore(deadline)) {
          throw e;
        }
        listener.waiting(
            item,
            code + ": " + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage()));
        Thread.sleep(
            Math.min(
                POLL.toMillis(),
                Math.max(1, Duration.between(clock.instant(), deadline).toMillis())));
      }
    }
  }

  private void refuseWhileRunning() throws OperateException {
    String arn = context.stateMachineArn(project);
    List<software.amazon.awssdk.services.sfn.model.ExecutionListItem> running;
    try {
      running =
          context
              .aws()
              .sfn()
              .listExecutions(
                  r -> r.stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING).maxResults(1))
              .executions();
    } catch (software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException e) {
      return;
    }
    if (!running.isEmpty()) {
      String execution = running.get(0).executionArn();
      throw OperateException.failed(
          Diagnostic.error(
              OperateMessage.OPS_DESTROY_RUNNING, null, execution, project, execution));
    }
  }

  /** Takes the project's deploy lock, as a deploy does, or refuses naming its holder. */
  private void lock(String parameter, Clock clock) throws OperateException {
    ObjectNode holder = Json.mapper().createObjectNode();
    holder.put("holder", "esteira destroy by " + who());
    holder.put("since", Instant.now(clock).toString());
    holder.put("commit", "");
    String value = Json.writeCompact(holder).strip();
    try {
      context
          .aws()
          .ssm()
          .putParameter(
              r ->
                  r.name(parameter)
                      .type("String")
                      .overwrite(false)
                      .description(
                          "Esteira destroy in progress; delete it only if that destroy died")
                      .value(value));
    } catch (ParameterAlreadyExistsException e) {
      String who = "someone";
      String since = "an unknown time";
      try {
        JsonNode held =
            Json.mapper()
                .readTree(
                    context.aws().ssm().getParameter(r -> r.name(parameter)).parameter().value());
        who = held.path("holder").asText(who);
        since = held.path("since").asText(since);
      } catch (com.fasterxml.jackson.core.JsonProcessingException | AwsServiceException ignored) {
        // The refusal still names the parameter and how to remove it.
      }
      throw OperateException.failed(
          Diagnostic.error(
              DeployMessage.DEPLOY_LOCKED,
              null,
              project,
              context.environment(),
              who,
              since,
              "",
              parameter,
              context.region()));
    }
  }

  private static String who() {
    String user = System.getProperty("user.name", "someone");
    try {
      return user + "@" + InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return user;
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Runs a delete, treating "not there" as done (a rerun after a failure finds it gone). */
  private static void gone(Runnable delete, Class<? extends Exception> absent) {
    try {
      delete.run();
    } catch (RuntimeException e) {
      if (!absent.isInstance(e)) {
        throw e;
      }
    }
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
        ? ""
        : e.awsErrorDetails().errorCode();
  }

  private static Map<String, String> tagMap(
      List<software.amazon.awssdk.services.ecs.model.Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    if (tags != null) {
      tags.forEach(t -> map.put(t.key(), t.value()));
    }
    return map;
  }
}
