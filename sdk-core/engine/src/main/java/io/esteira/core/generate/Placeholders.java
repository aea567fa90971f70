package io.esteira.core.generate;

/**
 * The {@code ${Name}} placeholders that generated artifacts carry where only the deployer can know
 * the value (account, region, ARNs, the image it pushed). This is the one list; the deployer
 * substitutes every one of them and refuses an artifact with a placeholder it does not know.
 *
 * <p>Substitution rules: placeholders are written, and substituted, only on the fields listed in
 * {@link PlaceholderSites}; user text elsewhere keeps any {@code ${...}} it holds. On a site, a
 * placeholder inside a JSON string is replaced textually, and an array element that is exactly a
 * <i>list</i> placeholder (such as {@code "${Subnets}"}) is replaced by the list's elements.
 */
public final class Placeholders {

  private Placeholders() {}

  /** The AWS region being deployed to, such as {@code us-east-1}. */
  public static final String REGION = "${Region}";

  /** The 12-digit AWS account id. */
  public static final String ACCOUNT_ID = "${AccountId}";

  /** The full image URI the deployer pushed or was given ({@code <ecr>:<project>-<version>}). */
  public static final String IMAGE_URI = "${ImageUri}";

  /** ARN of the task execution role (pulls the image, writes logs, reads secrets). */
  public static final String EXECUTION_ROLE_ARN = "${ExecutionRoleArn}";

  /** ARN of the task role (what the step's own code may call). */
  public static final String TASK_ROLE_ARN = "${TaskRoleArn}";

  /** ARN of the task definition revision the deployer registered for this deploy. */
  public static final String TASK_DEFINITION_ARN = "${TaskDefinitionArn}";

  /** ARN of the state machine (schedule target). */
  public static final String STATE_MACHINE_ARN = "${StateMachineArn}";

  /** ARN of the role EventBridge Scheduler assumes to start the state machine. */
  public static final String SCHEDULER_ROLE_ARN = "${SchedulerRoleArn}";

  /** ARN of the SNS topic told of failures. */
  public static final String FAILURE_TOPIC_ARN = "${FailureTopicArn}";

  /** ARN of the SNS topic told of successes. */
  public static final String SUCCESS_TOPIC_ARN = "${SuccessTopicArn}";

  /** List placeholder: the subnet ids tasks run in (awsvpc network mode). */
  public static final String SUBNETS = "${Subnets}";

  /** List placeholder: the security group ids of the tasks. */
  public static final String SECURITY_GROUPS = "${SecurityGroups}";

  /**
   * The S3 bucket of the run store (platform {@code artifacts.bucket}, or the one the deployer
   * creates); steps see {@code s3://<bucket>/<project>/<env>/<execution name>/} as {@code
   * ESTEIRA_STORE}.
   */
  public static final String ARTIFACTS_BUCKET = "${ArtifactsBucket}";

  /**
   * The image of the containers that move command steps' data (platform {@code
   * artifacts.transfer_image}, by default a pinned AWS CLI image); see {@code TransferScripts}.
   */
  public static final String TRANSFER_IMAGE = "${TransferImage}";

  /** The MLflow tracking server URL of the environment, from the platform file. */
  public static final String MLFLOW_TRACKING_URI = "${MlflowTrackingUri}";

  /** The S3 endpoint MLflow artifacts use, from the platform file. */
  public static final String MLFLOW_S3_ENDPOINT_URL = "${MlflowS3EndpointUrl}";
}
