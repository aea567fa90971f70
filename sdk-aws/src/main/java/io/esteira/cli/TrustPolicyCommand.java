package io.esteira.cli;

import io.esteira.core.generate.Json;
import io.esteira.deploy.resources.iam.DeployerPolicy;
import io.esteira.deploy.resources.iam.GithubTrustPolicy;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code esteira iam trust-policy}: who may assume the deploy role, GitHub Actions' OIDC way. */
@Command(
    name = "trust-policy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints, as JSON, the trust policy that lets GitHub Actions jobs of one repository, in one"
          + " GitHub environment, assume the deploy role through the account's OIDC provider for"
          + " token.actions.githubusercontent.com. One role per environment: dev's jobs cannot"
          + " assume prd's role."
    },
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      ExitCodes.OK_LINE,
      "2:wrong usage: unknown option, a repository that is not OWNER/NAME, no --provider-arn nor"
          + " --account",
      ExitCodes.INTERNAL_LINE
    })
final class TrustPolicyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin(name = CommonOptions.NAME)
  CommonOptions common;

  @Option(
      names = "--repository",
      required = true,
      paramLabel = "OWNER/NAME",
      description = "The GitHub repository whose workflows deploy.")
  String repository;

  @Option(
      names = "--environment",
      required = true,
      paramLabel = "ENV",
      description = "The GitHub environment the deploy job runs in (dev, prd).")
  String environment;

  @Option(
      names = "--provider-arn",
      paramLabel = "ARN",
      description =
          "The IAM OIDC provider for token.actions.githubusercontent.com; default the one of"
              + " --account.")
  String providerArn;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT",
      description =
          "The 12-digit account whose OIDC provider to trust, when --provider-arn is not given.")
  String account;

  @Override
  public Integer call() {
    Console console = new Console(spec.commandLine());
    Diagnostic problem = problem();
    if (problem != null) {
      console.diagnostics(List.of(problem));
      return ExitCodes.USAGE;
    }
    String provider = providerArn != null ? providerArn : GithubTrustPolicy.providerArn(account);
    console.say(
        Json.write(GithubTrustPolicy.document(provider, repository, environment)).stripTrailing());
    return ExitCodes.OK;
  }

  private Diagnostic problem() {
    if (!GithubTrustPolicy.isRepository(repository)) {
      return Diagnostic.error(CliMessage.CLI_IAM_BAD_REPOSITORY, null, repository);
    }
    if (!GithubTrustPolicy.isEnvironment(environment)) {
      return Diagnostic.error(CliMessage.CLI_IAM_BAD_ENVIRONMENT, null, environment);
    }
    if (providerArn != null) {
      return GithubTrustPolicy.isProviderArn(providerArn)
          ? null
          : Diagnostic.error(
              CliMessage.CLI_IAM_BAD_PROVIDER,
              null,
              providerArn,
              GithubTrustPolicy.ISSUER,
              GithubTrustPolicy.ISSUER);
    }
    if (account == null) {
      return Diagnostic.error(CliMessage.CLI_IAM_NO_PROVIDER, null);
    }
    return DeployerPolicy.isAccountId(account)
        ? null
        : Diagnostic.error(CliMessage.CLI_IAM_BAD_ACCOUNT, null, account);
  }
}
