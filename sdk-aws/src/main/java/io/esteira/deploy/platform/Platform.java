package io.esteira.deploy.platform;

import io.esteira.core.registry.RegistryMode;
import io.esteira.diagnostics.SourcePosition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The platform file: what every project of an account shares, as the origin's {@code build_apps.sh}
 * set it once (region, network, ECR repository, MLflow per environment, naming). docs/deployer.md
 * describes each key.
 *
 * @param file the file as the user named it, for messages
 * @param region the AWS region deployed to
 * @param network the VPC and subnets tasks and instances run in, unless an environment says
 *     otherwise
 * @param ecrRepository the name of the ECR repository every project's images go to
 * @param ecrMaxImages how many images the repository's lifecycle policy keeps
 * @param logRetentionDays how long the log groups keep task logs and state machine logs
 * @param logExecutionData whether the state machine's log records carry the states' input and
 *     output ({@code logs.include_execution_data}; off by default: they may hold what the
 *     executions were given)
 * @param environmentSuffix whether resource names end in {@code -<env>}, for dev and prd sharing
 *     one account
 * @param amiParameter the public SSM parameter holding the ECS-optimized AMI id
 * @param environments per environment name, what differs between them
 * @param artifacts where steps' data is stored, unless an environment says otherwise
 * @param javaBaseImage the image a Java pipeline's image is built on ({@code ecr.java_base_image})
 */
public record Platform(
    String file,
    String region,
    Network network,
    String ecrRepository,
    int ecrMaxImages,
    int logRetentionDays,
    boolean logExecutionData,
    boolean environmentSuffix,
    String amiParameter,
    Map<String, EnvironmentPlatform> environments,
    ArtifactSettings artifacts,
    String javaBaseImage) {

  /** The ECS-optimized Amazon Linux 2023 AMI AWS publishes for every region. */
  public static final String DEFAULT_AMI_PARAMETER =
      "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

  public static final int DEFAULT_LOG_RETENTION_DAYS = 30;

  public static final int DEFAULT_ECR_MAX_IMAGES = 200;

  /**
   * The Eclipse Temurin 17 JRE, from Docker's official images as Amazon ECR Public mirrors them (no
   * Docker Hub rate limit from AWS). A tag, so {@code esteira image build} resolves it when it
   * builds and prints the digest it used; a platform that wants every build on the same base pins
   * {@code ecr.java_base_image} by digest (docs/images.md).
   */
  public static final String DEFAULT_JAVA_BASE_IMAGE =
      "public.ecr.aws/docker/library/eclipse-temurin:17-jre";

  public Platform {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(ecrRepository, "ecrRepository");
    Objects.requireNonNull(amiParameter, "amiParameter");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(javaBaseImage, "javaBaseImage");
    environments = Map.copyOf(new TreeMap<>(environments));
  }

  /**
   * The VPC and subnets.
   *
   * @param vpcId such as {@code vpc-0a1b2c3d}
   * @param subnets subnet ids, in file order
   * @param vpcAt where the platform file gives the VPC id, for messages about it
   * @param subnetsAt where it gives each subnet id, in the order of {@code subnets}
   */
  public record Network(
      String vpcId, List<String> subnets, SourcePosition vpcAt, List<SourcePosition> subnetsAt) {
    public Network {
      Objects.requireNonNull(vpcId, "vpcId");
      Objects.requireNonNull(vpcAt, "vpcAt");
      subnets = List.copyOf(subnets);
      subnetsAt = List.copyOf(subnetsAt);
      if (subnetsAt.size() != subnets.size()) {
        throw new IllegalArgumentException("one position per subnet");
      }
    }
  }

  /**
   * What one environment has of its own.
   *
   * @param mlflowTrackingUri the MLflow tracking server tasks log to
   * @param mlflowS3EndpointUrl the S3 endpoint MLflow's artifacts go to
   * @param network the network of this environment, when it is not the platform's
   * @param mlflowRegistryMode how that server's registry records stages, which the deploy gate
   *     reads ({@code registry_mode}; default aliases)
   * @param artifacts the platform's {@code artifacts} with this environment's own keys over it
   */
  public record EnvironmentPlatform(
      String mlflowTrackingUri,
      String mlflowS3EndpointUrl,
      Network network,
      RegistryMode mlflowRegistryMode,
      ArtifactSettings artifacts) {
    public EnvironmentPlatform {
      Objects.requireNonNull(artifacts, "artifacts");
      Objects.requireNonNull(mlflowTrackingUri, "mlflowTrackingUri");
      Objects.requireNonNull(mlflowS3EndpointUrl, "mlflowS3EndpointUrl");
      Objects.requireNonNull(network, "network");
      Objects.requireNonNull(mlflowRegistryMode, "mlflowRegistryMode");
    }
  }

  /**
   * Where steps hand data to each other: the run store's bucket, how long it keeps a run's data,
   * and the image that moves a command step's files (docs/deployer.md, "The artifacts bucket").
   *
   * @param bucket the bucket the platform names, used as it is; empty when the deployer creates and
   *     manages {@code esteira-artifacts-<account>-<region>}
   * @param bucketAt where the file names the bucket, for messages about it (the file itself when it
   *     names none)
   * @param retentionDays after how many days of a run its stored data expires
   * @param transferImage the image with the AWS CLI that fetches inputs and stores outputs of
   *     command steps
   */
  public record ArtifactSettings(
      Optional<String> bucket, SourcePosition bucketAt, int retentionDays, String transferImage) {

    public static final int DEFAULT_RETENTION_DAYS = 30;

    /**
     * The official AWS CLI v2 image, pinned to release 2.36.7 (aws/aws-cli tag 2.36.7, 23 July
     * 2026): a moving tag such as {@code latest} would change what runs without a deploy. AWS
     * publishes every v2 release under its version (AWS CLI User Guide, "Run the AWS CLI from the
     * official Amazon ECR Public or Docker images", section "Use specific versions and tags").
     */
    public static final String DEFAULT_TRANSFER_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.36.7";

    public ArtifactSettings {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(bucketAt, "bucketAt");
      Objects.requireNonNull(transferImage, "transferImage");
    }

    /** No {@code artifacts} section: a managed bucket, 30 days, the pinned AWS CLI image. */
    public static ArtifactSettings defaults(String file) {
      return new ArtifactSettings(
          Optional.empty(),
          SourcePosition.file(file),
          DEFAULT_RETENTION_DAYS,
          DEFAULT_TRANSFER_IMAGE);
    }
  }
}
