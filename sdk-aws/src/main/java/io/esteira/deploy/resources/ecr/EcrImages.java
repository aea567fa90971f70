package io.esteira.deploy.resources.ecr;

import io.esteira.deploy.platform.Platform;
import io.esteira.image.RegistryAccess;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * What the image commands and the deployer ask ECR about images: where the platform's repository
 * is, which digest a tag points at, and how to log in to push.
 */
public final class EcrImages {

  private EcrImages() {}

  /**
   * {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>}: the repository's URI before it
   * exists (once it does, {@code DescribeRepositories} gives it, which also covers other
   * partitions' domains).
   */
  public static String repositoryUri(String account, Platform platform) {
    return account + ".dkr.ecr." + platform.region() + ".amazonaws.com/" + platform.ecrRepository();
  }

  /** The digest ({@code sha256:...}) the tag points at, or empty when the tag is not there. */
  public static Optional<String> digestOf(EcrClient ecr, String repository, String tag) {
    try {
      return ecr
          .describeImages(r -> r.repositoryName(repository).imageIds(id -> id.imageTag(tag)))
          .imageDetails()
          .stream()
          .map(ImageDetail::imageDigest)
          .findFirst();
    } catch (ImageNotFoundException | RepositoryNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The registry of this account and region, logged in with ECR's authorization token (valid for 12
   * hours): user {@code AWS}, the token's password (ECR API reference, GetAuthorizationToken: "a
   * base64-encoded string that contains authorization data ... decoded, it is presented in the
   * format user:password").
   */
  public static RegistryAccess login(EcrClient ecr) {
    AuthorizationData data = ecr.getAuthorizationToken(r -> {}).authorizationData().get(0);
    String decoded =
        new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new IllegalStateException("ECR's authorization token is not user:password");
    }
    String host = data.proxyEndpoint().replaceFirst("^https?://", "").replaceFirst("/+$", "");
    return new RegistryAccess(
        host,
        Optional.of(
            new RegistryAccess.Credentials(
                decoded.substring(0, colon), decoded.substring(colon + 1))),
        false);
  }
}
