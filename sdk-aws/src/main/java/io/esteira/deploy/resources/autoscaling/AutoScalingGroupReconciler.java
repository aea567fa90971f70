package io.esteira.deploy.resources.autoscaling;

import io.esteira.core.model.Infra;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.resources.ec2.LaunchTemplateReconciler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.InstancesDistribution;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.Tag;

/**
 * The project's auto scaling group, {@code asg-<project>}: sizes from {@code infra.compute}, the
 * platform's subnets, the launch template version the launch template step left, Spot instances
 * through a mixed instances policy when {@code spot: true}, new instances protected from scale-in
 * (the capacity provider's managed termination protection needs it).
 *
 * <p>Created with the desired capacity at its minimum (0 for the origin's projects: the capacity
 * provider scales it when a task waits); an update never sets the desired capacity, so a deploy
 * does not stop instances the capacity provider started.
 */
public final class AutoScalingGroupReconciler implements Reconciler {

  static final String KIND = "auto scaling group";

  /** Spot capacity from the pools least likely to be interrupted, at a low price. */
  static final String SPOT_ALLOCATION = "price-capacity-optimized";

  private final DeployContext context;
  private final AutoScalingClient autoScaling;

  public AutoScalingGroupReconciler(DeployContext context) {
    this.context = context;
    this.autoScaling = context.aws().autoScaling();
  }

  @Override
  public Planned plan() {
    String name = context.names().autoScalingGroup();
    Infra infra = context.project().model().infra();
    String version = context.output(LaunchTemplateReconciler.VERSION_OUTPUT).orElse("1");
    List<String> subnets = context.environment().network().subnets();
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Optional<AutoScalingGroup> current = find(autoScaling, name);
    if (current.isEmpty()) {
      diff.field("min size", null, infra.minQuantity())
          .field("max size", null, infra.maxQuantity())
          .field("desired capacity", null, infra.minQuantity())
          .field("subnets", null, String.join(",", subnets))
          .field("launch template", null, context.names().launchTemplate() + ":" + version)
          .field("spot", null, infra.spot())
          .field("new instances protected from scale-in", null, true)
          .tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            String v = context.output(LaunchTemplateReconciler.VERSION_OUTPUT).orElse(version);
            autoScaling.createAutoScalingGroup(
                r -> {
                  r.autoScalingGroupName(name)
                      .minSize(infra.minQuantity())
                      .maxSize(infra.maxQuantity())
                      // AWS refuses a desired capacity below the minimum.
                      .desiredCapacity(infra.minQuantity())
                      .vpcZoneIdentifier(String.join(",", subnets))
                      .newInstancesProtectedFromScaleIn(true)
                      .tags(asgTags(name, tags));
                  if (infra.spot()) {
                    r.mixedInstancesPolicy(mixed(v, infra));
                  } else {
                    r.launchTemplate(template(v));
                  }
                });
          });
    }
    AutoScalingGroup group = current.get();
    diff.field("min size", group.minSize(), infra.minQuantity())
        .field("max size", group.maxSize(), infra.maxQuantity())
        .field("subnets", new TreeSet<>(split(group.vpcZoneIdentifier())), new TreeSet<>(subnets))
        .field(
            "launch template", templateOf(group), context.names().launchTemplate() + ":" + version)
        .field("spot", isSpot(group), infra.spot())
        .field(
            "new instances protected from scale-in",
            Boolean.TRUE.equals(group.newInstancesProtectedFromScaleIn()),
            true);
    if (infra.spot() && group.mixedInstancesPolicy() != null) {
      diff.field("instance types", instanceTypes(group), List.of(infra.ec2Type()));
    }
    boolean groupWrong = !diff.isEmpty();
    Map<String, String> nowTags = new TreeMap<>();
    group.tags().forEach(t -> nowTags.put(t.key(), t.value()));
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (groupWrong) {
            autoScaling.updateAutoScalingGroup(
                r -> {
                  r.autoScalingGroupName(name)
                      .minSize(infra.minQuantity())
                      .maxSize(infra.maxQuantity())
                      .vpcZoneIdentifier(String.join(",", subnets))
                      .newInstancesProtectedFromScaleIn(true);
                  if (infra.spot()) {
                    r.mixedInstancesPolicy(mixed(version, infra));
                  } else {
                    r.launchTemplate(template(version));
                  }
                });
          }
          if (tagsWrong) {
            autoScaling.createOrUpdateTags(r -> r.tags(asgTags(name, tags)));
          }
        });
  }

  /** The group named so, if it exists (AWS keeps a group being deleted visible for a while). */
  public static Optional<AutoScalingGroup> find(AutoScalingClient autoScaling, String name) {
    return autoScaling
        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .autoScalingGroups()
        .stream()
        .filter(g -> g.status() == null || !g.status().startsWith("Delete"))
        .findFirst();
  }

  private LaunchTemplateSpecification template(String version) {
    return LaunchTemplateSpecification.builder()
        .launchTemplateName(context.names().launchTemplate())
        .version(version)
        .build();
  }

  /** Spot only: no on-demand base, no on-demand share above it. */
  private MixedInstancesPolicy mixed(String version, Infra infra) {
    return MixedInstancesPolicy.builder()
        .launchTemplate(
            t ->
                t.launchTemplateSpecification(template(version))
                    .overrides(o -> o.instanceType(infra.ec2Type())))
        .instancesDistribution(
            InstancesDistribution.builder()
                .onDemandBaseCapacity(0)
                .onDemandPercentageAboveBaseCapacity(0)
                .spotAllocationStrategy(SPOT_ALLOCATION)
                .build())
        .build();
  }

  private static String templateOf(AutoScalingGroup group) {
    LaunchTemplateSpecification spec =
        group.mixedInstancesPolicy() != null
                && group.mixedInstancesPolicy().launchTemplate() != null
            ? group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification()
            : group.launchTemplate();
    return spec == null ? null : spec.launchTemplateName() + ":" + spec.version();
  }

  private static boolean isSpot(AutoScalingGroup group) {
    MixedInstancesPolicy policy = group.mixedInstancesPolicy();
    if (policy == null || policy.instancesDistribution() == null) {
      return false;
    }
    InstancesDistribution d = policy.instancesDistribution();
    return Integer.valueOf(0).equals(d.onDemandBaseCapacity())
        && Integer.valueOf(0).equals(d.onDemandPercentageAboveBaseCapacity())
        && SPOT_ALLOCATION.equals(d.spotAllocationStrategy());
  }

  private static List<String> instanceTypes(AutoScalingGroup group) {
    return group.mixedInstancesPolicy().launchTemplate().overrides().stream()
        .map(o -> o.instanceType())
        .toList();
  }

  private static List<String> split(String subnets) {
    return subnets == null || subnets.isBlank()
        ? List.of()
        : Arrays.stream(subnets.split(",")).map(String::strip).toList();
  }

  private static List<Tag> asgTags(String name, Map<String, String> tags) {
    // Propagated, so the instances carry the project's tags too (cost allocation).
    return tags.entrySet().stream()
        .map(
            e ->
                Tag.builder()
                    .resourceId(name)
                    .resourceType("auto-scaling-group")
                    .key(e.getKey())
                    .value(e.getValue())
                    .propagateAtLaunch(true)
                    .build())
        .toList();
  }
}
