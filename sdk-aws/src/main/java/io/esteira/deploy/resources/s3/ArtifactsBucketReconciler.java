package io.esteira.deploy.resources.s3;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.resources.s3.Buckets.Presence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The bucket of the run store, shared by every project deployed to an account and region, so it is
 * planned once per deploy (like the ECR repository). When the platform names no bucket the deployer
 * creates {@code esteira-artifacts-<account>-<region>}, or adopts it when it exists, and keeps it
 * private: all four Block Public Access settings, default encryption SSE-S3 ({@code AES256}), and
 * object ownership "bucket owner enforced" (ACLs off), tagged {@code managed-by=esteira}. New
 * buckets get the last two from S3 anyway since 2023; setting them says so and fixes an adopted
 * bucket.
 *
 * <p>A bucket the platform names is used as it is: the deployer only checked that it exists (before
 * any change) and touches nothing of it here. Each project's expiry is its own lifecycle rule
 * ({@link LifecycleRuleReconciler}).
 */
public final class ArtifactsBucketReconciler implements Reconciler {

  static final String KIND = "S3 bucket";

  /** All four settings on: no public ACL or policy takes effect, existing or new. */
  static final String BLOCK_ALL =
      "BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets";

  static final String ENCRYPTION = "SSE-S3 (AES256)";

  private final DeployContext context;
  private final S3Client s3;

  public ArtifactsBucketReconciler(DeployContext context) {
    this.context = context;
    this.s3 = context.aws().s3();
  }

  @Override
  public Planned plan() {
    String name = context.artifactsBucket();
    if (!context.artifactsBucketManaged()) {
      return Planned.unchanged(
          new PlanItem(
              "",
              KIND,
              name,
              PlanItem.Action.NO_CHANGE,
              List.of(),
              List.of(
                  "named by the platform file: used as it is; deploys change only Esteira's"
                      + " lifecycle rules in it")));
    }
    Map<String, String> tags = Map.of("managed-by", "esteira");
    Presence presence = Buckets.presence(s3, name, Optional.of(context.account()));
    if (presence == Presence.FORBIDDEN) {
      throw new IllegalStateException(
          "the bucket name "
              + name
              + " is taken by another AWS account (bucket names are global), or this identity may"
              + " not read it (s3:ListBucket); name a bucket of this account in the platform"
              + " file's artifacts.bucket");
    }
    Diff diff = new Diff();
    if (presence == Presence.MISSING) {
      diff.field("public access block", null, BLOCK_ALL)
          .field("default encryption", null, ENCRYPTION)
          .field("object ownership", null, ObjectOwnership.BUCKET_OWNER_ENFORCED.toString())
          .tags(Map.of(), tags);
      return new Planned(
          PlanItem.of("", KIND, name, false, diff.changes()),
          () -> {
            create(name);
            blockPublicAccess(name);
            encrypt(name);
            tag(name, Map.of(), tags);
          });
    }
    String block = publicAccessBlock(name);
    String encryption = encryption(name);
    String ownership = ownership(name);
    Map<String, String> nowTags = tags(name);
    diff.field("public access block", block, BLOCK_ALL)
        .field("default encryption", encryption, ENCRYPTION)
        .field("object ownership", ownership, ObjectOwnership.BUCKET_OWNER_ENFORCED.toString())
        .tags(nowTags, tags);
    boolean blockWrong = !BLOCK_ALL.equals(block);
    boolean encryptionWrong = !ENCRYPTION.equals(encryption);
    boolean ownershipWrong = !ObjectOwnership.BUCKET_OWNER_ENFORCED.toString().equals(ownership);
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of("", KIND, name, true, diff.changes()),
        () -> {
          if (blockWrong) {
            blockPublicAccess(name);
          }
          if (encryptionWrong) {
            encrypt(name);
          }
          if (ownershipWrong) {
            s3.putBucketOwnershipControls(
                r ->
                    r.bucket(name)
                        .expectedBucketOwner(context.account())
                        .ownershipControls(
                            o ->
                                o.rules(
                                    x ->
                                        x.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
          }
          if (tagsWrong) {
            tag(name, nowTags, tags);
          }
        });
  }

  private void create(String name) {
    CreateBucketRequest.Builder request =
        CreateBucketRequest.builder()
            .bucket(name)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    // us-east-1 takes no location constraint; every other region must be named (CreateBucket).
    if (!context.region().equals("us-east-1")) {
      request.createBucketConfiguration(
          c -> c.locationConstraint(BucketLocationConstraint.fromValue(context.region())));
    }
    try {
      s3.createBucket(request.build());
    } catch (BucketAlreadyOwnedByYouException e) {
      // Another deploy made it meanwhile: configure it all the same.
    }
  }

  private void blockPublicAccess(String name) {
    s3.putPublicAccessBlock(
        r ->
            r.bucket(name)
                .expectedBucketOwner(context.account())
                .publicAccessBlockConfiguration(
                    b ->
                        b.blockPublicAcls(true)
                            .ignorePublicAcls(true)
                            .blockPublicPolicy(true)
                            .restrictPublicBuckets(true)));
  }

  private void encrypt(String name) {
    s3.putBucketEncryption(
        r ->
            r.bucket(name)
                .expectedBucketOwner(context.account())
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            x ->
                                x.applyServerSideEncryptionByDefault(
                                    d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
  }

  /** PutBucketTagging replaces the whole set, so the tags someone else added are written back. */
  private void tag(String name, Map<String, String> now, Map<String, String> wanted) {
    Map<String, String> all = new TreeMap<>(now);
    all.putAll(wanted);
    List<Tag> tagSet = new ArrayList<>();
    all.forEach((k, v) -> tagSet.add(Tag.builder().key(k).value(v).build()));
    s3.putBucketTagging(
        r -> r.bucket(name).expectedBucketOwner(context.account()).tagging(t -> t.tagSet(tagSet)));
  }

  /** The settings that are on, or null when the bucket has no configuration. */
  private String publicAccessBlock(String name) {
    return Buckets.unlessAbsent(
            () ->
                s3.getPublicAccessBlock(r -> r.bucket(name).expectedBucketOwner(context.account()))
                    .publicAccessBlockConfiguration(),
            "NoSuchPublicAccessBlockConfiguration")
        .map(ArtifactsBucketReconciler::describe)
        .orElse(null);
  }

  static String describe(PublicAccessBlockConfiguration c) {
    List<String> on = new ArrayList<>();
    if (Boolean.TRUE.equals(c.blockPublicAcls())) {
      on.add("BlockPublicAcls");
    }
    if (Boolean.TRUE.equals(c.ignorePublicAcls())) {
      on.add("IgnorePublicAcls");
    }
    if (Boolean.TRUE.equals(c.blockPublicPolicy())) {
      on.add("BlockPublicPolicy");
    }
    if (Boolean.TRUE.equals(c.restrictPublicBuckets())) {
      on.add("RestrictPublicBuckets");
    }
    return on.isEmpty() ? null : String.join(", ", on);
  }

  private String encryption(String name) {
    return Buckets.unlessAbsent(
            () ->
                s3.getBucketEncryption(r -> r.bucket(name).expectedBucketOwner(context.account()))
                    .serverSideEncryptionConfiguration()
                    .rules(),
            "ServerSideEncryptionConfigurationNotFoundError")
        .map(
            rules ->
                rules.stream()
                    .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                    .filter(java.util.Objects::nonNull)
                    .map(
                        d ->
                            d.sseAlgorithm() == ServerSideEncryption.AES256
                                ? ENCRYPTION
                                : d.sseAlgorithmAsString()
                                    + (d.kmsMasterKeyID() == null
                                        ? ""
                                        : " (" + d.kmsMasterKeyID() + ")"))
                    .collect(Collectors.joining(", ")))
        .filter(s -> !s.isEmpty())
        .orElse(null);
  }

  private String ownership(String name) {
    return Buckets.unlessAbsent(
            () ->
                s3.getBucketOwnershipControls(
                        r -> r.bucket(name).expectedBucketOwner(context.account()))
                    .ownershipControls()
                    .rules(),
            "OwnershipControlsNotFoundError")
        .filter(rules -> !rules.isEmpty())
        .map(rules -> rules.get(0).objectOwnershipAsString())
        .orElse(null);
  }

  private Map<String, String> tags(String name) {
    return Buckets.unlessAbsent(
            () ->
                s3.getBucketTagging(r -> r.bucket(name).expectedBucketOwner(context.account()))
                    .tagSet(),
            "NoSuchTagSet")
        .map(
            set ->
                set.stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, TreeMap::new)))
        .map(m -> (Map<String, String>) m)
        .orElse(Map.of());
  }
}
