package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.ProjectImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The run store's placeholders, filled from the platform file and the account. */
class ArtifactsTest {

  private static final String STATE_MACHINE =
      "{\"States\":{\"Pipeline settings\":{\"Assign\":"
          + "{\"store.$\":\"s3://${ArtifactsBucket}/recsys/prd/\"}}}}";

  private static final String TASK_DEFINITION =
      "{\"containerDefinitions\":[{\"name\":\"esteira-inputs\",\"image\":\"${TransferImage}\"}]}";

  private static Platform platform(String artifacts) {
    String text =
        """
        region: eu-west-1
        network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}
        ecr: {repository: ml-pipelines}
        environments:
          dev:
            mlflow: {tracking_uri: 'https://m.example.com', s3_endpoint_url: 'https://s3.example.com'}
          prd:
            mlflow: {tracking_uri: 'https://m.example.com', s3_endpoint_url: 'https://s3.example.com'}
        """
            + artifacts;
    PlatformReader.Result result = PlatformReader.parse(text, "platform.yaml");
    return result.platform().orElseThrow(() -> new AssertionError(result.diagnostics()));
  }

  private static JsonNode fill(Platform platform, String environment) throws Exception {
    DeployableProject project = MotoAccount.origin(Path.of(".."), environment).get(0);
    DeployContext context =
        new DeployContext(
            null, "123456789012", "aws", platform, project, ProjectImage.given("i"), "");
    Substitution substitution = Artifacts.substitution(context);
    ObjectNode filled = Json.object();
    filled.set(
        "store",
        substitution
            .fill(Artifact.STATE_MACHINE, STATE_MACHINE)
            .at("/States/Pipeline settings/Assign/store.$"));
    filled.set(
        "image",
        substitution
            .fill(Artifact.TASK_DEFINITION, TASK_DEFINITION)
            .at("/containerDefinitions/0/image"));
    return filled;
  }

  @Test
  void theBucketAndTheTransferImageArePlaceholdersTheDeployerKnows() {
    assertThat(Artifacts.KNOWN)
        .contains(Placeholders.ARTIFACTS_BUCKET, Placeholders.TRANSFER_IMAGE);
    assertThat(Placeholders.ARTIFACTS_BUCKET).isEqualTo("${ArtifactsBucket}");
    assertThat(Placeholders.TRANSFER_IMAGE).isEqualTo("${TransferImage}");
  }

  @Test
  void withoutABucketTheManagedOneOfTheAccountAndRegionAndThePinnedImageAreFilledIn()
      throws Exception {
    JsonNode filled = fill(platform(""), "prd");

    assertThat(filled.path("store").asText())
        .isEqualTo("s3://esteira-artifacts-123456789012-eu-west-1/recsys/prd/");
    assertThat(filled.path("image").asText()).isEqualTo("public.ecr.aws/aws-cli/aws-cli:2.36.7");
  }

  @Test
  void theEnvironmentsOwnSettingsWinOverThePlatforms() throws Exception {
    Platform platform =
        platform(
            "    artifacts: {transfer_image: 'mirror.example.com/aws-cli:2.36.7'}\n"
                + "artifacts: {bucket: team-artifacts}\n");

    JsonNode prd = fill(platform, "prd");
    assertThat(prd.path("store").asText()).isEqualTo("s3://team-artifacts/recsys/prd/");
    assertThat(prd.path("image").asText()).isEqualTo("mirror.example.com/aws-cli:2.36.7");
    JsonNode dev = fill(platform, "dev");
    assertThat(dev.path("store").asText()).isEqualTo("s3://team-artifacts/recsys/prd/");
    assertThat(dev.path("image").asText()).isEqualTo("public.ecr.aws/aws-cli/aws-cli:2.36.7");
  }
}
