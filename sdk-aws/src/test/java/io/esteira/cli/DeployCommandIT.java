package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code esteira plan} and {@code esteira deploy} as a user runs them, against moto_server through
 * {@code --endpoint-url}, with credentials from the default chain (system properties here).
 */
class DeployCommandIT {

  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterAll
  static void forget() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** A platform file for dev on a fresh moto account with one VPC and subnet. */
  static Path platform(Path dir) throws Exception {
    try (AwsClients aws = Moto.clients()) {
      Moto.reset();
      String vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
      String subnet =
          aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet().subnetId();
      Path file = dir.resolve("platform.yaml");
      Files.writeString(
          file,
          "region: us-east-1\n"
              + "network: {vpc_id: "
              + vpc
              + ", subnets: ["
              + subnet
              + "]}\n"
              + "ecr: {repository: ml-pipelines}\n"
              + "environments:\n"
              + "  dev: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
              + " 'http://s3:9000'}}\n");
      return file;
    }
  }

  @Test
  void planThenDeployThenPlanAgainShowsNothingLeftToDo(@TempDir Path dir) throws Exception {
    Path platform = platform(dir);
    String[] common = {
      ORIGIN,
      "--platform",
      platform.toString(),
      "--env",
      "dev",
      "--endpoint-url",
      Moto.endpoint().toString(),
      "--no-image-check",
      "--commit",
      "0123abc"
    };

    Cli.Run plan = Cli.run(concat("plan", common));
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("(shared): create ECR repository ml-pipelines")
        .contains("(shared): create S3 bucket esteira-artifacts-" + Moto.ACCOUNT_ID + "-us-east-1")
        .contains("    default encryption: SSE-S3 (AES256)")
        .contains(
            "recsys: create S3 lifecycle rule esteira-artifacts-"
                + Moto.ACCOUNT_ID
                + "-us-east-1/esteira-recsys-dev")
        .contains("recsys: create log group /ecs/recsys")
        .contains("    retention: 30 days")
        .contains("recsys: create task definition recsys")
        .contains("recsys: create state machine recsys-workflow")
        .contains("recsys: create schedule sched-recsys")
        .contains("    State: DISABLED");

    Cli.Run deploy = Cli.run(concat("deploy", common));
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out())
        .contains("recsys: done: create task definition recsys")
        .contains("deployed: ");

    Cli.Run again = Cli.run(concat("plan", concat("--output", concat("json", common))));
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("\"action\": \"no_change\"");
    assertThat(again.out()).doesNotContain("\"create\"").doesNotContain("\"update\"");
  }

  @Test
  void aPlanWhoseImageIsNotInEcrGoesOnWithTheTagItWouldHaveWhileADeployStops(@TempDir Path dir)
      throws Exception {
    Path platform = platform(dir);
    String[] common = {
      ORIGIN,
      "--platform",
      platform.toString(),
      "--env",
      "dev",
      "--endpoint-url",
      Moto.endpoint().toString()
    };

    Cli.Run plan = Cli.run(concat("plan", common));

    // A pull request that bumps the version is planned before its image is built.
    assertThat(plan.exitCode()).as(plan.err()).isEqualTo(ExitCodes.OK);
    assertThat(plan.out())
        .contains("warning: recsys: the image ml-pipelines:recsys-")
        .contains("is not in ECR yet, so this plan uses the tag it would have")
        .contains("to create");

    Cli.Run deploy = Cli.run(concat("deploy", common));

    assertThat(deploy.exitCode()).as(deploy.err()).isEqualTo(ExitCodes.ERRORS);
    assertThat(deploy.err())
        .contains("error: [ESTEIRA-DEPLOY-IMAGE-MISSING] the image ml-pipelines:recsys-");
    assertThat(deploy.out().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            "deploy stopped before any change: the image check found an image missing from ECR"
                + " (see the errors above); build and push it with esteira image build --push, or"
                + " pass --image PROJECT=URI or --no-image-check; nothing was changed");
  }

  @Test
  void anEnvironmentThePlatformLacksIsRefusedBeforeAnyCall(@TempDir Path dir) throws Exception {
    Path platform = platform(dir);

    Cli.Run run =
        Cli.run(
            "deploy",
            ORIGIN,
            "--platform",
            platform.toString(),
            "--env",
            "prd",
            "--endpoint-url",
            Moto.endpoint().toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err())
        .contains(
            "[ESTEIRA-DEPLOY-PLATFORM-NO-ENVIRONMENT] the platform file has no"
                + " environments.prd section");
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
