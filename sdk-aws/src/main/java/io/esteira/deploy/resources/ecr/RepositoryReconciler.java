package io.esteira.deploy.resources.ecr;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The ECR repository every project's images go to: scanned on push, and a lifecycle policy that
 * removes untagged images after a day and keeps at most the platform's {@code ecr.max_images}.
 * Shared by all projects, so it is planned once per deploy and carries only the {@code managed-by}
 * tag.
 */
public final class RepositoryReconciler implements Reconciler {

  static final String KIND = "ECR repository";

  private final DeployContext context;
  private final EcrClient ecr;

  public RepositoryReconciler(DeployContext context) {
    this.context = context;
    this.ecr = context.aws().ecr();
  }

  /** The lifecycle policy, as ECR stores it: compared as text, so its bytes are fixed. */
  static String lifecyclePolicy(int maxImages) {
    return "{\"rules\":["
        + "{\"rulePriority\":1,\"description\":\"Remove untagged images after a day\","
        + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
        + "\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
        + "{\"rulePriority\":2,\"description\":\"Keep the newest "
        + maxImages
        + " images\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
        + "\"countNumber\":"
        + maxImages
        + "},\"action\":{\"type\":\"expire\"}}]}";
  }

  /** The repository, or empty when it does not exist. */
  public static Optional<Repository> find(EcrClient ecr, String name) {
    try {
      return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().stream()
          .findFirst();
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Planned plan() {
    String name = context.platform().ecrRepository();
    String policy = lifecyclePolicy(context.platform().ecrMaxImages());
    Optional<Repository> current = find(ecr, name);
    Diff diff = new Diff();
    if (current.isEmpty()) {
      diff.field("scan on push", null, true).field("lifecycle policy", null, policy);
      return new Planned(
          PlanItem.of("", KIND, name, false, diff.changes()),
          () -> {
            ecr.createRepository(
                r ->
                    r.repositoryName(name)
                        .imageScanningConfiguration(s -> s.scanOnPush(true))
                        .tags(t -> t.key("managed-by").value("esteira")));
            ecr.putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy));
          });
    }
    boolean scan =
        current.get().imageScanningConfiguration() != null
            && Boolean.TRUE.equals(current.get().imageScanningConfiguration().scanOnPush());
    String nowPolicy;
    try {
      nowPolicy = ecr.getLifecyclePolicy(r -> r.repositoryName(name)).lifecyclePolicyText();
    } catch (LifecyclePolicyNotFoundException e) {
      nowPolicy = null;
    }
    diff.field("scan on push", scan, true).field("lifecycle policy", nowPolicy, policy);
    boolean policyWrong = !policy.equals(nowPolicy);
    return new Planned(
        PlanItem.of("", KIND, name, true, diff.changes()),
        () -> {
          if (!scan) {
            ecr.putImageScanningConfiguration(
                r -> r.repositoryName(name).imageScanningConfiguration(s -> s.scanOnPush(true)));
          }
          if (policyWrong) {
            ecr.putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy));
          }
        });
  }
}
