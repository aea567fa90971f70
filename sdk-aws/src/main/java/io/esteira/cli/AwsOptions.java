package io.esteira.cli;

import io.esteira.deploy.aws.AwsSettings;
import io.esteira.operate.OperateContext;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How a command on one execution reaches AWS: the region, which defaults to the one the execution's
 * ARN names, and an endpoint in place of AWS's. A mixin of its own because {@code report} takes
 * these beside a run that may be a local run's id, not only an execution's ARN.
 */
final class AwsOptions {

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region; default the execution ARN's.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator such as moto_server).")
  URI endpoint;

  /** The settings these options make; a region left out is the execution ARN's. */
  AwsSettings settings() {
    return OperateContext.settings(Optional.ofNullable(region), Optional.ofNullable(endpoint));
  }
}
