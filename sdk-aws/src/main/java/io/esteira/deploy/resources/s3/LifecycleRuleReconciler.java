package io.esteira.deploy.resources.s3;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationRequest;

/**
 * The lifecycle rule that expires one project's data in one environment: id {@code
 * esteira-<project>-<env>}, scoped to the prefix {@code <project>/<env>/}, objects expire {@code
 * artifacts.retention_days} after they were written, and incomplete multipart uploads (an {@code
 * aws s3 cp} of a large file in a task that was stopped) are aborted after a day.
 *
 * <p>Why one rule per project and environment, not one for the bucket: projects and environments
 * share the bucket, and each may keep its data for another number of days. A bucket's lifecycle
 * configuration is one document, and PutBucketLifecycleConfiguration replaces all of it, so a
 * change reads the document, replaces or adds this rule only and writes it back: rules with other
 * ids (other projects', or ones a person added to a named bucket) are written back as they were,
 * and so is the configuration's {@code TransitionDefaultMinimumObjectSize}. Projects of one deploy
 * take turns per bucket, so two of them never read the same document and each write only its own
 * rule. S3 offers no conditional write of a lifecycle configuration: two deploys from separate
 * processes changing rules of one bucket in the same second can lose one of the two changes, and
 * the next deploy of that project plans and writes it again. A configuration holds at most 1,000
 * rules (Amazon S3 User Guide, "Setting lifecycle configuration on a bucket").
 */
public final class LifecycleRuleReconciler implements Reconciler {

  static final String KIND = "S3 lifecycle rule";

  /** Incomplete multipart uploads are useless after the task that made them is gone. */
  static final int ABORT_INCOMPLETE_UPLOADS_DAYS = 1;

  /** One lock per bucket, for the projects one process deploys at once. */
  private static final ConcurrentMap<String, Object> BUCKETS = new ConcurrentHashMap<>();

  private final DeployContext context;
  private final S3Client s3;

  public LifecycleRuleReconciler(DeployContext context) {
    this.context = context;
    this.s3 = context.aws().s3();
  }

  /** The rule Esteira keeps for {@code id}. */
  static LifecycleRule rule(String id, String prefix, int days) {
    return LifecycleRule.builder()
        .id(id)
        .filter(f -> f.prefix(prefix))
        .status(ExpirationStatus.ENABLED)
        .expiration(e -> e.days(days))
        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(ABORT_INCOMPLETE_UPLOADS_DAYS))
        .build();
  }

  /** What the plan shows, and compares: the settings Esteira gives its rule. */
  static String describe(LifecycleRule rule) {
    String prefix =
        rule.filter() != null && rule.filter().prefix() != null
            ? rule.filter().prefix()
            : rule.prefix();
    Integer days = rule.expiration() == null ? null : rule.expiration().days();
    Integer abort =
        rule.abortIncompleteMultipartUpload() == null
            ? null
            : rule.abortIncompleteMultipartUpload().daysAfterInitiation();
    return "keys under "
        + (prefix == null ? "(any)" : prefix)
        + ": expire "
        + (days == null ? "never" : "after " + days(days))
        + ", incomplete uploads "
        + (abort == null ? "kept" : "aborted after " + days(abort))
        + (rule.status() == ExpirationStatus.ENABLED ? "" : " (" + rule.statusAsString() + ")");
  }

  private static String days(int n) {
    return n == 1 ? "1 day" : n + " days";
  }

  @Override
  public Planned plan() {
    String bucket = context.artifactsBucket();
    String id = context.names().lifecycleRule();
    LifecycleRule desired =
        rule(id, context.names().environmentArtifactsPrefix(), context.artifacts().retentionDays());
    Optional<LifecycleRule> current =
        read(bucket).rules().stream().filter(r -> id.equals(r.id())).findFirst();
    Diff diff =
        new Diff()
            .field(
                "rule",
                current.map(LifecycleRuleReconciler::describe).orElse(null),
                describe(desired));
    String name = bucket + "/" + id;
    return new Planned(
        PlanItem.of(context.project().name(), KIND, name, current.isPresent(), diff.changes()),
        () -> write(bucket, desired));
  }

  /** Reads the configuration again, puts this rule in place of its old self, writes it back. */
  private void write(String bucket, LifecycleRule desired) {
    synchronized (BUCKETS.computeIfAbsent(bucket, b -> new Object())) {
      GetBucketLifecycleConfigurationResponse now = read(bucket);
      List<LifecycleRule> rules = new ArrayList<>();
      boolean replaced = false;
      for (LifecycleRule rule : now.rules()) {
        if (desired.id().equals(rule.id())) {
          rules.add(desired);
          replaced = true;
        } else {
          rules.add(rule);
        }
      }
      if (!replaced) {
        rules.add(desired);
      }
      PutBucketLifecycleConfigurationRequest.Builder put =
          PutBucketLifecycleConfigurationRequest.builder()
              .bucket(bucket)
              .lifecycleConfiguration(c -> c.rules(rules));
      owner().ifPresent(put::expectedBucketOwner);
      if (now.transitionDefaultMinimumObjectSize() != null) {
        put.transitionDefaultMinimumObjectSize(now.transitionDefaultMinimumObjectSize());
      }
      s3.putBucketLifecycleConfiguration(put.build());
    }
  }

  /**
   * The bucket's lifecycle configuration; no rules when it has none, or when the bucket does not
   * exist yet (a plan before the deploy that creates the managed bucket).
   */
  private GetBucketLifecycleConfigurationResponse read(String bucket) {
    GetBucketLifecycleConfigurationRequest.Builder get =
        GetBucketLifecycleConfigurationRequest.builder().bucket(bucket);
    owner().ifPresent(get::expectedBucketOwner);
    return Buckets.unlessAbsent(
            () -> s3.getBucketLifecycleConfiguration(get.build()),
            "NoSuchLifecycleConfiguration",
            "NoSuchBucket")
        .orElseGet(() -> GetBucketLifecycleConfigurationResponse.builder().build());
  }

  /** The managed bucket must be this account's; a named one may be another's, shared with it. */
  private Optional<String> owner() {
    return context.artifactsBucketManaged() ? Optional.of(context.account()) : Optional.empty();
  }
}
