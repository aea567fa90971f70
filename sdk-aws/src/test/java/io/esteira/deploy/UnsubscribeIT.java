package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanPrinter;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;

/**
 * An address taken off {@code notifications} is unsubscribed by the next deploy, against
 * moto_server; its own project, {@code mailing}, so its topics are its own.
 */
class UnsubscribeIT {

  private static final String TEAM = "ml-team@example.com";
  private static final String ONCALL = "oncall@example.com";
  private static final String FAILURE_TOPIC = "mailing-failure";

  private final AwsCalls calls = new AwsCalls();
  private final PendingAddress pending = new PendingAddress();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls, pending);
    account = MotoAccount.prepare(aws, "mailing-1.0.0");
    calls.reset();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void aRemovedAddressIsUnsubscribedOnceAndOtherSubscriptionsStay(@TempDir Path dir)
      throws Exception {
    assertThat(deploy(project(dir, TEAM, ONCALL), new RecordingListener()).ok()).isTrue();
    assertThat(emailSubscriptions()).containsExactly(TEAM, ONCALL);
    // Someone subscribed the on-call address another way; that subscription is not Esteira's.
    String topic = topicArn();
    aws.sns().subscribe(r -> r.topicArn(topic).protocol("email-json").endpoint(ONCALL));
    calls.reset();

    RecordingListener listener = new RecordingListener();
    Deployer.Result result = deploy(project(dir, TEAM), listener);

    assertThat(result.ok()).as(listener.failures.toString()).isTrue();
    assertThat(calls.mutatingCalls())
        .containsExactly("Ssm:PutParameter", "Sns:Unsubscribe", "Ssm:DeleteParameter");
    assertThat(emailSubscriptions()).containsExactly(TEAM);
    assertThat(subscriptions("email-json")).containsExactly(ONCALL);
    assertThat(listener.planned)
        .filteredOn(i -> i.name().equals(FAILURE_TOPIC))
        .first()
        .satisfies(
            item ->
                assertThat(PlanPrinter.text(item))
                    .containsExactly(
                        "mailing: update SNS topic mailing-failure",
                        "    e-mail subscriptions: " + TEAM + ", " + ONCALL + " -> " + TEAM));
    calls.reset();

    Deployer.Result again = deploy(project(dir, TEAM), new RecordingListener());

    assertThat(again.ok()).isTrue();
    assertThat(calls.mutatingCalls()).isEmpty();
  }

  @Test
  void aRemovedAddressStillPendingConfirmationIsNotedAndLeft(@TempDir Path dir) throws Exception {
    assertThat(deploy(project(dir, TEAM, ONCALL), new RecordingListener()).ok()).isTrue();
    // moto confirms e-mail subscriptions at once; AWS lists an unconfirmed one this way.
    pending.address = ONCALL;
    calls.reset();

    RecordingListener listener = new RecordingListener();
    Deployer.Result result = deploy(project(dir, TEAM), listener);

    assertThat(result.ok()).as(listener.failures.toString()).isTrue();
    assertThat(calls.mutatingCalls()).isEmpty();
    PlanItem topic =
        listener.planned.stream()
            .filter(i -> i.name().equals(FAILURE_TOPIC))
            .findFirst()
            .orElseThrow();
    assertThat(topic.action()).isEqualTo(PlanItem.Action.NO_CHANGE);
    assertThat(PlanPrinter.text(topic))
        .hasSize(2)
        .last()
        .asString()
        .startsWith("    note: " + ONCALL + " is no longer listed but stays subscribed")
        .contains("pending confirmation")
        .contains("the next deploy unsubscribes it");
  }

  private Deployer.Result deploy(Path project, RecordingListener listener) throws Exception {
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();
    return new Deployer(aws, account.platform(false), listener)
        .run(
            loaded.projects(),
            new Deployer.Options("prd", java.util.Map.of(), "c0ffee", true, 1),
            true);
  }

  /** The origin's project as {@code mailing}, its failures mailed to {@code onFailure}. */
  private static Path project(Path dir, String... onFailure) throws Exception {
    String config =
        Files.readString(Path.of("../examples/yaml-only/src/projects/recsys/config.yaml"));
    StringBuilder notifications =
        new StringBuilder("notifications:\n  on_success:\n    - \"" + TEAM + "\"\n");
    notifications.append("  on_failure:\n");
    for (String address : onFailure) {
      notifications.append("    - \"").append(address).append("\"\n");
    }
    String renamed = config.replace("project_name: recsys", "project_name: mailing");
    String changed = renamed.substring(0, renamed.indexOf("notifications:")) + notifications;
    Path project = dir.resolve("mailing");
    Files.createDirectories(project);
    Files.writeString(project.resolve("config.yaml"), changed);
    return project;
  }

  private String topicArn() {
    return "arn:aws:sns:" + Moto.REGION + ":" + Moto.ACCOUNT_ID + ":" + FAILURE_TOPIC;
  }

  private List<String> emailSubscriptions() {
    return subscriptions("email");
  }

  private List<String> subscriptions(String protocol) {
    return aws
        .sns()
        .listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn()))
        .subscriptions()
        .stream()
        .filter(s -> protocol.equals(s.protocol()))
        .map(s -> s.endpoint())
        .sorted()
        .toList();
  }

  /** Shows one address's e-mail subscription as AWS shows one awaiting confirmation. */
  private static final class PendingAddress implements ExecutionInterceptor {
    private volatile String address;

    @Override
    public SdkResponse modifyResponse(
        Context.ModifyResponse context, ExecutionAttributes attributes) {
      if (address == null
          || !(context.response() instanceof ListSubscriptionsByTopicResponse list)) {
        return context.response();
      }
      return list.toBuilder()
          .subscriptions(
              list.subscriptions().stream()
                  .map(
                      s ->
                          "email".equals(s.protocol()) && address.equals(s.endpoint())
                              ? s.toBuilder().subscriptionArn("PendingConfirmation").build()
                              : s)
                  .toList())
          .build();
    }
  }
}
