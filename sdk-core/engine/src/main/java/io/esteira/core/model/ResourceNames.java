package io.esteira.core.model;

/**
 * The AWS resource names the origin document fixes for a project. One place, so the generators, the
 * validator's length checks and the deployer cannot disagree.
 *
 * @param project the project name
 * @param version the pipeline version
 */
public record ResourceNames(String project, String version) {

  /** The image tag inside the ECR repository: {@code <project>-<version>}. */
  public String imageTag() {
    return project + "-" + version;
  }

  /** ECS cluster: {@code ml-cluster-<project>}. */
  public String cluster() {
    return "ml-cluster-" + project;
  }

  /** EC2 launch template: {@code lt-<project>}. */
  public String launchTemplate() {
    return "lt-" + project;
  }

  /** Auto scaling group: {@code asg-<project>}. */
  public String autoScalingGroup() {
    return "asg-" + project;
  }

  /** ECS capacity provider: {@code cp-<project>}. */
  public String capacityProvider() {
    return "cp-" + project;
  }

  /** ECS task definition family: {@code <project>}. */
  public String taskDefinitionFamily() {
    return project;
  }

  /** Step Functions state machine: {@code <project>-workflow}. */
  public String stateMachine() {
    return project + "-workflow";
  }

  /** EventBridge Scheduler schedule: {@code sched-<project>}. */
  public String schedule() {
    return "sched-" + project;
  }

  /** CloudWatch log group: {@code /ecs/<project>}. */
  public String logGroup() {
    return "/ecs/" + project;
  }

  /** The container name inside the task definition. */
  public String container() {
    return project;
  }
}
