package io.esteira.deploy.resources.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.asl.AslGenerator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the execution-level notice matches and says: the EventBridge rule that tells the failure
 * topic of every execution of the project's state machine that ended badly in a way the state
 * machine could not report itself.
 *
 * <p>Step Functions runs no catcher when an execution passes its own {@code TimeoutSeconds} or is
 * stopped, nor for an error no catcher takes ({@code States.Runtime}); and a failure notice may
 * fail to be sent. Step Functions sends every change of an execution's status to the account's
 * default event bus as a {@code Step Functions Execution Status Change} event (Amazon EventBridge
 * events reference, "AWS Step Functions events"; delivered on a best-effort basis), whose {@code
 * detail} has the execution's {@code executionArn}, {@code stateMachineArn}, {@code name}, {@code
 * status} and, for a failure, its {@code error} and {@code cause}.
 *
 * <p>The rule matches this state machine's executions that are {@code TIMED_OUT} or {@code
 * ABORTED}, and those {@code FAILED} whose cause does not begin with {@link
 * AslGenerator#STEP_FAILURE_CAUSE_PREFIX}: the state machine builds that cause only on the path
 * that also sends the failure notice, so matching them too would tell of each failed step twice. A
 * failed execution with no cause at all is matched ({@code "exists": false}). A succeeded execution
 * always passed the success notice, so no rule repeats it.
 *
 * <p>The message is made by an input transformer, which can place values of the event but not read
 * into them: the cause (for a task, ECS's description of it as JSON) cannot be picked apart, so the
 * message names the project, the environment, the execution and its status, and links to the
 * execution in the Step Functions console, where the failed step, its cause and its task's logs
 * are.
 */
public final class ExecutionNotices {

  /** The {@code detail-type} of Step Functions' execution status events. */
  static final String DETAIL_TYPE = "Step Functions Execution Status Change";

  /** The id of the rule's target that Esteira manages; targets with other ids are left alone. */
  static final String TARGET_ID = "esteira-failure-topic";

  private ExecutionNotices() {}

  /** The event pattern of the failure rule for {@code stateMachineArn}. */
  public static ObjectNode failurePattern(String stateMachineArn) {
    ObjectNode pattern = Json.object();
    pattern.putArray("source").add("aws.states");
    pattern.putArray("detail-type").add(DETAIL_TYPE);
    ObjectNode detail = pattern.putObject("detail");
    detail.putArray("stateMachineArn").add(stateMachineArn);
    ArrayNode or = detail.putArray("$or");
    ObjectNode uncaught = or.addObject();
    uncaught.putArray("status").add("TIMED_OUT").add("ABORTED");
    ObjectNode unreported = or.addObject();
    unreported.putArray("status").add("FAILED");
    unreported
        .putArray("cause")
        .addObject()
        .putObject("anything-but")
        .put("prefix", AslGenerator.STEP_FAILURE_CAUSE_PREFIX);
    ObjectNode causeless = or.addObject();
    causeless.putArray("status").add("FAILED");
    causeless.putArray("cause").addObject().put("exists", false);
    return pattern;
  }

  /** The transformer's variables: JSON paths into the event. */
  public static Map<String, String> inputPaths() {
    Map<String, String> paths = new TreeMap<>();
    paths.put("execution", "$.detail.executionArn");
    paths.put("name", "$.detail.name");
    paths.put("status", "$.detail.status");
    return paths;
  }

  /**
   * The transformer's template: a JSON string, which SNS sends as the message's text. Project and
   * environment names have only letters, digits and hyphens, so they need no escaping in it.
   */
  public static String failureTemplate(
      String project, String environment, String partition, String region) {
    String text =
        "Esteira pipeline "
            + project
            + " in environment "
            + environment
            + ": execution <name> ended <status>, which the state machine could not report"
            + " itself; the console shows the step it stopped at and why. Console: "
            + consoleLink(partition, region, "<execution>");
    return "\"" + text + "\"";
  }

  /**
   * The execution's page in the Step Functions console of its partition, such as {@code
   * https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/<arn>}.
   */
  public static String consoleLink(String partition, String region, String executionArn) {
    String host =
        switch (partition) {
          case "aws-cn" -> region + ".console.amazonaws.cn";
          case "aws-us-gov" -> "console.amazonaws-us-gov.com";
          default -> region + ".console.aws.amazon.com";
        };
    return "https://"
        + host
        + "/states/home?region="
        + region
        + "#/v2/executions/details/"
        + executionArn;
  }
}
