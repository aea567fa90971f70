package io.esteira.deploy;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An emptied moto account laid out as a team's account is before the first deploy: a VPC with two
 * subnets, the shared ECR repository holding the images the projects run. What the deployer itself
 * creates is not made here.
 */
final class MotoAccount {

  static final String REPOSITORY = "ml-pipelines";

  final String vpc;
  final List<String> subnets;

  private MotoAccount(String vpc, List<String> subnets) {
    this.vpc = vpc;
    this.subnets = subnets;
  }

  static MotoAccount prepare(AwsClients aws, String... imageTags) {
    io.esteira.deploy.testing.Moto.reset();
    String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String a =
        aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
    String b =
        aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.2.0/24")).subnet().subnetId();
    aws.ecr().createRepository(r -> r.repositoryName(REPOSITORY));
    for (String tag : imageTags) {
      aws.ecr()
          .putImage(
              r ->
                  r.repositoryName(REPOSITORY)
                      .imageTag(tag)
                      .imageManifest(
                          "{\"schemaVersion\":2,\"mediaType\":"
                              + "\"application/vnd.docker.distribution.manifest.v2+json\","
                              + "\"config\":{\"digest\":\"sha256:"
                              + "0".repeat(63)
                              + Integer.toHexString(Math.abs(tag.hashCode()) % 16)
                              + "\"},\"layers\":[],\"tag\":\""
                              + tag
                              + "\"}"));
    }
    return new MotoAccount(vpc, List.of(a, b));
  }

  Platform platform(boolean environmentSuffix) {
    return parse(platformYaml(environmentSuffix));
  }

  /** The platform file of {@link #platform}, for tests that add keys to it. */
  String platformYaml(boolean environmentSuffix) {
    return "region: us-east-1\n"
        + "network:\n"
        + "  vpc_id: "
        + vpc
        + "\n  subnets: ["
        + String.join(", ", subnets)
        + "]\n"
        + "ecr:\n  repository: "
        + REPOSITORY
        + "\nlogs:\n  retention_days: 14\n"
        + "naming:\n  environment_suffix: "
        + environmentSuffix
        + "\nenvironments:\n"
        + "  dev:\n    mlflow:\n      tracking_uri: https://mlflow-dev.example.com\n"
        + "      s3_endpoint_url: https://s3.us-east-1.amazonaws.com\n"
        + "  prd:\n    mlflow:\n      tracking_uri: https://mlflow.example.com\n"
        + "      s3_endpoint_url: https://s3.us-east-1.amazonaws.com\n";
  }

  static Platform parse(String text) {
    PlatformReader.Result result = PlatformReader.parse(text, "platform.yaml");
    return result.platform().orElseThrow(() -> new AssertionError(result.diagnostics().toString()));
  }

  /** The origin document's example project, compiled from its config.yaml. */
  static List<DeployableProject> origin(Path root, String environment) throws IOException {
    ProjectLoader.Loaded loaded =
        ProjectLoader.load(
            List.of(root.resolve("examples/yaml-only/src/projects/recsys")),
            environment,
            Path::toString);
    if (loaded.hasErrors()) {
      throw new AssertionError(loaded.diagnostics().toString());
    }
    return loaded.projects();
  }
}
