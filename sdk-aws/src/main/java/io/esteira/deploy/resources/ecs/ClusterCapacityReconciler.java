package io.esteira.deploy.resources.ecs;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * Attaches the project's capacity provider to its cluster as the cluster's default strategy, so a
 * task started without a strategy also lands on the project's instances. Providers others attached
 * stay attached (ECS replaces the whole list, so they are sent back with it).
 */
public final class ClusterCapacityReconciler implements Reconciler {

  static final String KIND = "cluster capacity providers";

  private final DeployContext context;
  private final EcsClient ecs;

  public ClusterCapacityReconciler(DeployContext context) {
    this.context = context;
    this.ecs = context.aws().ecs();
  }

  @Override
  public Planned plan() {
    String cluster = context.names().cluster();
    String provider = context.names().capacityProvider();
    String project = context.project().name();
    String strategy = provider + " (weight 1, base 0)";
    Diff diff = new Diff();
    Optional<Cluster> current =
        ecs.describeClusters(r -> r.clusters(cluster)).clusters().stream()
            .filter(c -> "ACTIVE".equals(c.status()))
            .findFirst();
    List<String> attached = current.map(c -> List.copyOf(c.capacityProviders())).orElse(List.of());
    String strategyNow =
        current
            .map(
                c ->
                    String.join(
                        ", ",
                        c.defaultCapacityProviderStrategy().stream()
                            .map(
                                s ->
                                    s.capacityProvider()
                                        + " (weight "
                                        + (s.weight() == null ? 0 : s.weight())
                                        + ", base "
                                        + (s.base() == null ? 0 : s.base())
                                        + ")")
                            .toList()))
            .orElse(null);
    diff.field("capacity providers", attached.contains(provider) ? provider : null, provider)
        .field("default strategy", strategyNow, strategy);
    List<String> providers = new ArrayList<>(attached);
    if (!providers.contains(provider)) {
      providers.add(provider);
    }
    // The attachment exists once the cluster has any provider or default strategy: a cluster the
    // deploy has just created has neither, which the plan (made before the cluster exists) must
    // also call a creation.
    boolean exists = !attached.isEmpty() || (strategyNow != null && !strategyNow.isEmpty());
    return new Planned(
        PlanItem.of(project, KIND, cluster, exists, diff.changes()),
        () ->
            ecs.putClusterCapacityProviders(
                r ->
                    r.cluster(cluster)
                        .capacityProviders(providers)
                        .defaultCapacityProviderStrategy(
                            CapacityProviderStrategyItem.builder()
                                .capacityProvider(provider)
                                .weight(1)
                                .base(0)
                                .build())));
  }
}
