package io.esteira.deploy.reconcile;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.Platform.ArtifactSettings;
import io.esteira.deploy.platform.Platform.EnvironmentPlatform;
import io.esteira.deploy.project.DeployableProject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the reconcilers of one project share during one plan or deploy: the clients, the
 * account, the platform, the project, its names and tags, and the values earlier resources produced
 * (ARNs) for the placeholders of later ones.
 *
 * <p>During a plan, a resource that does not exist yet puts the value it would have (ARNs are
 * predictable, apart from a task definition's next revision, which the plan names as {@code
 * <family>:<next>}).
 */
public final class DeployContext {

  private final AwsClients aws;
  private final String account;
  private final String partition;
  private final Platform platform;
  private final DeployableProject project;
  private final DeployNames names;
  private final ProjectImage image;
  private final String commit;
  private final Map<String, String> tags;
  private final Map<String, String> outputs = new ConcurrentHashMap<>();

  /**
   * @param account the account deployed to, from the caller's identity
   * @param partition the partition of every ARN built, from the caller's identity's ARN ({@link
   *     #partitionOf}): {@code aws}, {@code aws-cn} or {@code aws-us-gov}
   */
  public DeployContext(
      AwsClients aws,
      String account,
      String partition,
      Platform platform,
      DeployableProject project,
      ProjectImage image,
      String commit) {
    this.aws = aws;
    this.account = account;
    this.partition = partition;
    this.platform = platform;
    this.project = project;
    this.names =
        new DeployNames(
            project.model().names(), project.environment(), platform.environmentSuffix());
    this.image = image;
    this.commit = commit;
    this.tags = Tags.of(project);
  }

  /** A context for the same deploy with no value recorded yet, for a plan before the real run. */
  public DeployContext fresh() {
    return new DeployContext(aws, account, partition, platform, project, image, commit);
  }

  public AwsClients aws() {
    return aws;
  }

  public String account() {
    return account;
  }

  /** The partition every ARN is built in, such as {@code aws}. */
  public String partition() {
    return partition;
  }

  /**
   * The partition of an ARN, its second field ({@code arn:<partition>:...}): the caller identity's
   * ARN (STS GetCallerIdentity) says which partition a deploy works in, where {@code aws} would be
   * wrong in China ({@code aws-cn}) and GovCloud ({@code aws-us-gov}).
   */
  public static String partitionOf(String arn) {
    String[] parts = arn.split(":", 3);
    if (parts.length < 3 || !parts[0].equals("arn") || parts[1].isEmpty()) {
      throw new IllegalArgumentException("not an ARN: " + arn);
    }
    return parts[1];
  }

  public String region() {
    return platform.region();
  }

  public Platform platform() {
    return platform;
  }

  public EnvironmentPlatform environment() {
    return platform.environments().get(project.environment());
  }

  public DeployableProject project() {
    return project;
  }

  public DeployNames names() {
    return names;
  }

  /** The image URI the task definition runs. */
  public String image() {
    return image.uri();
  }

  /** The image the task definition runs, and how it was chosen. */
  public ProjectImage projectImage() {
    return image;
  }

  /** The commit being deployed, for version descriptions; empty when unknown. */
  public String commit() {
    return commit;
  }

  /** project, environment, owner, version, managed-by. */
  public Map<String, String> tags() {
    return tags;
  }

  /** Records what a resource produced, under its placeholder, such as {@code ${TaskRoleArn}}. */
  public void output(String placeholder, String value) {
    outputs.put(placeholder, value);
  }

  public Optional<String> output(String placeholder) {
    return Optional.ofNullable(outputs.get(placeholder));
  }

  /** Every value recorded so far. */
  public Map<String, String> outputs() {
    return Map.copyOf(outputs);
  }

  /** The run store's settings in the environment deployed to. */
  public ArtifactSettings artifacts() {
    return environment().artifacts();
  }

  /**
   * The bucket steps' data goes to: the one the platform names, or {@code
   * esteira-artifacts-<account>-<region>}, which the deployer creates and manages.
   */
  public String artifactsBucket() {
    return artifacts().bucket().orElseGet(() -> managedArtifactsBucket(account, region()));
  }

  /** Whether the deployer made (or adopts) the bucket, rather than using a named one as is. */
  public boolean artifactsBucketManaged() {
    return artifacts().bucket().isEmpty();
  }

  /**
   * The bucket a platform naming none gets: one per account and region, so every project and
   * environment deployed there shares it (each under its own prefix). At most 18 + 12 + 1 + 14 = 45
   * characters (the longest region names have 14), lower-case letters, digits and hyphens, within
   * S3's 63 and its naming rules; bucket names are global, hence the account id.
   */
  public static String managedArtifactsBucket(String account, String region) {
    return "esteira-artifacts-" + account + "-" + region;
  }

  /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
  public String arn(String service, String resource) {
    return "arn:" + partition + ":" + service + ":" + region() + ":" + account + ":" + resource;
  }

  /** IAM ARNs have no region. */
  public String iamArn(String resource) {
    return "arn:" + partition + ":iam::" + account + ":" + resource;
  }

  /** S3 ARNs have neither region nor account: {@code arn:<partition>:s3:::<bucket>[/<key>]}. */
  public String s3Arn(String resource) {
    return "arn:" + partition + ":s3:::" + resource;
  }

  /** A policy AWS manages: {@code arn:<partition>:iam::aws:policy/<path>}. */
  public String awsManagedPolicy(String path) {
    return "arn:" + partition + ":iam::aws:policy/" + path;
  }
}
