package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.testing.Moto;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * {@code esteira report}'s work against moto_server: an execution whose history is played ({@link
 * PlayedHistory}: a failed step retried three times) and whose tasks' logs are in moto's CloudWatch
 * Logs, written as a run directory the local runner's report reads. Then, when a Chromium is there,
 * {@code scripts/check-report.sh} renders it as it renders a local run's.
 */
class CloudReportIT {

  private static final String GROUP = "/ecs/recsys";

  @Test
  void writesTheLocalRunnersReportRunJsonAndEachAttemptsLog(@TempDir Path out) throws Exception {
    Moto.reset();
    PlayedHistory played = new PlayedHistory("failed-sync-task-with-retries.json");
    String arn;
    try (AwsClients aws = Moto.clients(played)) {
      for (int i = 0; i < 3; i++) {
        aws.ecs()
            .registerTaskDefinition(
                r ->
                    r.family("recsys")
                        .containerDefinitions(container("esteira-inputs"), container("recsys")));
      }
      String definition =
          Files.readString(
              Path.of(
                  "../sdk-core/engine/src/test/resources/golden/seed/state-machine.dev.asl.json"));
      String machine =
          aws.sfn()
              .createStateMachine(
                  r ->
                      r.name("recsys-workflow")
                          .roleArn("arn:aws:iam::" + Moto.ACCOUNT_ID + ":role/states")
                          .definition(definition)
                          .tags(
                              t -> t.key("project").value("recsys"),
                              t -> t.key("environment").value("dev"),
                              t -> t.key("managed-by").value("esteira")))
              .stateMachineArn();
      arn =
          aws.sfn()
              .startExecution(r -> r.stateMachineArn(machine).name("20261126-030000-4c1d"))
              .executionArn();
      aws.logs().createLogGroup(r -> r.logGroupName(GROUP));
      write(aws, "dev/recsys/0d3f5c6e7a8b4c9d8e1f2a3b4c5d6e7f", "wrote features.csv");
      write(aws, "dev/esteira-inputs/a1b2c3d4e5f60718293a4b5c6d7e8f90", "fetched features.csv");
      write(aws, "dev/recsys/a1b2c3d4e5f60718293a4b5c6d7e8f90", "KeyError: 'price'");
    }

    CloudReport.Written written;
    try (OperateContext context =
        OperateContext.forExecution(arn, Moto.settings(played).withRegion(null))) {
      written = new CloudReport(context).write(arn, out);
    }

    assertThat(written.report()).isEqualTo(out.resolve("report.html"));
    // extract_features once, score_model four times; three of them ran no task or left no log.
    assertThat(written.logs()).isEqualTo(5);
    assertThat(written.missing()).isEqualTo(3);
    RunRecord record = RunJson.read(out.resolve("run.json"));
    assertThat(record).isEqualTo(written.record());
    assertThat(record.project()).isEqualTo("recsys");
    assertThat(record.environment()).isEqualTo("dev");
    assertThat(Files.readString(out.resolve("logs/extract_features.1.log")))
        .isEqualTo("wrote features.csv\n");
    assertThat(Files.readString(out.resolve("logs/score_model.2.log")))
        .isEqualTo("[esteira-inputs] fetched features.csv\nKeyError: 'price'\n");
    assertThat(Files.readString(out.resolve("logs/score_model.1.log")))
        .isEqualTo(
            "esteira: no log of this attempt in CloudWatch Logs: it ran no task\n"
                + "AmazonECS.Unknown: {\"Failures\":[{\"Arn\":\"arn:aws:ecs:us-east-1:123456789012"
                + ":container-instance/ml-cluster-recsys/8c2f1e0d9b7a4c3e\",\"Reason\":"
                + "\"RESOURCE:MEMORY\"}],\"Tasks\":[]}\n");
    assertThat(Files.readString(written.report()))
        .contains("<title>esteira run 20261126-030000-4c1d (recsys)</title>");

    checkedInChromium(out);
  }

  /**
   * scripts/check-report.sh on the directory, as on a local run's: one bar per attempt of run.json
   * in the DOM Chromium builds, and the bars' colours on its screenshot. Without a Chromium the
   * script exits 3, and the test says so rather than passing silently on that part.
   */
  private static void checkedInChromium(Path out) throws Exception {
    Process check =
        new ProcessBuilder(
                "bash",
                "../scripts/check-report.sh",
                out.toString(),
                out.resolve("check").toString())
            .redirectErrorStream(true)
            .start();
    String printed = new String(check.getInputStream().readAllBytes());
    int code = check.waitFor();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        code != 3, "no Chromium on this machine, report not rendered: " + printed);
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("check-report: ok: 5 bars for 5 attempts");
  }

  private static ContainerDefinition container(String name) {
    return ContainerDefinition.builder()
        .name(name)
        .image("busybox")
        .memory(128)
        .logConfiguration(
            l ->
                l.logDriver(LogDriver.AWSLOGS)
                    .options(Map.of("awslogs-group", GROUP, "awslogs-stream-prefix", "dev")))
        .build();
  }

  private static void write(AwsClients aws, String stream, String message) {
    aws.logs().createLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
    aws.logs()
        .putLogEvents(
            r ->
                r.logGroupName(GROUP)
                    .logStreamName(stream)
                    .logEvents(
                        List.of(
                            InputLogEvent.builder()
                                .timestamp(Instant.now().toEpochMilli())
                                .message(message)
                                .build())));
  }
}
