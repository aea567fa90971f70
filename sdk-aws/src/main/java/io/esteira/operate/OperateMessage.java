package io.esteira.operate;

import io.esteira.diagnostics.Message;

/**
 * The messages of the commands that operate deployed pipelines ({@code start}, {@code status},
 * {@code logs}, {@code redrive}, {@code report}, {@code destroy}). Each entry has a stable code
 * (tests and users refer to it; never reuse or rename one) and a template that says what is wrong
 * and how to fix it, with {@link String#format} placeholders. Codes are unique across every
 * module's catalogue.
 */
public enum OperateMessage implements Message {
  OPS_BAD_PROJECT_NAME(
      "'%s' is not a project name (a lower-case letter, then lower-case letters, digits and"
          + " hyphens, at most 32 characters); give the project_name of its config.yaml"),
  OPS_NOT_DEPLOYED(
      "project %s has no state machine %s in environment %s (region %s): it is not deployed"
          + " there, or its config.yaml has batch.enabled: false; deploy it with esteira deploy"
          + " --env %s, or check --platform, --env and --region"),
  OPS_BAD_INPUT(
      "--input is not JSON: %s; give a JSON document, such as --input '{\"date\":\"2026-01-31\"}'"
          + " (quoted for the shell)"),
  OPS_INPUT_TOO_LARGE(
      "--input is %d bytes, over the %d bytes Step Functions accepts as an execution's input;"
          + " pass a reference to the data (an S3 key) instead of the data"),
  OPS_BAD_EXECUTION(
      "'%s' is neither an execution ARN nor an execution name; give one as esteira status prints"
          + " it (a name needs the project: esteira status PROJECT --execution NAME)"),
  OPS_NO_EXECUTION(
      "there is no execution %s%s; list the recent ones with esteira status %s--env %s"),
  OPS_NO_EXECUTIONS(
      "project %s has no execution in %s yet; start one with esteira start %s --env %s"),
  OPS_OTHER_PROJECT(
      "execution %s belongs to state machine %s, not to %s of project %s; give the project the"
          + " execution belongs to, or leave the project out"),
  OPS_NO_STEP(
      "--step %s is not a step of this pipeline (its steps: %s); give one of these step ids"),
  OPS_REDRIVE_CAUGHT(
      "execution %s failed in step %s, and the state machine caught that failure and ended in its"
          + " Fail state %s; Step Functions redrives an execution from the state that failed,"
          + " which here is that Fail state, so a redrive would fail again at once without"
          + " running %s again; start a new execution with esteira start %s --env %s (or pass"
          + " --force to redrive anyway)"),
  OPS_REDRIVE_NOT_REDRIVABLE(
      "execution %s cannot be redriven: %s; start a new execution with esteira start %s --env %s"),
  OPS_REDRIVE_NEEDS_ARN(
      "'%s' is not an execution ARN; give the whole ARN, as esteira start and esteira status"
          + " print it (arn:aws:states:<region>:<account>:execution:<state machine>:<name>)"),
  OPS_DESTROY_NEEDS_YES(
      "standard input is not a terminal, so destroy cannot ask before it removes project %s"
          + " (%s); run it in a terminal, or pass --yes once you have read what it would remove"
          + " (esteira destroy prints it first)"),
  OPS_DESTROY_RUNNING(
      "execution %s of project %s is running; stop it (aws stepfunctions stop-execution"
          + " --execution-arn %s) or let it finish, then run destroy again"),
  OPS_DESTROY_FAILED(
      "%s %s of project %s could not be removed: %s; fix the cause and run destroy again (it goes"
          + " on with what is left)"),
  ;

  private final String template;

  OperateMessage(String template) {
    this.template = template;
  }

  @Override
  public String template() {
    return template;
  }
}
