package io.esteira.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.registry.RegistryMode;
import io.esteira.deploy.platform.Platform.Network;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformReaderTest {

  private static final String GOOD =
      """
      region: sa-east-1
      network:
        vpc_id: vpc-0a1b2c3d
        subnets: [subnet-0a1b2c3d, subnet-1b2c3d4e]
      ecr:
        repository: team/ml-pipelines
      naming:
        environment_suffix: true
      environments:
        dev:
          mlflow:
            tracking_uri: http://mlflow-dev.internal:5000
            s3_endpoint_url: https://s3.sa-east-1.amazonaws.com
        prd:
          mlflow:
            tracking_uri: https://mlflow.internal
            s3_endpoint_url: https://s3.sa-east-1.amazonaws.com
            registry_mode: stages
          network:
            vpc_id: vpc-9f8e7d6c
            subnets: [subnet-9f8e7d6c]
      """;

  @Test
  void readsEveryValueAndAppliesDefaults() {
    PlatformReader.Result result = PlatformReader.parse(GOOD, "platform.yaml");

    assertThat(result.diagnostics()).isEmpty();
    Platform platform = result.platform().orElseThrow();
    assertThat(platform.region()).isEqualTo("sa-east-1");
    assertThat(platform.ecrRepository()).isEqualTo("team/ml-pipelines");
    assertThat(platform.ecrMaxImages()).isEqualTo(Platform.DEFAULT_ECR_MAX_IMAGES);
    assertThat(platform.logRetentionDays()).isEqualTo(30);
    assertThat(platform.logExecutionData()).isFalse();
    assertThat(platform.environmentSuffix()).isTrue();
    assertThat(platform.amiParameter()).isEqualTo(Platform.DEFAULT_AMI_PARAMETER);
    assertThat(platform.environments().get("dev").network())
        .extracting(Network::vpcId, Network::subnets)
        .containsExactly("vpc-0a1b2c3d", List.of("subnet-0a1b2c3d", "subnet-1b2c3d4e"));
    assertThat(platform.environments().get("prd").network())
        .extracting(Network::vpcId, Network::subnets)
        .containsExactly("vpc-9f8e7d6c", List.of("subnet-9f8e7d6c"));
    // Each id keeps where the file gives it, for the deployer's messages about it.
    Network prd = platform.environments().get("prd").network();
    assertThat(prd.vpcAt().line()).isPositive();
    assertThat(prd.subnetsAt()).hasSize(1);
    assertThat(prd.subnetsAt().get(0).line()).isGreaterThanOrEqualTo(prd.vpcAt().line());
    assertThat(platform.environments().get("dev").mlflowTrackingUri())
        .isEqualTo("http://mlflow-dev.internal:5000");
    assertThat(platform.environments().get("dev").mlflowRegistryMode())
        .isEqualTo(RegistryMode.ALIASES);
    assertThat(platform.environments().get("prd").mlflowRegistryMode())
        .isEqualTo(RegistryMode.STAGES);
  }

  @Test
  void aRegistryModeOtherThanAliasesOrStagesIsReportedAtItsPlace() {
    String bad = GOOD.replace("registry_mode: stages", "registry_mode: Stages");
    PlatformReader.Result result = PlatformReader.parse(bad, "platform.yaml");

    assertThat(result.platform()).isEmpty();
    assertThat(result.diagnostics().stream().map(Diagnostic::render))
        .containsExactly(
            "platform.yaml:18:22: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'environments.prd.mlflow.registry_mode' is 'Stages', not aliases or stages;"
                + " give aliases or stages, for example: aliases");
  }

  @Test
  void executionDataInTheStateMachinesLogsIsOptIn() {
    String on = GOOD.replace("naming:", "logs:\n  include_execution_data: true\nnaming:");
    assertThat(
            PlatformReader.parse(on, "platform.yaml").platform().orElseThrow().logExecutionData())
        .isTrue();

    String bad = GOOD.replace("naming:", "logs:\n  include_execution_data: yes\nnaming:");
    PlatformReader.Result result = PlatformReader.parse(bad, "platform.yaml");
    assertThat(result.platform()).isEmpty();
    assertThat(result.diagnostics().stream().map(Diagnostic::render))
        .containsExactly(
            "platform.yaml:8:27: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'logs.include_execution_data' is 'yes'; write true or false");
  }

  @Test
  void theExamplePlatformFileIsValid() {
    PlatformReader.Result result =
        PlatformReader.read(Path.of("../examples/platform/platform.yaml"), "platform.yaml");

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.platform().orElseThrow().environments()).containsOnlyKeys("dev", "prd");
  }

  @Test
  void everyProblemIsReportedAtItsPlaceWithTheFix() {
    String bad =
        """
        region: somewhere
        network:
          vpc_id: vpc-0a1b2c3d
          subnets: [subnet-0a1b2c3d, sub-1]
        ecr:
          repository: ml-pipelines
        logs:
          retention_days: 31
        colour: blue
        environments:
          dev:
            mlflow:
              tracking_uri: mlflow.internal
        """;
    PlatformReader.Result result = PlatformReader.parse(bad, "platform.yaml");

    assertThat(result.platform()).isEmpty();
    assertThat(result.diagnostics().stream().map(Diagnostic::render))
        .containsExactly(
            "platform.yaml:1:9: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID] 'region' is 'somewhere',"
                + " not an AWS region; give an AWS region, for example: us-east-1",
            "platform.yaml:4:30: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID] 'network.subnets' is"
                + " 'sub-1', not a subnet id; give ids such as subnet-0a1b2c3d",
            "platform.yaml:8:19: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID] 'logs.retention_days' is"
                + " 31 days, a period CloudWatch Logs does not offer; use one of [1, 3, 5, 7, 14,"
                + " 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,"
                + " 3288, 3653]",
            "platform.yaml:9:1: error: [ESTEIRA-DEPLOY-PLATFORM-UNKNOWN-KEY] unknown key 'colour'"
                + " in the platform file; the keys here are artifacts, ecr, environments, instances,"
                + " logs, naming, network, region (docs/deployer.md lists them)",
            "platform.yaml:12:5: error: [ESTEIRA-DEPLOY-PLATFORM-MISSING] missing"
                + " 'environments.dev.mlflow.s3_endpoint_url' in the platform file; add it, for"
                + " example: s3_endpoint_url: https://s3.us-east-1.amazonaws.com",
            "platform.yaml:13:21: error: [ESTEIRA-DEPLOY-PLATFORM-INVALID]"
                + " 'environments.dev.mlflow.tracking_uri' is 'mlflow.internal', not an http(s)"
                + " URL; give an http(s) URL, for example: https://mlflow.dev.example.com");
  }

  @Test
  void aMissingFileOrBrokenYamlSaysSo() {
    assertThat(
            PlatformReader.read(Path.of("no/such/platform.yaml"), "platform.yaml")
                .diagnostics()
                .get(0)
                .render())
        .isEqualTo(
            "platform.yaml: error: [ESTEIRA-DEPLOY-PLATFORM-UNREADABLE] cannot read the platform"
                + " file: no such file; give --platform the path of a readable YAML file");
    assertThat(PlatformReader.parse("region: [", "p.yaml").diagnostics().get(0).code())
        .isEqualTo("ESTEIRA-DEPLOY-PLATFORM-SYNTAX");
    assertThat(PlatformReader.parse("region: us-east-1\n", "p.yaml").diagnostics())
        .extracting(Diagnostic::render)
        .anyMatch(line -> line.contains("missing 'network'"))
        .anyMatch(line -> line.contains("missing 'ecr.repository'"))
        .anyMatch(line -> line.contains("missing 'environments'"));
  }
}
