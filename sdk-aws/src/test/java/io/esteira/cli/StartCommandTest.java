package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code esteira start} refuses before any AWS call. The endpoint is a closed port: a call
 * would fail with exit code 1 and "cannot reach AWS", so exit code 2 with the message shows that
 * none was made.
 */
class StartCommandTest {

  static Path platform(Path dir) throws Exception {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(
        file,
        "region: us-east-1\n"
            + "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}\n"
            + "ecr: {repository: ml-pipelines}\n"
            + "environments:\n"
            + "  dev: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
            + " 'http://s3:9000'}}\n");
    return file;
  }

  private static Cli.Run start(Path dir, String... more) throws Exception {
    String[] common = {
      "start",
      "--platform",
      platform(dir).toString(),
      "--endpoint-url",
      "http://127.0.0.1:1",
      "--region",
      "us-east-1"
    };
    String[] all = new String[common.length + more.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return Cli.run(all);
  }

  @Test
  void inputThatIsNotJsonIsRefusedBeforeAnyCall(@TempDir Path dir) throws Exception {
    Cli.Run run = start(dir, "recsys", "--env", "dev", "--input", "{date: 2026}");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("error: [ESTEIRA-OPS-BAD-INPUT] --input is not JSON");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aNameThatCannotBeAProjectIsRefused(@TempDir Path dir) throws Exception {
    Cli.Run run = start(dir, "../recsys", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("[ESTEIRA-OPS-BAD-PROJECT-NAME] '../recsys' is not a project");
  }

  @Test
  void anEnvironmentThePlatformLacksIsRefusedWithTheOnesItHas(@TempDir Path dir) throws Exception {
    Cli.Run run = start(dir, "recsys", "--env", "prd");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("[ESTEIRA-DEPLOY-PLATFORM-NO-ENVIRONMENT]")
        .contains("or deploy one of: dev");
  }

  @Test
  void anUnreachableAwsIsOneLineNotAStackTrace(@TempDir Path dir) throws Exception {
    Cli.Run run = start(dir, "recsys", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err()).contains("[ESTEIRA-DEPLOY-AWS-UNREACHABLE] cannot reach AWS");
    assertThat(run.err()).doesNotContain("\tat ");
  }
}
