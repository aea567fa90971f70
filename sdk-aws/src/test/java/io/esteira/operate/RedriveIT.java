package io.esteira.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.testing.Moto;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * {@link Redrive} against moto_server, which knows neither an execution that ran ECS tasks ({@link
 * PlayedHistory} plays one) nor {@code RedriveExecution} (an interceptor answers it as AWS does,
 * with the redrive's date, and records that it was called).
 */
class RedriveIT {

  /** Answers RedriveExecution in place of moto, which does not implement it. */
  static final class RedriveAnswer implements ExecutionInterceptor {
    final List<String> redriven = new CopyOnWriteArrayList<>();

    private static boolean isRedrive(ExecutionAttributes attributes) {
      return "RedriveExecution"
          .equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (isRedrive(attributes)) {
        redriven.add(
            ((software.amazon.awssdk.services.sfn.model.RedriveExecutionRequest) context.request())
                .executionArn());
      }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      return isRedrive(attributes)
          ? context.httpResponse().toBuilder().statusCode(200).build()
          : context.httpResponse();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      return isRedrive(attributes)
          ? Optional.of(
              new ByteArrayInputStream(
                  "{\"redriveDate\": 1796094000.0}".getBytes(StandardCharsets.UTF_8)))
          : context.responseBody();
    }
  }

  private final RedriveAnswer answer = new RedriveAnswer();

  private OperateContext context(PlayedHistory played, String name) throws Exception {
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
    OperateContext context = OperateContext.open(platform, "dev", Moto.settings(played, answer));
    String definition =
        Files.readString(
            Path.of(
                "../sdk-core/engine/src/test/resources/golden/seed/state-machine.dev.asl.json"));
    context
        .aws()
        .sfn()
        .createStateMachine(
            r ->
                r.name("recsys-workflow")
                    .roleArn("arn:aws:iam::" + Moto.ACCOUNT_ID + ":role/esteira-recsys-states")
                    .definition(definition)
                    .tags(
                        t -> t.key("project").value("recsys"),
                        t -> t.key("environment").value("dev")));
    String machine = context.stateMachineArn("recsys");
    context.aws().sfn().startExecution(r -> r.stateMachineArn(machine).name(name));
    return context;
  }

  @Test
  void anExecutionThatTimedOutWhileAStepRanIsRedrivenFromThatStep() throws Exception {
    PlayedHistory played = new PlayedHistory("timed-out-while-a-step-runs.json");
    try (OperateContext context = context(played, "20261127-030000-9e2a")) {
      String arn = context.executionArn("recsys", "20261127-030000-9e2a");

      Redrive.Redriven done = new Redrive(context).redrive(arn, false);

      assertThat(answer.redriven).containsExactly(arn);
      assertThat(done.resumesAt()).contains("extract_features");
      assertThat(done.redrivenAt()).isEqualTo(Instant.ofEpochSecond(1796094000L));
      assertThat(done.consoleLink()).isEqualTo(ConsoleLinks.execution(arn));
    }
  }

  @Test
  void aCaughtStepFailureIsRefusedWithoutCallingRedrive() throws Exception {
    PlayedHistory played = new PlayedHistory("failed-sync-task-with-retries.json");
    try (OperateContext context = context(played, "20261126-030000-4c1d")) {
      String arn = context.executionArn("recsys", "20261126-030000-4c1d");

      assertThatThrownBy(() -> new Redrive(context).redrive(arn, false))
          .isInstanceOfSatisfying(
              OperateException.class,
              e ->
                  assertThat(e.diagnostics().get(0).render())
                      .contains("[ESTEIRA-OPS-REDRIVE-CAUGHT]")
                      .contains("esteira start recsys --env dev"));
      assertThat(answer.redriven).isEmpty();

      new Redrive(context).redrive(arn, true);
      assertThat(answer.redriven).containsExactly(arn);
    }
  }
}
