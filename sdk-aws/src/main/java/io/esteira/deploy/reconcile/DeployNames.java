package io.esteira.deploy.reconcile;

import io.esteira.core.model.ResourceNames;

/**
 * The AWS names of one project's resources in one environment: the origin's names (DESIGN.md),
 * followed by {@code -<env>} when the platform's {@code naming.environment_suffix} keeps dev and
 * prd apart in one account, and the names the origin left open (roles, topics, security group).
 *
 * <p>The longest is the instance role, {@code esteira-<project>-instance-<env>}: a 32-character
 * project and a 10-character environment stay within IAM's 64.
 */
public record DeployNames(ResourceNames origin, String environment, boolean suffixed) {

  private String n(String name) {
    return suffixed ? name + "-" + environment : name;
  }

  public String project() {
    return origin.project();
  }

  public String cluster() {
    return n(origin.cluster());
  }

  public String launchTemplate() {
    return n(origin.launchTemplate());
  }

  public String autoScalingGroup() {
    return n(origin.autoScalingGroup());
  }

  public String capacityProvider() {
    return n(origin.capacityProvider());
  }

  public String taskDefinitionFamily() {
    return n(origin.taskDefinitionFamily());
  }

  public String stateMachine() {
    return n(origin.stateMachine());
  }

  public String schedule() {
    return n(origin.schedule());
  }

  public String logGroup() {
    return n(origin.logGroup());
  }

  /**
   * The state machine's log group, {@code /aws/vendedlogs/states/<state machine>}: the prefix AWS
   * gives log groups of services that deliver logs for you, whose resource policy CloudWatch Logs
   * then keeps small (Step Functions Developer Guide, "Logging using CloudWatch Logs"; CloudWatch
   * Logs User Guide, "Enabling logging from AWS services").
   */
  public String stateMachineLogGroup() {
    return "/aws/vendedlogs/states/" + stateMachine();
  }

  /**
   * The EventBridge rule that tells the failure topic of executions the state machine could not
   * report itself (its own timeout, an abort, a failure outside its steps). At most 8 + 32 + 7 + 11
   * = 58 characters, within EventBridge's 64.
   */
  public String failureRule() {
    return n("esteira-" + project() + "-failed");
  }

  public String executionRole() {
    return n("esteira-" + project() + "-execution");
  }

  public String taskRole() {
    return n("esteira-" + project() + "-task");
  }

  public String stateMachineRole() {
    return n("esteira-" + project() + "-states");
  }

  public String schedulerRole() {
    return n("esteira-" + project() + "-scheduler");
  }

  /** The instance role and its instance profile share this name. */
  public String instanceRole() {
    return n("esteira-" + project() + "-instance");
  }

  public String failureTopic() {
    return n(project() + "-failure");
  }

  public String successTopic() {
    return n(project() + "-success");
  }

  public String securityGroup() {
    return n("esteira-" + project() + "-tasks");
  }

  /**
   * The key prefix of this project's data in the artifacts bucket, every environment's: what its
   * task role may read and write ({@code <project>/}).
   */
  public String artifactsPrefix() {
    return project() + "/";
  }

  /** The key prefix of this project's data in this environment ({@code <project>/<env>/}). */
  public String environmentArtifactsPrefix() {
    return project() + "/" + environment + "/";
  }

  /**
   * The id of the artifacts bucket's lifecycle rule that expires this project's data in this
   * environment. Rules with other ids are someone else's, and a deploy keeps them.
   */
  public String lifecycleRule() {
    return "esteira-" + project() + "-" + environment;
  }

  /**
   * The ECR tag that marks the image this project's environment runs: {@code live-<project>-<env>}.
   * The repository's lifecycle policy never expires an image with a {@code live-} tag, so a
   * deploy's image stays as long as it is deployed, whatever else is pushed.
   */
  public String liveImageTag() {
    return "live-" + project() + "-" + environment;
  }

  /** The SSM parameter that marks a deploy of this project in progress. */
  public String lockParameter() {
    return "/esteira/locks/" + project() + "/" + environment;
  }
}
