package io.esteira.operate;

import io.esteira.core.model.ResourceNames;
import io.esteira.deploy.aws.AwsClients;
import io.esteira.deploy.aws.AwsSettings;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.reconcile.DeployNames;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One environment of a platform, as the operating commands reach it: the platform file read, the
 * clients, and the account and partition of the caller. A project's resources are named from its
 * name alone ({@link DeployNames}), so operating a deployed project needs neither its directory nor
 * its build: {@code esteira status recsys --env prd} works from anywhere the platform file is.
 *
 * <p>Closing it closes the clients.
 */
public final class OperateContext implements AutoCloseable {

  /** {@code project_name} as config.yaml allows it. */
  private static final Pattern PROJECT_NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");

  private static final int MAX_PROJECT_NAME = 32;

  private final Platform platform;
  private final String environment;

  private final AwsClients aws;
  private String account;
  private String partition;

  OperateContext(Platform platform, String environment, AwsClients aws) {
    this.platform = platform;
    this.environment = environment;
    this.aws = aws;
  }

  /**
   * Reads the platform file and builds the clients for {@code environment}.
   *
   * @param shown the platform file as the user named it, for messages
   * @param settings how to reach AWS; its region, when empty, is the platform's
   */
  public static OperateContext open(
      Path platformFile, String shown, String environment, AwsSettings settings)
      throws OperateException {
    PlatformReader.Result read = PlatformReader.read(platformFile, shown);
    if (read.platform().isEmpty()) {
      throw new OperateException(read.diagnostics(), false);
    }
    Platform platform = read.platform().get();
    return open(platform, environment, settings);
  }

  /** The same, for a platform already read. */
  public static OperateContext open(Platform platform, String environment, AwsSettings settings)
      throws OperateException {
    if (!platform.environments().containsKey(environment)) {
      throw OperateException.usage(
          Diagnostic.error(
              DeployMessage.DEPLOY_PLATFORM_NO_ENVIRONMENT,
              SourcePosition.file(platform.file()),
              environment,
              environment,
              String.join(", ", platform.environments().keySet())));
    }
    AwsSettings effective =
        settings.region().isPresent() ? settings : settings.withRegion(platform.region());
    return new OperateContext(platform, environment, new AwsClients(effective));
  }

  /**
   * A context for one execution named by its ARN, without a platform file: its region is the ARN's
   * (unless {@code settings} names one), and nothing that needs a project's names is asked of it
   * ({@link #names} fails).
   */
  public static OperateContext forExecution(String executionArn, AwsSettings settings)
      throws OperateException {
    String[] parts = executionArn.split(":");
    if (!Executions.isExecutionArn(executionArn)) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_BAD_EXECUTION, null, executionArn));
    }
    AwsSettings effective =
        settings.region().isPresent() ? settings : settings.withRegion(parts[3]);
    return new OperateContext(null, "", new AwsClients(effective));
  }

  /** Settings from the command line's {@code --region} and {@code --endpoint-url}. */
  public static AwsSettings settings(Optional<String> region, Optional<URI> endpoint) {
    return AwsSettings.defaults()
        .withRegion(region.orElse(null))
        .withEndpoint(endpoint.orElse(null));
  }

  /** Refuses a name that cannot be a project's, before any AWS call. */
  public static void checkProjectName(String project) throws OperateException {
    if (project.length() > MAX_PROJECT_NAME || !PROJECT_NAME.matcher(project).matches()) {
      throw OperateException.usage(
          Diagnostic.error(OperateMessage.OPS_BAD_PROJECT_NAME, null, project));
    }
  }

  /** The platform file read; absent for a context {@link #forExecution}. */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  public String environment() {
    return environment;
  }

  public AwsClients aws() {
    return aws;
  }

  public String region() {
    return aws.region().id();
  }

  /** The caller's account, asked of STS once. */
  public synchronized String account() {
    identity();
    return account;
  }

  /** The caller's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), from its ARN. */
  public synchronized String partition() {
    identity();
    return partition;
  }

  private void identity() {
    if (account == null) {
      var who = aws.sts().getCallerIdentity();
      account = who.account();
      String[] parts = who.arn().split(":", 3);
      partition = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "aws";
    }
  }

  /** The AWS names of {@code project}'s resources in this environment. */
  public DeployNames names(String project) {
    return new DeployNames(
        new ResourceNames(project, ""), environment, platform.environmentSuffix());
  }

  /** The ARN of {@code project}'s state machine, whether it exists or not. */
  public String stateMachineArn(String project) {
    return "arn:"
        + partition()
        + ":states:"
        + region()
        + ":"
        + account()
        + ":stateMachine:"
        + names(project).stateMachine();
  }

  /** The ARN of the execution {@code name} of {@code project}'s state machine. */
  public String executionArn(String project, String name) {
    return stateMachineArn(project).replace(":stateMachine:", ":execution:") + ":" + name;
  }

  @Override
  public void close() {
    aws.close();
  }
}
