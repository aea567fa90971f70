package io.esteira.deploy.resources.ecs;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Tag;

/** The project's ECS cluster, {@code ml-cluster-<project>}. An INACTIVE cluster is created anew. */
public final class ClusterReconciler implements Reconciler {

  static final String KIND = "ECS cluster";

  private final DeployContext context;
  private final EcsClient ecs;

  public ClusterReconciler(DeployContext context) {
    this.context = context;
    this.ecs = context.aws().ecs();
  }

  @Override
  public Planned plan() {
    String name = context.names().cluster();
    Map<String, String> tags = context.tags();
    Optional<Cluster> current =
        ecs.describeClusters(r -> r.clusters(name).include(ClusterField.TAGS)).clusters().stream()
            .filter(c -> "ACTIVE".equals(c.status()))
            .findFirst();
    Diff diff = new Diff();
    String project = context.project().name();
    if (current.isEmpty()) {
      diff.tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> ecs.createCluster(r -> r.clusterName(name).tags(ecsTags(tags))));
    }
    diff.tags(tagMap(current.get().tags()), tags);
    String arn = current.get().clusterArn();
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> ecs.tagResource(r -> r.resourceArn(arn).tags(ecsTags(tags))));
  }

  static java.util.List<Tag> ecsTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  static Map<String, String> tagMap(java.util.List<Tag> tags) {
    Map<String, String> map = new TreeMap<>();
    if (tags != null) {
      tags.forEach(t -> map.put(t.key(), t.value()));
    }
    return map;
  }
}
