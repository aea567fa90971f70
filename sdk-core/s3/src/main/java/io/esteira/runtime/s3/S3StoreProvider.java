package io.esteira.runtime.s3;

import io.esteira.runtime.store.RunStore;
import io.esteira.runtime.store.RunStoreProvider;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens {@code s3://<bucket>/<prefix>/} store roots; registered for {@link java.util.ServiceLoader}
 * so the step launcher finds it when esteira-s3 is on the class path.
 *
 * <p>The client uses the SDK's default chains: the region from {@code AWS_REGION} (which ECS sets
 * in every task), credentials from the default provider chain, which in an ECS task reaches the
 * task role through the container credentials endpoint ({@code
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}; see
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html). An endpoint
 * override is taken from {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL} (or the system
 * properties {@code aws.endpointUrlS3} and {@code aws.endpointUrl}), the names of the SDKs'
 * service-specific endpoint setting
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html); with one, requests
 * use path-style addresses, since an emulator such as moto_server on 127.0.0.1 has no per-bucket
 * host names.
 */
public final class S3StoreProvider implements RunStoreProvider {

  @Override
  public String scheme() {
    return "s3";
  }

  @Override
  public RunStore open(URI root) {
    String bucket = root.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "an s3 store root names a bucket, as in s3://bucket/project/dev/execution/: " + root);
    }
    String path = root.getPath() == null ? "" : root.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
    endpoint()
        .ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true));
    return new S3Store(builder.build(), bucket, prefix);
  }

  /** The endpoint override the environment asks for, if any. */
  static Optional<String> endpoint() {
    for (String[] setting :
        new String[][] {
          {"AWS_ENDPOINT_URL_S3", "aws.endpointUrlS3"}, {"AWS_ENDPOINT_URL", "aws.endpointUrl"}
        }) {
      String value = System.getenv(setting[0]);
      if (value == null || value.isBlank()) {
        value = System.getProperty(setting[1]);
      }
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }
}
