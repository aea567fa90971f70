package io.esteira.deploy.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One client per AWS service the deployer talks to, built the same way: the default credential and
 * region chains unless told otherwise, the SDK's standard retry strategy (it backs off and retries
 * throttling and transient errors) with more attempts, a call timeout, and one shared HTTP
 * connection pool. Close it to release the pool.
 *
 * <p>Clients are built on first use, so {@code esteira plan} of a project without a schedule never
 * builds a Scheduler client. Thread-safe: projects deploy in parallel with the same clients.
 */
public final class AwsClients implements AutoCloseable {

  /** Enough connections for the parallel deploys a 2-8 way {@code --parallelism} makes. */
  private static final int MAX_CONNECTIONS = 64;

  /**
   * Attempts per call, the first included. The standard strategy's own 3 gives up on one call in 37
   * when a third of requests are throttled, as an account busy with many deploys can be; 8 gives up
   * on one in 15,000, and its capped exponential back-off (at most 20 s between attempts) still
   * ends a hopeless call within the call timeout.
   */
  static final int MAX_ATTEMPTS = 8;

  private final AwsSettings settings;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final List<SdkClient> built = new ArrayList<>();
  private final FailedOperations failed = new FailedOperations();

  private final Lazy<StsClient> sts;
  private final Lazy<IamClient> iam;
  private final Lazy<Ec2Client> ec2;
  private final Lazy<EcsClient> ecs;
  private final Lazy<EcrClient> ecr;
  private final Lazy<AutoScalingClient> autoScaling;
  private final Lazy<CloudWatchLogsClient> logs;
  private final Lazy<SnsClient> sns;
  private final Lazy<SfnClient> sfn;
  private final Lazy<SchedulerClient> scheduler;
  private final Lazy<EventBridgeClient> events;
  private final Lazy<SsmClient> ssm;
  private final Lazy<SecretsManagerClient> secretsManager;
  private final Lazy<S3Client> s3;

  public AwsClients(AwsSettings settings) {
    this.settings = settings;
    this.region =
        settings
            .region()
            .map(Region::of)
            .orElseGet(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());
    this.credentials =
        settings.credentials().orElseGet(() -> DefaultCredentialsProvider.builder().build());
    this.http = Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS).build();
    this.sts = new Lazy<>(() -> configure(StsClient.builder()));
    this.iam = new Lazy<>(() -> configure(IamClient.builder()));
    this.ec2 = new Lazy<>(() -> configure(Ec2Client.builder()));
    this.ecs = new Lazy<>(() -> configure(EcsClient.builder()));
    this.ecr = new Lazy<>(() -> configure(EcrClient.builder()));
    this.autoScaling = new Lazy<>(() -> configure(AutoScalingClient.builder()));
    this.logs = new Lazy<>(() -> configure(CloudWatchLogsClient.builder()));
    this.sns = new Lazy<>(() -> configure(SnsClient.builder()));
    this.sfn = new Lazy<>(() -> configure(SfnClient.builder()));
    this.scheduler = new Lazy<>(() -> configure(SchedulerClient.builder()));
    this.events = new Lazy<>(() -> configure(EventBridgeClient.builder()));
    this.ssm = new Lazy<>(() -> configure(SsmClient.builder()));
    this.secretsManager = new Lazy<>(() -> configure(SecretsManagerClient.builder()));
    // An emulator answers on one host, so bucket names go in the path, not the host name. A
    // bucket the platform names may be in another region: the client follows S3's redirect.
    this.s3 =
        new Lazy<>(
            () ->
                configure(
                    S3Client.builder()
                        .forcePathStyle(settings.endpoint().isPresent())
                        .crossRegionAccessEnabled(true)));
  }

  /** The region every client talks to. */
  public Region region() {
    return region;
  }

  public StsClient sts() {
    return sts.get();
  }

  public IamClient iam() {
    return iam.get();
  }

  public Ec2Client ec2() {
    return ec2.get();
  }

  public EcsClient ecs() {
    return ecs.get();
  }

  public EcrClient ecr() {
    return ecr.get();
  }

  public AutoScalingClient autoScaling() {
    return autoScaling.get();
  }

  public CloudWatchLogsClient logs() {
    return logs.get();
  }

  public SnsClient sns() {
    return sns.get();
  }

  public SfnClient sfn() {
    return sfn.get();
  }

  public SchedulerClient scheduler() {
    return scheduler.get();
  }

  public EventBridgeClient events() {
    return events.get();
  }

  public SsmClient ssm() {
    return ssm.get();
  }

  public SecretsManagerClient secretsManager() {
    return secretsManager.get();
  }

  public S3Client s3() {
    return s3.get();
  }

  private <C extends SdkClient, B extends AwsClientBuilder<B, C>> C configure(B builder) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(MAX_ATTEMPTS)
                    .build())
            .apiCallTimeout(settings.callTimeout());
    settings.interceptors().forEach(override::addExecutionInterceptor);
    override.addExecutionInterceptor(failed);
    builder.region(region).credentialsProvider(credentials).overrideConfiguration(override.build());
    settings.endpoint().ifPresent(builder::endpointOverride);
    // Every builder the SDK generates is also a SyncClientBuilder; the cast keeps one method.
    ((software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?>) builder)
        .httpClient(http);
    C client = builder.build();
    synchronized (built) {
      built.add(client);
    }
    return client;
  }

  /**
   * The {@code Service:Operation} whose call threw {@code failure} (an exception one of these
   * clients threw), or empty: AWS's exceptions name the service but not the operation.
   */
  public String operationOf(Throwable failure) {
    return failed.operationOf(failure);
  }

  @Override
  public void close() {
    synchronized (built) {
      built.forEach(SdkClient::close);
      built.clear();
    }
    http.close();
  }

  /** Remembers which operation each failure came from, as long as the failure is referenced. */
  private static final class FailedOperations implements ExecutionInterceptor {
    private final Map<Throwable, String> operations =
        Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void onExecutionFailure(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      operations.put(
          context.exception(),
          attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
              + ":"
              + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    String operationOf(Throwable failure) {
      return operations.getOrDefault(failure, "");
    }
  }

  /** A value built once, on first use, by whichever thread asks first. */
  private static final class Lazy<T> {
    private final Supplier<T> factory;
    private T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    synchronized T get() {
      if (value == null) {
        value = factory.get();
      }
      return value;
    }
  }
}
