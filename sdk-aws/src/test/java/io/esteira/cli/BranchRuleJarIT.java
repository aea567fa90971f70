package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.testing.Moto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The origin's branch rule as GitHub Actions meets it: the shaded jar in its own JVM with the
 * variables Actions sets ({@code GITHUB_ACTIONS}, {@code GITHUB_REF_NAME}), which an in-process
 * test cannot set.
 */
class BranchRuleJarIT {

  private static final Path JAR = Path.of("target", "esteira.jar");
  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";

  @TempDir Path tmp;

  record Result(int exitCode, String output) {}

  private Result plan(String branch, String... extra) throws Exception {
    Path platform = tmp.resolve("platform.yaml");
    String vpc;
    String subnet;
    // plan checks that the VPC and subnet exist: make them in moto.
    try (io.esteira.deploy.aws.AwsClients aws =
        Moto.clients(new io.esteira.deploy.testing.AwsCalls())) {
      vpc = aws.ec2().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
      subnet =
          aws.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.9.1.0/24")).subnet().subnetId();
    }
    Files.writeString(
        platform,
        "region: us-east-1\n"
            + "network: {vpc_id: "
            + vpc
            + ", subnets: ["
            + subnet
            + "]}\n"
            + "ecr: {repository: ml-pipelines}\n"
            + "environments:\n"
            + "  prd: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
            + " 'http://s3:9000'}}\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", JAR.toString(), "plan", ORIGIN));
    command.addAll(List.of("--platform", platform.toString(), "--env", "prd"));
    command.addAll(List.of("--endpoint-url", Moto.endpoint().toString(), "--no-image-check"));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_REF_NAME", branch);
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("esteira finished").isTrue();
    return new Result(process.exitValue(), output);
  }

  @Test
  void prdFromAnotherBranchIsRefusedBeforeAnyAwsCall() throws Exception {
    Result result = plan("dev");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("[ESTEIRA-DEPLOY-BRANCH] environment prd deploys only from branch master")
        .contains("GITHUB_REF_NAME is 'dev'")
        .contains("--allow-any-branch")
        .doesNotContain("create ")
        .doesNotContain("\tat ");
  }

  @Test
  void prdFromMasterPlans() throws Exception {
    Result result = plan("master");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("recsys: ")
        .doesNotContain("ESTEIRA-DEPLOY-BRANCH")
        .doesNotContain("SLF4J");
  }

  @Test
  void theOverrideGoesOnAndSaysSo() throws Exception {
    Result result = plan("hotfix/disk-full", "--allow-any-branch");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains(
            "warning: --allow-any-branch: deploying prd from branch 'hotfix/disk-full', not"
                + " master")
        .contains("recsys: ");
  }
}
