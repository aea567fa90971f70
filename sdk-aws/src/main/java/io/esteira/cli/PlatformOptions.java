package io.esteira.cli;

import io.esteira.operate.OperateContext;
import io.esteira.operate.OperateException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The platform file, the environment and how to reach AWS: what every command that talks to AWS
 * takes ({@code plan}, {@code deploy} and {@code image build} through {@link ProjectOptions}, and
 * {@code start}, {@code status}, {@code logs}, {@code destroy}).
 */
final class PlatformOptions {

  @Option(
      names = "--platform",
      required = true,
      paramLabel = "FILE",
      description = "The platform file: region, network, ECR repository, MLflow per environment.")
  Path platform;

  @Option(
      names = {"-e", "--env"},
      required = true,
      paramLabel = "ENV",
      description = "The environment: dev, prd, or another the platform file declares.")
  String environment;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region; default the platform file's region.")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator such as moto_server).")
  URI endpoint;

  /** The platform's environment, with clients for it. */
  OperateContext open() throws OperateException {
    Path cwd = Path.of("").toAbsolutePath();
    Path file = cwd.resolve(platform);
    return OperateContext.open(
        file,
        ProjectInputs.display(cwd, file),
        environment,
        OperateContext.settings(Optional.ofNullable(region), Optional.ofNullable(endpoint)));
  }
}
