package io.esteira.deploy.resources.ecr;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The ECR repository every project's images go to: scanned on push, and a lifecycle policy that
 * keeps every image an environment runs, removes untagged images after a day and keeps at most the
 * platform's {@code ecr.max_images} of the rest ({@link #lifecyclePolicy}). Tags stay mutable: a
 * version tag moves when the same version is rebuilt (a deploy pins the digest, so nothing that
 * runs changes underneath), and live tags move with every deploy. Shared by all projects, so it is
 * planned once per deploy and carries only the {@code managed-by} tag.
 */
public final class RepositoryReconciler implements Reconciler {

  static final String KIND = "ECR repository";

  private final DeployContext context;
  private final EcrClient ecr;

  public RepositoryReconciler(DeployContext context) {
    this.context = context;
    this.ecr = context.aws().ecr();
  }

  /**
   * The lifecycle policy, as ECR stores it: compared as text, so its bytes are fixed. Three rules,
   * evaluated in priority order (Amazon ECR user guide, "Lifecycle policy evaluation rules": an
   * image that matches the tagging requirements of a higher priority rule cannot be expired by a
   * rule with a lower priority, and a rule with {@code tagStatus: any} must come last):
   *
   * <ol>
   *   <li>images with a {@code live-} tag, the ones some environment runs ({@link
   *       LiveImageTagReconciler}), are kept: the rule matches them but its count is never reached
   *       (one live tag per project and environment);
   *   <li>untagged images go after a day (a tag moved to a rebuilt image leaves the old one
   *       untagged, unless a live tag or its commit tag holds it);
   *   <li>of the rest, the newest {@code maxImages} stay.
   * </ol>
   */
  static String lifecyclePolicy(int maxImages) {
    return "{\"rules\":["
        + "{\"rulePriority\":1,\"description\":\"Keep every image an environment runs\","
        + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"live-\"],"
        + "\"countType\":\"imageCountMoreThan\",\"countNumber\":"
        + KEEP_LIVE
        + "},\"action\":{\"type\":\"expire\"}},"
        + "{\"rulePriority\":2,\"description\":\"Remove untagged images after a day\","
        + "\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\","
        + "\"countUnit\":\"days\",\"countNumber\":1},\"action\":{\"type\":\"expire\"}},"
        + "{\"rulePriority\":3,\"description\":\"Keep the newest "
        + maxImages
        + " images\",\"selection\":{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
        + "\"countNumber\":"
        + maxImages
        + "},\"action\":{\"type\":\"expire\"}}]}";
  }

  /**
   * The count of the rule that keeps live images: far above the number of live tags there can be
   * (one per project and environment), so it never expires one.
   */
  static final int KEEP_LIVE = 10000;

  /**
   * Creates the platform's repository when it does not exist, as a deploy would; leaves one that
   * exists as it is (the next deploy reconciles its settings). {@code esteira image build --push}
   * calls it, so that a first push to a fresh account has somewhere to go.
   */
  public static void ensure(EcrClient ecr, Platform platform) {
    String name = platform.ecrRepository();
    if (find(ecr, name).isEmpty()) {
      try {
        create(ecr, name, lifecyclePolicy(platform.ecrMaxImages()));
      } catch (RepositoryAlreadyExistsException e) {
        // Created in the meantime, by another build or deploy.
      }
    }
  }

  private static void create(EcrClient ecr, String name, String policy) {
    ecr.createRepository(
        r ->
            r.repositoryName(name)
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .tags(t -> t.key("managed-by").value("esteira")));
    ecr.putLifecyclePolicy(r -> r.repositoryName(name).lifecyclePolicyText(policy));
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
          PlanItem.of("", KIND, name, false, diff.changes()), () -> create(ecr, name, policy));
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
