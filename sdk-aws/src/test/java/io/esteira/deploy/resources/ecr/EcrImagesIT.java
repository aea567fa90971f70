package io.esteira.deploy.resources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.testing.Moto;
import io.esteira.image.RegistryAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code esteira image build --push} asks ECR before it pushes, against moto_server: the
 * repository created when missing (so a first push to a fresh account works) and left alone when
 * there, and the login from ECR's authorization token.
 */
class EcrImagesIT {

  @TempDir Path dir;

  private AwsClients aws;

  @BeforeEach
  void reset() {
    Moto.reset();
    aws = Moto.clients();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private Platform platform(String repository) throws Exception {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(
        file,
        "region: us-east-1\n"
            + "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}\n"
            + "ecr: {repository: "
            + repository
            + ", max_images: 50}\n"
            + "environments:\n"
            + "  dev: {mlflow: {tracking_uri: http://127.0.0.1:9, s3_endpoint_url:"
            + " http://127.0.0.1:9}}\n");
    return PlatformReader.read(file, "platform.yaml").platform().orElseThrow();
  }

  @Test
  void aMissingRepositoryIsCreatedAsADeployWouldAndAnExistingOneIsLeftAlone() throws Exception {
    Platform platform = platform("ml-pipelines");

    RepositoryReconciler.ensure(aws.ecr(), platform);

    assertThat(RepositoryReconciler.find(aws.ecr(), "ml-pipelines"))
        .get()
        .satisfies(r -> assertThat(r.imageScanningConfiguration().scanOnPush()).isTrue());
    assertThat(
            aws.ecr()
                .getLifecyclePolicy(r -> r.repositoryName("ml-pipelines"))
                .lifecyclePolicyText())
        .isEqualTo(RepositoryReconciler.lifecyclePolicy(50));

    // A repository someone set up differently is not changed by a build (a deploy reconciles it).
    aws.ecr().deleteLifecyclePolicy(r -> r.repositoryName("ml-pipelines"));
    RepositoryReconciler.ensure(aws.ecr(), platform);
    assertThat(aws.ecr().describeRepositories().repositories()).hasSize(1);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> aws.ecr().getLifecyclePolicy(r -> r.repositoryName("ml-pipelines"))))
        .isNotNull();
  }

  @Test
  void theLoginIsTheAccountsRegistryWithTheTokensUserAndPassword() {
    RegistryAccess access = EcrImages.login(aws.ecr());

    assertThat(access.registry()).isEqualTo(Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com");
    assertThat(access.plainHttp()).isFalse();
    assertThat(access.credentials())
        .get()
        .satisfies(
            c -> {
              assertThat(c.username()).isEqualTo("AWS");
              assertThat(c.password()).isNotBlank();
              assertThat(c.toString()).doesNotContain(c.password());
            });
  }

  @Test
  void aTagOrARepositoryThatIsNotThereHasNoDigest() throws Exception {
    assertThat(EcrImages.digestOf(aws.ecr(), "ml-pipelines", "recsys-1.0.0")).isEmpty();

    RepositoryReconciler.ensure(aws.ecr(), platform("ml-pipelines"));

    assertThat(EcrImages.digestOf(aws.ecr(), "ml-pipelines", "recsys-1.0.0")).isEmpty();
  }
}
