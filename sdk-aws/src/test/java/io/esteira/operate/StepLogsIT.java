package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * {@link StepLogs} against moto's CloudWatch Logs and ECS: the streams an execution's tasks wrote
 * are found from its history and the task definition revision each attempt ran, and printed with
 * their step. moto runs no task, so the test writes the log events itself into the streams the
 * awslogs driver would have written, and {@link PlayedHistory} plays the execution's history (a
 * fixture of a failed {@code .sync} step with retries; see its {@code _about}).
 */
class StepLogsIT {

  private static final String FIXTURE = "failed-sync-task-with-retries.json";
  private static final String GROUP = "/ecs/recsys";
  private static final String EXTRACT = "0d3f5c6e7a8b4c9d8e1f2a3b4c5d6e7f";
  private static final String SCORE_2 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  private static final String SCORE_3 = "b2c3d4e5f60718293a4b5c6d7e8f90a1";
  private static final String SCORE_4 = "c3d4e5f60718293a4b5c6d7e8f90a1b2";

  private final PlayedHistory played = new PlayedHistory(FIXTURE);
  private OperateContext context;
  private AwsClients aws;

  @BeforeEach
  void account() throws Exception {
    Moto.reset();
    var platform =
        PlatformReader.parse(
                "region: us-east-1\n"
                    + "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}\n"
                    + "ecr: {repository: ml-pipelines}\n"
                    + "environments:\n"
                    + "  dev: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
                    + " 'http://s3:9000'}}\n",
                "platform.yaml")
            .platform()
            .orElseThrow();
    context = OperateContext.open(platform, "dev", Moto.settings(played));
    aws = context.aws();
    // Three revisions, so the one the fixture names (recsys:3) is there, each container logging to
    // the project's group with the environment as prefix, as the generated task definition does.
    for (int i = 0; i < 3; i++) {
      aws.ecs()
          .registerTaskDefinition(
              r ->
                  r.family("recsys")
                      .containerDefinitions(
                          container("esteira-inputs"),
                          container("recsys"),
                          container("esteira-outputs")));
    }
    String definition =
        Files.readString(
            Path.of(
                "../sdk-core/engine/src/test/resources/golden/seed/state-machine.dev.asl.json"));
    aws.sfn()
        .createStateMachine(
            r ->
                r.name("recsys-workflow")
                    .roleArn("arn:aws:iam::" + Moto.ACCOUNT_ID + ":role/esteira-recsys-states")
                    .definition(definition));
    String machine = context.stateMachineArn("recsys");
    aws.sfn().startExecution(r -> r.stateMachineArn(machine).name("20261126-030000-4c1d"));
    aws.logs().createLogGroup(r -> r.logGroupName(GROUP));
    write("dev/esteira-inputs/" + EXTRACT, "no inputs to fetch");
    write("dev/recsys/" + EXTRACT, "reading vehicles", "wrote features.csv (10482 bytes)");
    write("dev/esteira-outputs/" + EXTRACT, "stored extract_features/features.csv");
    write("dev/esteira-inputs/" + SCORE_2, "fetched extract_features/features.csv");
    write("dev/recsys/" + SCORE_2, "Traceback (most recent call last):", "KeyError: 'price'");
    // Attempt 3's step container wrote nothing that is still there: no stream.
    write("dev/esteira-inputs/" + SCORE_3, "fetched extract_features/features.csv");
    write("dev/recsys/" + SCORE_4, "loading model", "Killed");
  }

  @AfterEach
  void close() {
    context.close();
  }

  private static ContainerDefinition container(String name) {
    return ContainerDefinition.builder()
        .name(name)
        .image("busybox")
        .memory(128)
        .logConfiguration(
            l ->
                l.logDriver(LogDriver.AWSLOGS)
                    .options(
                        java.util.Map.of(
                            "awslogs-group", GROUP,
                            "awslogs-region", "us-east-1",
                            "awslogs-stream-prefix", "dev")))
        .build();
  }

  private void write(String stream, String... messages) {
    try {
      aws.logs().createLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
    } catch (
        software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
      // Writing more to a stream already there.
    }
    long now = Instant.now().toEpochMilli();
    List<software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent> events =
        new ArrayList<>();
    for (int i = 0; i < messages.length; i++) {
      long at = now + i;
      String message = messages[i];
      events.add(
          software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent.builder()
              .timestamp(at)
              .message(message)
              .build());
    }
    aws.logs().putLogEvents(r -> r.logGroupName(GROUP).logStreamName(stream).logEvents(events));
  }

  /** What the command line prints: the lines on standard output, the notes on the error stream. */
  private static final class Printed implements StepLogs.Sink {
    final List<String> lines = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    @Override
    public void line(StepLogs.Line line, int width) {
      lines.add(line.render(width));
    }

    @Override
    public void note(String text) {
      notes.add(text);
    }
  }

  private ExecutionRun print(
      Optional<String> step, boolean follow, StepLogs.Pause pause, Printed printed)
      throws Exception {
    String arn = context.executionArn("recsys", "20261126-030000-4c1d");
    return new StepLogs(context, GROUP)
        .print(
            new Executions(context),
            arn,
            Optional.of("recsys"),
            step,
            follow,
            Duration.ofMillis(1),
            pause,
            printed);
  }

  @Test
  void everyStepsLinesComeWithTheStepTheAttemptAndTheContainerInThePipelinesOrder()
      throws Exception {
    Printed printed = new Printed();

    ExecutionRun run = print(Optional.empty(), false, d -> {}, printed);

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(printed.lines)
        .containsExactly(
            "extract_features esteira-inputs  | no inputs to fetch",
            "extract_features                 | reading vehicles",
            "extract_features                 | wrote features.csv (10482 bytes)",
            "extract_features esteira-outputs | stored extract_features/features.csv",
            "score_model#2 esteira-inputs     | fetched extract_features/features.csv",
            "score_model#2                    | Traceback (most recent call last):",
            "score_model#2                    | KeyError: 'price'",
            "score_model#3 esteira-inputs     | fetched extract_features/features.csv",
            "score_model#4                    | loading model",
            "score_model#4                    | Killed");
    assertThat(printed.notes)
        .contains(
            "no log stream dev/recsys/"
                + SCORE_3
                + " in /ecs/recsys for score_model#3: the container never started, or its logs"
                + " are past the group's retention");
  }

  @Test
  void oneStepsLinesOnlyAndAStepThePipelineLacksIsRefused() throws Exception {
    Printed printed = new Printed();

    print(Optional.of("extract_features"), false, d -> {}, printed);

    assertThat(printed.lines)
        .hasSize(4)
        .allSatisfy(l -> assertThat(l).startsWith("extract_features"));
    assertThatThrownBy(() -> print(Optional.of("train"), false, d -> {}, new Printed()))
        .isInstanceOfSatisfying(
            OperateException.class,
            e ->
                assertThat(e.diagnostics().get(0).render())
                    .contains(
                        "[ESTEIRA-OPS-NO-STEP] --step train is not a step of this pipeline (its"
                            + " steps: extract_features, score_model)"));
  }

  @Test
  void followPrintsNewLinesAsTheyComeUntilTheExecutionEnds() throws Exception {
    // The execution as it stood while score_model's second attempt ran: each line printed once,
    // the new ones on the next look, the attempts started since on the look after.
    played.upTo(16);
    Printed printed = new Printed();
    List<Integer> seenAtEachPause = new ArrayList<>();

    ExecutionRun run =
        print(
            Optional.of("score_model"),
            true,
            pause -> {
              seenAtEachPause.add(printed.lines.size());
              if (seenAtEachPause.size() == 1) {
                write("dev/recsys/" + SCORE_2, "exiting with 1");
              } else {
                played.all();
              }
            },
            printed);

    assertThat(run.status()).isEqualTo("FAILED");
    assertThat(seenAtEachPause).containsExactly(3, 4);
    assertThat(printed.lines)
        .containsExactly(
            "score_model#2 esteira-inputs  | fetched extract_features/features.csv",
            "score_model#2                 | Traceback (most recent call last):",
            "score_model#2                 | KeyError: 'price'",
            "score_model#2                 | exiting with 1",
            "score_model#3 esteira-inputs  | fetched extract_features/features.csv",
            "score_model#4                 | loading model",
            "score_model#4                 | Killed");
  }
}
