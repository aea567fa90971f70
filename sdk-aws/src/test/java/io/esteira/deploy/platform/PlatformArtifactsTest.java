package io.esteira.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.platform.Platform.ArtifactSettings;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The platform file's {@code artifacts} section, global and per environment. */
class PlatformArtifactsTest {

  private static final String BASE =
      """
      region: eu-west-1
      network:
        vpc_id: vpc-0a1b2c3d
        subnets: [subnet-0a1b2c3d]
      ecr:
        repository: ml-pipelines
      """;

  private static final String ENVIRONMENTS =
      """
      environments:
        dev:
          mlflow:
            tracking_uri: https://mlflow-dev.example.com
            s3_endpoint_url: https://s3.eu-west-1.amazonaws.com
        prd:
          mlflow:
            tracking_uri: https://mlflow.example.com
            s3_endpoint_url: https://s3.eu-west-1.amazonaws.com
      """;

  private static PlatformReader.Result parse(String artifacts, String environments) {
    return PlatformReader.parse(BASE + artifacts + environments, "platform.yaml");
  }

  private static Platform valid(String artifacts, String environments) {
    PlatformReader.Result result = parse(artifacts, environments);
    assertThat(result.diagnostics()).isEmpty();
    return result.platform().orElseThrow();
  }

  private static Iterable<String> errors(String artifacts, String environments) {
    PlatformReader.Result result = parse(artifacts, environments);
    assertThat(result.platform()).isEmpty();
    return result.diagnostics().stream().map(Diagnostic::render).toList();
  }

  @Test
  void withoutASectionTheDeployerManagesTheBucketKeeps30DaysAndUsesThePinnedAwsCliImage() {
    Platform platform = valid("", ENVIRONMENTS);

    ArtifactSettings expected = ArtifactSettings.defaults("platform.yaml");
    assertThat(platform.artifacts()).isEqualTo(expected);
    assertThat(platform.environments().get("dev").artifacts()).isEqualTo(expected);
    assertThat(expected.bucket()).isEmpty();
    assertThat(expected.retentionDays()).isEqualTo(30);
    assertThat(expected.transferImage())
        .isEqualTo("public.ecr.aws/aws-cli/aws-cli:2.36.7")
        .doesNotContain("latest");
  }

  @Test
  void anEnvironmentOverridesOnlyTheKeysItGives() {
    Platform platform =
        valid(
            """
            artifacts:
              bucket: team-ml-artifacts
              retention_days: 14
              transfer_image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/aws-cli:2.36.7
            """,
            ENVIRONMENTS
                + """
                    artifacts:
                      retention_days: 90
                """);

    ArtifactSettings global = platform.artifacts();
    assertThat(global.bucket()).contains("team-ml-artifacts");
    assertThat(global.bucketAt()).isEqualTo(new SourcePosition("platform.yaml", 8, 11));
    assertThat(global.retentionDays()).isEqualTo(14);
    assertThat(global.transferImage())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/aws-cli:2.36.7");
    assertThat(platform.environments().get("dev").artifacts()).isEqualTo(global);
    ArtifactSettings prd = platform.environments().get("prd").artifacts();
    assertThat(prd.retentionDays()).isEqualTo(90);
    assertThat(prd.bucket()).contains("team-ml-artifacts");
    assertThat(prd.transferImage()).isEqualTo(global.transferImage());
  }

  @Test
  void anEnvironmentMayNameItsOwnBucket() {
    Platform platform =
        valid(
            "",
            ENVIRONMENTS
                + """
                    artifacts: {bucket: prd-ml-artifacts}
                """);

    assertThat(platform.environments().get("dev").artifacts().bucket()).isEmpty();
    assertThat(platform.environments().get("prd").artifacts().bucket())
        .isEqualTo(Optional.of("prd-ml-artifacts"));
    assertThat(platform.environments().get("prd").artifacts().bucketAt())
        .isEqualTo(new SourcePosition("platform.yaml", 16, 25));
  }

  @Test
  void everyProblemOfTheSectionIsReportedAtItsPlaceWithTheFix() {
    assertThat(
            errors(
                """
                artifacts:
                  bucket: Team_Artifacts
                  retention_days: 0
                  transfer_image: "aws cli"
                  expiry: 3
                """,
                ENVIRONMENTS))
        .containsExactly(
            "platform.yaml:8:11: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID] 'artifacts.bucket' is"
                + " 'Team_Artifacts', not only lower-case letters, digits, dots and hyphens,"
                + " starting and ending with a letter or digit; give the name of an S3 bucket (3"
                + " to 63 lower-case letters, digits, dots and hyphens, starting and ending with a"
                + " letter or digit), or leave out bucket so that the deployer creates one",
            "platform.yaml:9:19: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'artifacts.retention_days' is '0'; give a whole number from 1 to 3653",
            "platform.yaml:10:19: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'artifacts.transfer_image' is 'aws cli', not an image reference with a tag or"
                + " digest; give an image reference with a tag or digest, for example:"
                + " public.ecr.aws/aws-cli/aws-cli:2.36.7",
            "platform.yaml:11:3: error: [ESTEIRA-DEPLOY-PLATFORM-UNKNOWN-KEY] unknown key"
                + " 'expiry' in artifacts; the keys here are bucket, retention_days,"
                + " transfer_image (docs/deployer.md lists them)");
  }

  @Test
  void aBadValueInAnEnvironmentsSectionNamesThatSection() {
    assertThat(
            errors(
                "",
                ENVIRONMENTS
                    + """
                        artifacts:
                          retention_days: thirty
                          bucket: xn--artifacts
                    """))
        .containsExactly(
            "platform.yaml:17:23: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'environments.prd.artifacts.retention_days' is 'thirty'; give a whole number"
                + " from 1 to 3653",
            "platform.yaml:18:15: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'environments.prd.artifacts.bucket' is 'xn--artifacts', starting with xn--,"
                + " which S3 reserves; give the name of an S3 bucket (3 to 63 lower-case letters,"
                + " digits, dots and hyphens, starting and ending with a letter or digit), or"
                + " leave out bucket so that the deployer creates one");
  }

  @Test
  void theSectionMustBeAMapping() {
    assertThat(errors("artifacts: my-bucket\n", ENVIRONMENTS))
        .containsExactly(
            "platform.yaml:7:12: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID] 'artifacts' is not a"
                + " mapping of keys; write it as, for example: {bucket: my-team-artifacts,"
                + " retention_days: 30}");
  }

  @Test
  void theExamplePlatformFileKeepsPrdDataLonger() {
    Platform example =
        PlatformReader.read(java.nio.file.Path.of("../examples/platform/platform.yaml"), "p.yaml")
            .platform()
            .orElseThrow();

    assertThat(example.environments().get("dev").artifacts().retentionDays()).isEqualTo(30);
    assertThat(example.environments().get("prd").artifacts().retentionDays()).isEqualTo(90);
    assertThat(example.environments().get("prd").artifacts().bucket()).isEmpty();
  }

  @Test
  void bucketNamesFollowS3sRules() {
    assertThat(ArtifactsSection.bucketProblem("team-ml-artifacts")).isEmpty();
    assertThat(ArtifactsSection.bucketProblem("team.ml.artifacts")).isEmpty();
    assertThat(ArtifactsSection.bucketProblem("ab")).contains("2 characters, not 3 to 63");
    assertThat(ArtifactsSection.bucketProblem("a".repeat(64)))
        .contains("64 characters, not 3 to 63");
    assertThat(ArtifactsSection.bucketProblem("-team")).isPresent();
    assertThat(ArtifactsSection.bucketProblem("team-")).isPresent();
    assertThat(ArtifactsSection.bucketProblem("team..ml")).contains("two dots in a row");
    assertThat(ArtifactsSection.bucketProblem("192.168.5.4")).contains("an IP address");
    assertThat(ArtifactsSection.bucketProblem("sthree-team")).isPresent();
    assertThat(ArtifactsSection.bucketProblem("team-s3alias")).isPresent();
    assertThat(ArtifactsSection.bucketProblem("team--ol-s3")).isPresent();
  }
}
