package io.esteira.deploy.resources.ecs;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.resources.autoscaling.AutoScalingGroupReconciler;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.ManagedScaling;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;

/**
 * The project's capacity provider, {@code cp-<project>}, over its auto scaling group: managed
 * scaling (ECS grows the group when a task waits for room and shrinks it when instances idle) and
 * managed termination protection (no instance running a task is scaled in).
 *
 * <p>It is read before it is created: ECS refuses a second provider of the same name, but moto
 * silently replaces it, so a test would not notice a deployer that skipped the read.
 */
public final class CapacityProviderReconciler implements Reconciler {

  static final String KIND = "capacity provider";

  /** Instances are added until the tasks waiting fit, and none idle beyond that. */
  static final int TARGET_CAPACITY = 100;

  private final DeployContext context;
  private final EcsClient ecs;

  public CapacityProviderReconciler(DeployContext context) {
    this.context = context;
    this.ecs = context.aws().ecs();
  }

  @Override
  public Planned plan() {
    String name = context.names().capacityProvider();
    String groupName = context.names().autoScalingGroup();
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Optional<CapacityProvider> current =
        ecs
            .describeCapacityProviders(
                r -> r.capacityProviders(name).include(CapacityProviderField.TAGS))
            .capacityProviders()
            .stream()
            .filter(c -> "ACTIVE".equals(c.statusAsString()))
            .findFirst();
    if (current.isEmpty()) {
      diff.field("auto scaling group", null, groupName)
          .field("managed scaling", null, "ENABLED, target " + TARGET_CAPACITY + "%")
          .field("managed termination protection", null, "ENABLED")
          .tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            String groupArn =
                AutoScalingGroupReconciler.find(context.aws().autoScaling(), groupName)
                    .map(AutoScalingGroup::autoScalingGroupARN)
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "auto scaling group " + groupName + " does not exist"));
            ecs.createCapacityProvider(
                r ->
                    r.name(name)
                        .autoScalingGroupProvider(
                            p ->
                                p.autoScalingGroupArn(groupArn)
                                    .managedScaling(scaling())
                                    .managedTerminationProtection(
                                        ManagedTerminationProtection.ENABLED))
                        .tags(ClusterReconciler.ecsTags(tags)));
          });
    }
    CapacityProvider provider = current.get();
    ManagedScaling scaling = provider.autoScalingGroupProvider().managedScaling();
    String scalingNow =
        scaling == null
            ? "DISABLED"
            : scaling.statusAsString() + ", target " + scaling.targetCapacity() + "%";
    String groupArn = provider.autoScalingGroupProvider().autoScalingGroupArn();
    diff.field("auto scaling group", groupArn.substring(groupArn.lastIndexOf('/') + 1), groupName);
    if (!diff.isEmpty()) {
      // ECS cannot move a provider to another group; only a person can decide what to delete.
      throw new IllegalStateException(
          "capacity provider "
              + name
              + " uses another auto scaling group ("
              + groupArn
              + "); delete the provider (aws ecs delete-capacity-provider) and deploy again");
    }
    diff.field("managed scaling", scalingNow, "ENABLED, target " + TARGET_CAPACITY + "%")
        .field(
            "managed termination protection",
            provider.autoScalingGroupProvider().managedTerminationProtectionAsString(),
            "ENABLED");
    boolean providerWrong = !diff.isEmpty();
    diff.tags(ClusterReconciler.tagMap(provider.tags()), tags);
    boolean tagsWrong = diff.changed("tags");
    String arn = provider.capacityProviderArn();
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (providerWrong) {
            ecs.updateCapacityProvider(
                r ->
                    r.name(name)
                        .autoScalingGroupProvider(
                            p ->
                                p.managedScaling(scaling())
                                    .managedTerminationProtection(
                                        ManagedTerminationProtection.ENABLED)));
          }
          if (tagsWrong) {
            ecs.tagResource(r -> r.resourceArn(arn).tags(ClusterReconciler.ecsTags(tags)));
          }
        });
  }

  private static ManagedScaling scaling() {
    return ManagedScaling.builder()
        .status(ManagedScalingStatus.ENABLED)
        .targetCapacity(TARGET_CAPACITY)
        .build();
  }
}
