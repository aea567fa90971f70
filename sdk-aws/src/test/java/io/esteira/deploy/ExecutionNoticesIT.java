package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.PlanItem.Action;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.deploy.project.ProjectLoader;
import io.esteira.deploy.resources.events.ExecutionNotices;
import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The execution-level notice against moto_server: the EventBridge rule on the default bus, its
 * target on the failure topic, and the topic's policy, read back; a redeploy that changes nothing;
 * a rule or policy changed by hand put back with one call, leaving what others added.
 *
 * <p>Which events the pattern matches and what the transformer writes is checked with moto's own
 * EventBridge: a copy of the rule (same pattern, same transformer) on a bus of the test's own,
 * targeting a log group, since moto delivers to log groups but not to SNS topics. The events are
 * shaped as Step Functions sends them (Amazon EventBridge events reference, "AWS Step Functions
 * events").
 */
class ExecutionNoticesIT {

  private static final Path ROOT = Path.of("..");
  private static final String RULE = "esteira-recsys-failed";

  private final AwsCalls calls = new AwsCalls();
  private AwsClients aws;
  private MotoAccount account;

  @BeforeEach
  void account() {
    aws = Moto.clients(calls);
    account = MotoAccount.prepare(aws, "recsys-1.0.0");
    calls.reset();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  private Deployer.Result deploy(List<DeployableProject> projects) throws Exception {
    return deploy(projects, Map.of());
  }

  private Deployer.Result deploy(List<DeployableProject> projects, Map<String, String> images)
      throws Exception {
    RecordingListener listener = new RecordingListener();
    Deployer.Result result =
        new Deployer(aws, account.platform(false), listener)
            .run(projects, new Deployer.Options("prd", images, "abc1234", true, 1), true);
    assertThat(listener.failures).isEmpty();
    assertThat(result.ok()).as(result.problems().toString()).isTrue();
    return result;
  }

  private static String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + Moto.REGION + ":" + Moto.ACCOUNT_ID + ":" + resource;
  }

  @Test
  void theFailureTopicIsToldOfExecutionsTheStateMachineCouldNotReport() throws Exception {
    deploy(MotoAccount.origin(ROOT, "prd"));
    String machine = arn("states", "stateMachine:recsys-workflow");
    String topic = arn("sns", "recsys-failure");
    String rule = arn("events", "rule/" + RULE);

    DescribeRuleResponse described = aws.events().describeRule(r -> r.name(RULE));
    assertThat(described.arn()).isEqualTo(rule);
    assertThat(described.stateAsString()).isEqualTo("ENABLED");
    assertThat(described.eventBusName()).isEqualTo("default");
    JsonNode pattern = Json.mapper().readTree(described.eventPattern());
    assertThat(pattern).isEqualTo(ExecutionNotices.failurePattern(machine));
    assertThat(pattern.at("/detail/stateMachineArn/0").asText()).isEqualTo(machine);
    assertThat(aws.events().listTagsForResource(r -> r.resourceARN(rule)).tags())
        .extracting(t -> t.key() + "=" + t.value())
        .contains("managed-by=esteira", "project=recsys", "environment=prd");
    Target target =
        aws.events().listTargetsByRule(r -> r.rule(RULE)).targets().stream()
            .filter(t -> t.id().equals("esteira-failure-topic"))
            .findFirst()
            .orElseThrow();
    assertThat(target.arn()).isEqualTo(topic);
    assertThat(target.inputTransformer().inputPathsMap())
        .containsEntry("execution", "$.detail.executionArn")
        .containsEntry("name", "$.detail.name")
        .containsEntry("status", "$.detail.status");

    // Only this rule may publish through the topic's policy; SNS's own statement stays.
    JsonNode policy =
        Json.mapper()
            .readTree(
                aws.sns().getTopicAttributes(r -> r.topicArn(topic)).attributes().get("Policy"));
    JsonNode ours = null;
    for (JsonNode statement : policy.path("Statement")) {
      if (statement.path("Sid").asText().equals("EsteiraExecutionNotices")) {
        ours = statement;
      }
    }
    assertThat(policy.path("Statement")).hasSizeGreaterThan(1);
    assertThat(ours).isNotNull();
    assertThat(ours.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(ours.path("Action").asText()).isEqualTo("sns:Publish");
    assertThat(ours.path("Resource").asText()).isEqualTo(topic);
    assertThat(ours.at("/Condition/ArnEquals/aws:SourceArn").asText()).isEqualTo(rule);
    // The success topic has no rule: nothing but the state machine publishes to it.
    assertThat(
            aws.sns()
                .getTopicAttributes(r -> r.topicArn(arn("sns", "recsys-success")))
                .attributes()
                .get("Policy"))
        .doesNotContain("EsteiraExecutionNotices");

    // Redeploy: nothing to change.
    calls.reset();
    Deployer.Result again = deploy(MotoAccount.origin(ROOT, "prd"));
    assertThat(calls.mutatingCalls()).isEmpty();
    assertThat(again.items())
        .filteredOn(i -> i.kind().equals("EventBridge rule"))
        .singleElement()
        .extracting(PlanItem::action)
        .isEqualTo(Action.NO_CHANGE);

    // What the rule matches, and the message, through moto's EventBridge.
    List<String> told = tell(described, target, machine);
    String execution = arn("states", "execution:recsys-workflow:");
    assertThat(told)
        .containsExactlyInAnyOrder(
            message("ran-too-long", "TIMED_OUT", execution),
            message("aborted", "ABORTED", execution),
            message("uncaught", "FAILED", execution),
            message("notice-lost", "FAILED", execution),
            message("causeless", "FAILED", execution));
  }

  private static String message(String name, String status, String executionPrefix) {
    return "Esteira pipeline recsys in environment prd: execution "
        + name
        + " ended "
        + status
        + ", which the state machine could not report itself; the console shows the step it"
        + " stopped at and why. Console: https://"
        + Moto.REGION
        + ".console.aws.amazon.com/states/home?region="
        + Moto.REGION
        + "#/v2/executions/details/"
        + executionPrefix
        + name;
  }

  /**
   * Sends Step Functions' status events of every kind through a copy of the rule on a bus of the
   * test's own and returns the messages its transformer wrote, in a log group. (moto's log group
   * target fails on a message holding the word "time", which it takes for an event's field, so the
   * execution names here avoid it.)
   */
  private List<String> tell(DescribeRuleResponse rule, Target target, String machine)
      throws Exception {
    String bus = "esteira-test";
    String group = "/esteira-test/notices";
    aws.events().createEventBus(r -> r.name(bus));
    aws.logs().createLogGroup(r -> r.logGroupName(group));
    aws.events().putRule(r -> r.name("copy").eventBusName(bus).eventPattern(rule.eventPattern()));
    aws.events()
        .putTargets(
            r ->
                r.rule("copy")
                    .eventBusName(bus)
                    .targets(
                        Target.builder()
                            .id("log")
                            .arn(arn("logs", "log-group:" + group))
                            .inputTransformer(target.inputTransformer())
                            .build()));
    String other = arn("states", "stateMachine:churn-workflow");
    List<PutEventsRequestEntry> entries = new ArrayList<>();
    entries.add(event(bus, machine, "ran-too-long", "TIMED_OUT", null));
    entries.add(event(bus, machine, "aborted", "ABORTED", null));
    // An error no catcher takes.
    entries.add(
        event(
            bus,
            machine,
            "uncaught",
            "FAILED",
            "An error occurred while executing the state 'Step failed' (entered at the event id"
                + " #12). The JsonPath argument for the field '$.Error' could not be found"));
    entries.add(
        event(
            bus,
            machine,
            "notice-lost",
            "FAILED",
            "The failure notice could not be sent (SNS.AuthorizationErrorException). Step"
                + " score_model failed: {}"));
    entries.add(event(bus, machine, "causeless", "FAILED", null));
    // Reported by the state machine itself: its failure notice was sent.
    entries.add(
        event(
            bus,
            machine,
            "step-failed",
            "FAILED",
            "Step score_model failed: {\"Error\":\"States.TaskFailed\",\"Cause\":\"{}\"}"));
    entries.add(event(bus, machine, "succeeded", "SUCCEEDED", null));
    entries.add(event(bus, machine, "running", "RUNNING", null));
    entries.add(event(bus, other, "other-machine", "TIMED_OUT", null));
    assertThat(aws.events().putEvents(r -> r.entries(entries)).failedEntryCount()).isZero();

    // moto writes these log events with timestamps in floating point, which the SDK refuses to
    // read, so they are read with a plain FilterLogEvents request.
    HttpRequest request =
        HttpRequest.newBuilder(Moto.endpoint())
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "Logs_20140328.FilterLogEvents")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/"
                    + Moto.REGION
                    + "/logs/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString("{\"logGroupName\":\"" + group + "\"}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> messages = new ArrayList<>();
    for (JsonNode e : Json.mapper().readTree(response.body()).path("events")) {
      messages.add(Json.mapper().readTree(e.path("message").asText()).asText());
    }
    return messages;
  }

  private static PutEventsRequestEntry event(
      String bus, String machine, String name, String status, String cause) {
    String execution = machine.replace(":stateMachine:", ":execution:") + ":" + name;
    ObjectNode detail = Json.object();
    detail.put("executionArn", execution);
    detail.put("stateMachineArn", machine);
    detail.put("name", name);
    detail.put("status", status);
    detail.put("startDate", 1_767_000_000_000L);
    detail.put("input", "{}");
    if (cause != null) {
      detail.put("error", "States.TaskFailed");
      detail.put("cause", cause);
    }
    return PutEventsRequestEntry.builder()
        .eventBusName(bus)
        .source("aws.states")
        .detailType("Step Functions Execution Status Change")
        .resources(execution)
        .detail(Json.writeCompact(detail).strip())
        .build();
  }

  @Test
  void aRuleOrPolicyChangedByHandIsPutBackLeavingWhatOthersAdded(@TempDir Path dir)
      throws Exception {
    deploy(MotoAccount.origin(ROOT, "prd"));
    String topic = arn("sns", "recsys-failure");
    aws.events()
        .putRule(
            r ->
                r.name(RULE)
                    .eventPattern("{\"source\":[\"aws.states\"]}")
                    .description("edited by hand"));
    aws.events()
        .putTargets(
            r ->
                r.rule(RULE)
                    .targets(
                        Target.builder().id("team-chat").arn(arn("sns", "team-chat")).build()));
    String policy = aws.sns().getTopicAttributes(r -> r.topicArn(topic)).attributes().get("Policy");
    JsonNode edited = Json.mapper().readTree(policy);
    ((com.fasterxml.jackson.databind.node.ArrayNode) edited.path("Statement"))
        .removeIf(s -> s.path("Sid").asText().equals("EsteiraExecutionNotices"));
    aws.sns()
        .setTopicAttributes(
            r ->
                r.topicArn(topic)
                    .attributeName("Policy")
                    .attributeValue(Json.writeCompact(edited).strip()));
    calls.reset();

    deploy(MotoAccount.origin(ROOT, "prd"));

    assertThat(calls.mutatingCalls())
        .containsExactly(
            "Ssm:PutParameter",
            "Sns:SetTopicAttributes",
            "EventBridge:PutRule",
            "Ssm:DeleteParameter");
    assertThat(Json.mapper().readTree(aws.events().describeRule(r -> r.name(RULE)).eventPattern()))
        .isEqualTo(ExecutionNotices.failurePattern(arn("states", "stateMachine:recsys-workflow")));
    assertThat(aws.events().listTargetsByRule(r -> r.rule(RULE)).targets())
        .extracting(Target::id)
        .containsExactlyInAnyOrder("esteira-failure-topic", "team-chat");
    assertThat(aws.sns().getTopicAttributes(r -> r.topicArn(topic)).attributes().get("Policy"))
        .contains("EsteiraExecutionNotices")
        .contains("__default_statement_ID");
  }

  @Test
  void noOneToTellMeansNoRule(@TempDir Path dir) throws Exception {
    Path project = dir.resolve("quiet");
    Files.createDirectories(project);
    String config =
        Files.readString(ROOT.resolve("examples/yaml-only/src/projects/recsys/config.yaml"));
    Files.writeString(
        project.resolve("config.yaml"),
        config.substring(0, config.indexOf("notifications:")).replace("recsys", "quiet"));
    ProjectLoader.Loaded loaded = ProjectLoader.load(List.of(project), "prd", Path::toString);
    assertThat(loaded.hasErrors()).as(loaded.diagnostics().toString()).isFalse();

    Deployer.Result result =
        deploy(
            loaded.projects(),
            MotoAccount.imageForEach(
                loaded.projects(),
                Moto.ACCOUNT_ID + ".dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:quiet-1.0.0"));

    assertThat(result.items()).noneMatch(i -> i.kind().equals("EventBridge rule"));
    assertThatThrownBy(() -> aws.events().describeRule(r -> r.name("esteira-quiet-failed")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
