package io.esteira.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code esteira iam}: the IAM policies a team's deploy role needs. */
@Command(
    name = "iam",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Prints the IAM policies of the role CI assumes to build images and deploy: its permissions"
          + " (least privilege, for one platform) and its trust policy for GitHub Actions."
    },
    subcommands = {DeployerPolicyCommand.class, TrustPolicyCommand.class},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "1:the platform file has errors",
      ExitCodes.USAGE_LINE,
      ExitCodes.INTERNAL_LINE
    })
final class IamCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
