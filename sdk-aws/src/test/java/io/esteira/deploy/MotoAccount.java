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
      pushManifest(aws, tag, tag);
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

  /** The same image URI for every project, as {@code --image <project>=<uri>} would give it. */
  static java.util.Map<String, String> imageForEach(
      java.util.List<io.esteira.deploy.project.DeployableProject> projects, String uri) {
    java.util.Map<String, String> images = new java.util.LinkedHashMap<>();
    projects.forEach(p -> images.put(p.name(), uri));
    return images;
  }

  /**
   * Puts an image into the repository under {@code tag}, as a push leaves it, whose content (and so
   * digest) {@code content} decides. moto derives an image's digest from its layers' digests (ECR
   * hashes the whole manifest), so each content gets a layer of its own.
   */
  static void pushManifest(AwsClients aws, String tag, String content) {
    String layer = sha256(content);
    aws.ecr()
        .putImage(
            r ->
                r.repositoryName(REPOSITORY)
                    .imageTag(tag)
                    .imageManifest(
                        "{\"schemaVersion\":2,\"mediaType\":"
                            + "\"application/vnd.docker.distribution.manifest.v2+json\","
                            + "\"config\":{\"mediaType\":"
                            + "\"application/vnd.docker.container.image.v1+json\",\"size\":2,"
                            + "\"digest\":\"sha256:"
                            + sha256("{}")
                            + "\"},\"layers\":[{\"mediaType\":"
                            + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":1,"
                            + "\"digest\":\"sha256:"
                            + layer
                            + "\"}]}"));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
