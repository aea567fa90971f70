package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import io.esteira.operate.ConsoleLinks;
import java.nio.file.Files;
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

  @Test
  void statusListsRecentExecutionsAndShowsOneStepByStep(@TempDir Path dir) throws Exception {
    Path platform = deployed(dir);
    Cli.Run none = esteira(platform, "status", "recsys");
    assertThat(none.exitCode()).as(none.err()).isZero();
    assertThat(none.out())
        .isEqualTo(
            "recsys (dev), state machine recsys-workflow: no execution yet; start one with esteira"
                + " start recsys --env dev\n");

    String first = started(esteira(platform, "start", "recsys", "--name", "first"));
    String second = started(esteira(platform, "start", "recsys", "--name", "second"));

    Cli.Run list = esteira(platform, "status", "recsys");
    assertThat(list.exitCode()).as(list.err()).isZero();
    List<String> lines = list.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("recsys (dev), state machine recsys-workflow, newest first:");
    assertThat(lines.get(1)).matches("  EXECUTION +STATUS +STARTED +DURATION");
    assertThat(lines.get(2)).startsWith("  second ").contains(" RUNNING ").endsWith(" so far");
    assertThat(lines.get(3)).startsWith("  first ");
    assertThat(lines).hasSize(4);

    // Without a project: every project the environment's tags name.
    Cli.Run all = esteira(platform, "status", "--output", "json", "--limit", "1");
    assertThat(all.exitCode()).as(all.err()).isZero();
    JsonNode json = Json.mapper().readTree(all.out());
    assertThat(json.path("environment").asText()).isEqualTo("dev");
    assertThat(json.path("executions")).hasSize(1);
    assertThat(json.path("executions").get(0).path("project").asText()).isEqualTo("recsys");
    assertThat(json.path("executions").get(0).path("executionArn").asText()).isEqualTo(second);
    assertThat(json.path("executions").get(0).path("status").asText()).isEqualTo("RUNNING");

    // One execution, by name: moto runs no task, so its steps are all still pending.
    Cli.Run one = esteira(platform, "status", "recsys", "--execution", "first");
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(one.out())
        .startsWith("execution first of recsys-workflow (dev): RUNNING for ")
        .contains("  " + ConsoleLinks.execution(first))
        .contains("  extract_features  PENDING")
        .contains("  score_model       PENDING");

    // By ARN, without the project, as JSON.
    Cli.Run byArn = esteira(platform, "status", "--execution", first, "--output", "json");
    assertThat(byArn.exitCode()).as(byArn.err()).isZero();
    JsonNode detail = Json.mapper().readTree(byArn.out());
    assertThat(detail.path("executionArn").asText()).isEqualTo(first);
    assertThat(detail.path("steps"))
        .extracting(s -> s.path("id").asText())
        .containsExactly("extract_features", "score_model");
  }

  @Test
  void statusOfAnExecutionThatIsNotThereOrOfAnotherProjectSaysSo(@TempDir Path dir)
      throws Exception {
    Path platform = deployed(dir);
    String arn = started(esteira(platform, "start", "recsys"));

    Cli.Run missing = esteira(platform, "status", "recsys", "--execution", "nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(missing.err())
        .contains("[ESTEIRA-OPS-NO-EXECUTION] there is no execution")
        .contains(":execution:recsys-workflow:nope of project recsys")
        .contains("esteira status recsys --env dev");

    Cli.Run other = esteira(platform, "status", "churn", "--execution", arn);
    assertThat(other.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(other.err()).contains("[ESTEIRA-OPS-OTHER-PROJECT]");

    Cli.Run bad = esteira(platform, "status", "--execution", "not an id");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("[ESTEIRA-OPS-BAD-EXECUTION] 'not an id'");
  }

  @Test
  void logsOfTheNewestExecutionOrNoneYet(@TempDir Path dir) throws Exception {
    Path platform = deployed(dir);

    Cli.Run none = esteira(platform, "logs", "recsys");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(none.err())
        .contains(
            "[ESTEIRA-OPS-NO-EXECUTIONS] project recsys has no execution in dev yet; start one with"
                + " esteira start recsys --env dev");

    String arn = started(esteira(platform, "start", "recsys", "--name", "only"));
    // moto runs no task: the newest execution has no step log yet (StepLogsIT has them).
    Cli.Run logs = esteira(platform, "logs", "recsys");
    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out()).isEmpty();
    assertThat(logs.err()).isEqualTo("execution only: RUNNING (still running)\n");

    Cli.Run step = esteira(platform, "logs", "recsys", "--execution", arn, "--step", "train");
    assertThat(step.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(step.err()).contains("[ESTEIRA-OPS-NO-STEP] --step train is not a step");
  }

  @Test
  void redriveTakesAnExecutionArnAloneAndRefusesARunningExecution(@TempDir Path dir)
      throws Exception {
    Path platform = deployed(dir);
    String arn = started(esteira(platform, "start", "recsys"));

    Cli.Run running = Cli.run("redrive", arn, "--endpoint-url", Moto.endpoint().toString());
    assertThat(running.exitCode()).isEqualTo(ExitCodes.ERRORS);
    assertThat(running.err())
        .contains("[ESTEIRA-OPS-REDRIVE-NOT-REDRIVABLE] execution " + arn)
        .contains(
            "cannot be redriven: it is still running; start a new execution with esteira"
                + " start recsys --env dev");

    Cli.Run name = Cli.run("redrive", "20261126-030000-4c1d");
    assertThat(name.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(name.err()).contains("[ESTEIRA-OPS-REDRIVE-NEEDS-ARN] '20261126-030000-4c1d'");
  }

  @Test
  void reportWritesTheLocalRunnersPageForAnExecution(@TempDir Path dir) throws Exception {
    Path platform = deployed(dir);
    String arn = started(esteira(platform, "start", "recsys", "--name", "reported"));
    Path out = dir.resolve("report");

    Cli.Run report =
        Cli.run(
            "report", arn, "--out", out.toString(), "--endpoint-url", Moto.endpoint().toString());

    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out())
        .isEqualTo(
            "wrote "
                + out.resolve("report.html")
                + " (recsys dev, RUNNING: 2 steps, 0 attempts; 0 of 0 attempt logs found in"
                + " CloudWatch Logs)\n");
    assertThat(Files.readString(out.resolve("report.html"))).contains("reported");
    assertThat(Files.readString(out.resolve("run.json"))).contains("\"runId\": \"reported\"");

    Cli.Run bad = Cli.run("report", "reported", "--out", out.toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  /** The execution ARN a start printed. */
  static String started(Cli.Run start) {
    assertThat(start.exitCode()).as(start.err()).isZero();
    return start.out().lines().findFirst().orElseThrow().replace("started ", "");
  }
}
