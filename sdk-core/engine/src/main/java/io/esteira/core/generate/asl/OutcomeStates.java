package io.esteira.core.generate.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;

/**
 * Builds the states that end an execution and the ones that carry a step's failure to them.
 *
 * <p>How a failure travels: every step's Task catches every error ({@code States.ALL}, after its
 * retriers gave up). At the top level the catcher assigns the step id to a variable ({@link
 * #failedStepVariable}) and goes to the one {@code "Step failed"} Pass state, which replaces the
 * payload with {@code {"Error": <the error name>, "Cause": "Step <step> failed: <the error as
 * JSON>"}} (from the whole error object, because an error need not carry a {@code Cause}).
 *
 * <p>A Catch inside a parallel branch cannot leave the branch, so each branch has one Fail state,
 * and it is kept as small as Step Functions allows, since a wide fan-out pays for it once per
 * branch: it fails the branch with the failed step's id as the error name and the step's error
 * object as JSON as the cause. A branch with one step names the step in its Fail state and its
 * catcher assigns nothing; in a branch with more, the catchers assign the step id to the branch's
 * variable, which the Fail state reads. A failed branch fails its parallel state with that error; a
 * nested parallel state has no Catch and passes it up unchanged, and the top-level parallel state's
 * Catch sends it to the failure path every branch shares: {@code "Branch failed"} builds the same
 * cause as {@code "Step failed"} from it and reads the step's error object back out of it, and
 * {@code "Branch step failed"} puts the step's own error name back. Only a branch's Fail state
 * raises an error that reaches that Catch: {@code States.ALL} matches neither {@code
 * States.Runtime} nor {@code States.DataLimitExceeded}, which end the execution wherever they
 * happen.
 *
 * <p>At the top level every failure then goes to {@code "Notify failure"} (an SNS publish of a
 * message naming the pipeline, the step, the error and the cause) and then to the {@code "Pipeline
 * failed"} Fail state, which fails the execution with the step's error and cause. When the publish
 * itself fails, its own Catch goes to {@code "Notice not sent"}, which keeps the step's error and
 * puts in front of the cause that the notice was not sent, and then to {@code "Pipeline failed"}: a
 * failed notification never turns a failed execution into a successful one, and the execution-level
 * notice (an EventBridge rule the deployer makes) tells of the execution instead. Without failure
 * recipients the publish is left out.
 *
 * <p>An execution that passes the pipeline's {@code TimeoutSeconds} ends as timed out without any
 * catch; Step Functions gives a workflow no way to catch its own time-out. The execution-level
 * notice reports it, and an abort.
 */
final class OutcomeStates {

  /** The optimised SNS integration that publishes one message. */
  static final String SNS_PUBLISH = "arn:aws:states:::sns:publish";

  /** Retries of a notification publish. */
  static final int NOTIFY_RETRIES = 2;

  /** SNS allows subjects of up to 100 characters. */
  private static final int MAX_SUBJECT = 100;

  private OutcomeStates() {}

  /**
   * The variable a step's catcher sets to the step id, read by the state that builds the cause. A
   * parallel branch's variables are its own, and at each depth the name differs, so no branch
   * assigns a name an enclosing scope also assigns.
   */
  static String failedStepVariable(int depth) {
    return depth == 0 ? "failedStep" : "failedStep" + depth;
  }

  /** The cause of a step's failure: the step named in {@code variable} and the error as JSON. */
  private static String cause(String variable) {
    return "States.Format('"
        + AslGenerator.STEP_FAILURE_CAUSE_PREFIX
        + "{} failed: {}', $"
        + variable
        + ", States.JsonToString($))";
  }

  /**
   * The top-level Pass state that records which step failed (named in the variable of depth 0),
   * then goes to {@code next}.
   */
  static ObjectNode stepFailed(String next) {
    ObjectNode state = Json.object();
    state.put("Type", "Pass");
    ObjectNode parameters = state.putObject("Parameters");
    parameters.put("Error.$", "$.Error");
    parameters.put("Cause.$", cause(failedStepVariable(0)));
    state.put("Next", next);
    return state;
  }

  /**
   * The Fail state that ends a parallel branch when one of its steps failed: the step id as the
   * error name ({@code onlyStep}, or read from {@code variable} when the branch has more steps) and
   * the step's error object as JSON as the cause.
   */
  static ObjectNode branchFail(String onlyStep, String variable) {
    ObjectNode state = Json.object();
    state.put("Type", "Fail");
    if (onlyStep != null) {
      state.put("Error", onlyStep);
    } else {
      state.put("ErrorPath", "$" + variable);
    }
    state.put("CausePath", "States.JsonToString($)");
    return state;
  }

  /**
   * The top-level Pass state a parallel state's failure goes to: the cause {@link #stepFailed}
   * builds, from the step id and error object the branch's Fail state carried, and the error object
   * read back as {@code Error}, for {@link #branchStepFailed} to take the name from.
   */
  static ObjectNode branchFailed(String next) {
    ObjectNode state = Json.object();
    state.put("Type", "Pass");
    ObjectNode parameters = state.putObject("Parameters");
    parameters.put("Error.$", "States.StringToJson($.Cause)");
    parameters.put(
        "Cause.$",
        "States.Format('"
            + AslGenerator.STEP_FAILURE_CAUSE_PREFIX
            + "{} failed: {}', $.Error, $.Cause)");
    state.put("Next", next);
    return state;
  }

  /** The Pass state that gives a branch's failure the step's own error name back. */
  static ObjectNode branchStepFailed(String next) {
    ObjectNode state = Json.object();
    state.put("Type", "Pass");
    ObjectNode parameters = state.putObject("Parameters");
    parameters.put("Error.$", "$.Error.Error");
    parameters.put("Cause.$", "$.Cause");
    state.put("Next", next);
    return state;
  }

  /** A Fail state that fails with the error and cause in the payload. */
  static ObjectNode failWithPayloadError() {
    ObjectNode state = Json.object();
    state.put("Type", "Fail");
    state.put("ErrorPath", "$.Error");
    state.put("CausePath", "$.Cause");
    return state;
  }

  /**
   * The region of the execution: the fourth field of its ARN, {@code
   * arn:<partition>:states:<region>:<account>:execution:<machine>:<name>}.
   */
  static final String REGION = "States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), 3)";

  /**
   * The end of a notice: the link to the execution in the Step Functions console, whose graph shows
   * the failed step, its error and cause, and links to the step's ECS task and its logs. Written
   * for the aws partition's console; elsewhere the execution ARN before it names the execution.
   */
  private static final String CONSOLE_LINK =
      " Console: https://{}.console.aws.amazon.com/states/home?region={}#/v2/executions/details/{}";

  private static final String CONSOLE_ARGS = ", " + REGION + ", " + REGION + ", $$.Execution.Id";

  /**
   * The SNS publish of a failure message, going to {@code next} whether or not it succeeds. The
   * message names the execution, the error and the cause (for a task that stopped, the cause is
   * ECS's description of it, with each container's exit code and the stop reason; see
   * docs/artifacts.md), and ends with the console link, so that no punctuation follows it.
   */
  static ObjectNode notifyFailure(PipelineModel model, String next, String notSent) {
    String message =
        "States.Format('"
            + literal(pipeline(model))
            + " failed in environment "
            + literal(model.environment())
            + ", execution {}. Error: {}. Cause: {}."
            + CONSOLE_LINK
            + "', $$.Execution.Name, $.Error, $.Cause"
            + CONSOLE_ARGS
            + ")";
    ObjectNode state = publish(Placeholders.FAILURE_TOPIC_ARN, subject(model, "failed"), message);
    ObjectNode catcher = state.putArray("Catch").addObject();
    catcher.putArray("ErrorEquals").add("States.ALL");
    // Keep the step's Error and Cause for the Fail state; the publish error goes beside them.
    catcher.put("ResultPath", "$.NotifyError");
    catcher.put("Next", notSent);
    state.put("Next", next);
    return state;
  }

  /**
   * The Pass state a failed failure notice goes to: the step's error, and a cause that says the
   * notice was not sent, then the step's cause. It no longer starts with {@link
   * AslGenerator#STEP_FAILURE_CAUSE_PREFIX}, so the execution-level notice, which leaves out the
   * failures the state machine reported itself, tells of this one.
   */
  static ObjectNode noticeNotSent(String next) {
    ObjectNode state = Json.object();
    state.put("Type", "Pass");
    ObjectNode parameters = state.putObject("Parameters");
    parameters.put("Error.$", "$.Error");
    parameters.put(
        "Cause.$",
        "States.Format('The failure notice could not be sent ({}). {}', $.NotifyError.Error,"
            + " $.Cause)");
    state.put("Next", next);
    return state;
  }

  /**
   * The SNS publish of a success message, then {@code next} whether or not the publish succeeds:
   * the pipeline's work is done, and a lost notification must not mark it failed.
   */
  static ObjectNode notifySuccess(PipelineModel model, String next) {
    String message =
        "States.Format('"
            + literal(pipeline(model))
            + " succeeded in environment "
            + literal(model.environment())
            + ", execution {}."
            + CONSOLE_LINK
            + "', $$.Execution.Name"
            + CONSOLE_ARGS
            + ")";
    ObjectNode state =
        publish(Placeholders.SUCCESS_TOPIC_ARN, subject(model, "succeeded"), message);
    ObjectNode catcher = state.putArray("Catch").addObject();
    catcher.putArray("ErrorEquals").add("States.ALL");
    catcher.put("ResultPath", "$.NotifyError");
    catcher.put("Next", next);
    state.put("Next", next);
    return state;
  }

  /** The Succeed state. */
  static ObjectNode succeed() {
    ObjectNode state = Json.object();
    state.put("Type", "Succeed");
    return state;
  }

  /** An SNS publish Task without its transition. */
  private static ObjectNode publish(String topic, String subject, String message) {
    ObjectNode state = Json.object();
    state.put("Type", "Task");
    state.put("Resource", SNS_PUBLISH);
    ObjectNode parameters = state.putObject("Parameters");
    parameters.put("TopicArn", topic);
    parameters.put("Subject", subject);
    parameters.put("Message.$", message);
    state.putNull("ResultPath");
    // A publish can be throttled; two quick retries cover that without delaying the outcome.
    ObjectNode retrier = state.putArray("Retry").addObject();
    retrier.putArray("ErrorEquals").add("States.ALL");
    retrier.put("IntervalSeconds", 2);
    retrier.put("MaxAttempts", NOTIFY_RETRIES);
    retrier.put("BackoffRate", 2.0);
    return state;
  }

  private static String pipeline(PipelineModel model) {
    return "Esteira pipeline " + model.project() + " version " + model.version();
  }

  /** An SNS subject: printable ASCII only, at most 100 characters. */
  private static String subject(PipelineModel model, String outcome) {
    String text = "Esteira: " + model.project() + " " + outcome + " in " + model.environment();
    StringBuilder subject = new StringBuilder();
    text.chars().forEach(c -> subject.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return subject.length() <= MAX_SUBJECT ? subject.toString() : subject.substring(0, MAX_SUBJECT);
  }

  /**
   * Text inside an intrinsic function's string literal: {@code '}, <code>{</code> and <code>}
   * </code> escaped with a backslash. A backslash becomes a slash: Step Functions would take an
   * escaped backslash, but asl-validator rejects it, and this text is only read by people.
   */
  static String literal(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        c = '/';
      } else if (c == '\'' || c == '{' || c == '}') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
