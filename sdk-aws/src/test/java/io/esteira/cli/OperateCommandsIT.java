package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The commands that operate a deployed pipeline, as a user runs them against moto_server: the
 * origin project deployed to dev, then started, looked at and destroyed. moto runs no task (its
 * executions stay RUNNING with a fixed history), so what an execution's history says of steps is
 * tested on recorded histories ({@code HistoryReaderTest}, {@code StepLogsIT}).
 */
class OperateCommandsIT {

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

  /** The origin project deployed to dev on a fresh moto account; returns the platform file. */
  static Path deployed(Path dir) throws Exception {
    Path platform = DeployCommandIT.platform(dir);
    Cli.Run deploy =
        Cli.run(
            "deploy",
            ORIGIN,
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            "--endpoint-url",
            Moto.endpoint().toString(),
            "--no-image-check",
            "--commit",
            "0123abc");
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    return platform;
  }

  static Cli.Run esteira(Path platform, String command, String... args) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(Arrays.asList(args));
    all.addAll(
        List.of(
            "--platform",
            platform.toString(),
            "--env",
            "dev",
            "--endpoint-url",
            Moto.endpoint().toString()));
    return Cli.run(all.toArray(String[]::new));
  }

  private static DescribeExecutionResponse describe(String arn) {
    try (AwsClients aws = Moto.clients()) {
      return aws.sfn().describeExecution(r -> r.executionArn(arn));
    }
  }

  @Test
  void startRunsTheDeployedStateMachineWithTheSchedulesInputOrTheOneGiven(@TempDir Path dir)
      throws Exception {
    Path platform = deployed(dir);

    Cli.Run plain = esteira(platform, "start", "recsys");

    assertThat(plain.exitCode()).as(plain.err()).isZero();
    String arn = plain.out().lines().findFirst().orElseThrow().replace("started ", "");
    assertThat(arn)
        .matches(
            "arn:aws:states:us-east-1:"
                + Moto.ACCOUNT_ID
                + ":execution:recsys-workflow:\\d{8}-\\d{6}-[0-9a-f]{4}");
    assertThat(plain.out())
        .contains(
            "  https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1"
                + "#/v2/executions/details/"
                + arn)
        .contains("follow it with: esteira status recsys --platform " + platform + " --env dev");
    assertThat(describe(arn).input()).isEqualTo("{\"environment\":\"dev\",\"project\":\"recsys\"}");

    Cli.Run given =
        esteira(
            platform,
            "start",
            "recsys",
            "--input",
            "{\"date\":\"2026-01-31\"}",
            "--name",
            "rerun-1");

    assertThat(given.exitCode()).as(given.err()).isZero();
    String named = given.out().lines().findFirst().orElseThrow().replace("started ", "");
    assertThat(named).endsWith(":execution:recsys-workflow:rerun-1");
    assertThat(describe(named).input()).isEqualTo("{\"date\":\"2026-01-31\"}");
  }

  @Test
  void startOfAProjectThatIsNotDeployedSaysSo(@TempDir Path dir) throws Exception {
    Path platform = deployed(dir);

    Cli.Run run = esteira(platform, "start", "churn");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err())
        .contains(
            "error: [ESTEIRA-OPS-NOT-DEPLOYED] project churn has no state machine churn-workflow"
                + " in environment dev (region us-east-1)");
  }
}
