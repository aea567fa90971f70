package io.esteira.deploy.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How to reach AWS: what the command line's {@code --region} and {@code --endpoint-url} say, with
 * seams for tests (credentials, interceptors). Empty values mean the SDK's default chains.
 *
 * @param region the region, or empty for the default region chain (AWS_REGION, the profile, ...)
 * @param endpoint one endpoint for every service (an emulator such as moto_server), or empty for
 *     AWS's own
 * @param credentials credentials, or empty for the default credential chain
 * @param interceptors run on every call of every client, in order (tests count and fail calls)
 * @param callTimeout the limit of one API call, retries included
 */
public record AwsSettings(
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<AwsCredentialsProvider> credentials,
    List<ExecutionInterceptor> interceptors,
    Duration callTimeout) {

  /** Two minutes: the slowest call the deployer makes (a registration under throttling) fits. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);

  public AwsSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    interceptors = List.copyOf(interceptors);
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /** The default chains, AWS's own endpoints. */
  public static AwsSettings defaults() {
    return new AwsSettings(
        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), DEFAULT_CALL_TIMEOUT);
  }

  public AwsSettings withRegion(String value) {
    return new AwsSettings(
        Optional.ofNullable(value), endpoint, credentials, interceptors, callTimeout);
  }

  public AwsSettings withEndpoint(URI value) {
    return new AwsSettings(
        region, Optional.ofNullable(value), credentials, interceptors, callTimeout);
  }

  public AwsSettings withCredentials(AwsCredentialsProvider value) {
    return new AwsSettings(region, endpoint, Optional.ofNullable(value), interceptors, callTimeout);
  }

  public AwsSettings withInterceptors(List<ExecutionInterceptor> value) {
    return new AwsSettings(region, endpoint, credentials, value, callTimeout);
  }
}
