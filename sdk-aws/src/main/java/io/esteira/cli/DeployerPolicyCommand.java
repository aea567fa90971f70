package io.esteira.cli;

import io.esteira.core.generate.Json;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.PlatformReader;
import io.esteira.deploy.resources.iam.DeployerPolicy;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code esteira iam deployer-policy}: the deploy role's permissions, printed, never applied. It
 * reads only the platform file and calls no AWS API, so it runs before the role it describes
 * exists.
 */
@Command(
    name = "deployer-policy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints, as JSON, the least-privilege IAM policy the role that runs `esteira image build"
          + " --push` and `esteira deploy` needs for this platform: every action they call, on"
          + " the platform's and the projects' resources only (any project's name matches). With"
          + " --read-only, the policy `esteira plan` needs: reads only. docs/deployer.md explains"
          + " each statement."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:the platform file has errors",
      "2:wrong usage: unknown option, an environment the platform lacks, an account that is not"
          + " 12 digits",
      ExitCodes.INTERNAL_LINE
    })
final class DeployerPolicyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Option(
      names = "--platform",
      required = true,
      paramLabel = "FILE",
      description = "The platform file: region, network, ECR repository, environments.")
  Path platform;

  @Option(
      names = {"-e", "--env"},
      paramLabel = "ENV",
      description =
          "Only this environment's resources (its network, its artifacts bucket, its names when"
              + " naming.environment_suffix is on); default every environment of the platform.")
  String environment;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description =
          "The 12-digit account id in every ARN; default ${aws:PrincipalAccount}, which IAM"
              + " replaces with the role's own account.")
  String account;

  @Option(
      names = "--read-only",
      description = "Print the plan-only policy: what `esteira plan` reads, nothing that writes.")
  boolean readOnly;

  @Override
  public Integer call() {
    Console console = new Console(spec.commandLine());
    if (account != null && !DeployerPolicy.isAccountId(account)) {
      console.diagnostics(List.of(Diagnostic.error(CliMessage.CLI_IAM_BAD_ACCOUNT, null, account)));
      return ExitCodes.USAGE;
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path file = cwd.resolve(platform);
    PlatformReader.Result read = PlatformReader.read(file, ProjectInputs.display(cwd, file));
    console.diagnostics(read.diagnostics());
    if (read.platform().isEmpty()) {
      return ExitCodes.ERRORS;
    }
    Platform parsed = read.platform().get();
    if (environment != null && !parsed.environments().containsKey(environment)) {
      console.diagnostics(
          List.of(
              Diagnostic.error(
                  DeployMessage.DEPLOY_PLATFORM_NO_ENVIRONMENT,
                  SourcePosition.file(parsed.file()),
                  environment,
                  environment,
                  String.join(", ", new java.util.TreeSet<>(parsed.environments().keySet())))));
      return ExitCodes.USAGE;
    }
    DeployerPolicy policy =
        new DeployerPolicy(parsed, Optional.ofNullable(environment), Optional.ofNullable(account));
    console.say(Json.write(readOnly ? policy.readOnly() : policy.full()).stripTrailing());
    return ExitCodes.OK;
  }
}
