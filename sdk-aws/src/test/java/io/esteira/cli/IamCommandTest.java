package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code esteira iam deployer-policy} and {@code trust-policy}: stable JSON, clear refusals. */
class IamCommandTest {

  @TempDir Path dir;

  private Path platform(String more) throws Exception {
    Path file = dir.resolve("platform.yaml");
    Files.writeString(
        file,
        "region: eu-west-1\n"
            + "network: {vpc_id: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d]}\n"
            + "ecr: {repository: ml-pipelines}\n"
            + more
            + "environments:\n"
            + "  dev: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
            + " 'http://s3:9000'}}\n"
            + "  prd: {mlflow: {tracking_uri: 'http://mlflow:5000', s3_endpoint_url:"
            + " 'http://s3:9000'}, network: {vpc_id: vpc-0e1f2a3b, subnets: [subnet-0e1f2a3b]}}\n");
    return file;
  }

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }

  @Test
  void printsTheSameValidPolicyEveryTimeWithTheAccountAsAPolicyVariable() throws Exception {
    String file = platform("").toString();
    Cli.Run first = Cli.run("iam", "deployer-policy", "--platform", file);
    Cli.Run second = Cli.run("iam", "deployer-policy", "--platform", file);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(second.out());
    JsonNode policy = json(first.out());
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    List<String> sids = new ArrayList<>();
    policy.get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
    assertThat(sids).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).matches("[A-Za-z0-9]+"));
    assertThat(first.out())
        .contains("arn:aws:iam::${aws:PrincipalAccount}:role/esteira-*")
        .contains("arn:aws:ecr:eu-west-1:${aws:PrincipalAccount}:repository/ml-pipelines")
        .contains("vpc/vpc-0a1b2c3d")
        .contains("vpc/vpc-0e1f2a3b")
        .contains("esteira-artifacts-${aws:PrincipalAccount}-eu-west-1");
    // Only actions AWS accepts no resource for are on "*", each unconditionally only there.
    policy
        .get("Statement")
        .forEach(
            s -> {
              if (s.get("Resource").toString().equals("[\"*\"]") && !s.has("Condition")) {
                assertThat(s.get("Sid").asText()).isEqualTo("AnyResource");
              }
              if (s.get("Action").toString().contains("iam:PassRole")) {
                assertThat(s.get("Condition").toString()).contains("iam:PassedToService");
              }
            });
  }

  @Test
  void anEnvironmentAndAnAccountNarrowTheNamesTheNetworkAndTheBucket() throws Exception {
    Path file = platform("naming: {environment_suffix: true}\n");
    Cli.Run run =
        Cli.run(
            "iam",
            "deployer-policy",
            "--platform",
            file.toString(),
            "--env",
            "prd",
            "--account",
            "123456789012");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("arn:aws:iam::123456789012:role/esteira-*-prd\"")
        .contains("arn:aws:iam::123456789012:role/esteira-*-execution-prd\"")
        .contains("arn:aws:ssm:eu-west-1:123456789012:parameter/esteira/locks/*/prd\"")
        .contains("esteira-artifacts-123456789012-eu-west-1")
        .contains("vpc/vpc-0e1f2a3b")
        .doesNotContain("vpc/vpc-0a1b2c3d\"")
        .doesNotContain("PrincipalAccount");
  }

  @Test
  void theReadOnlyPolicyIsTheReadsOfTheFullOne() throws Exception {
    String file = platform("").toString();
    JsonNode full = json(Cli.run("iam", "deployer-policy", "--platform", file).out());
    JsonNode reads =
        json(Cli.run("iam", "deployer-policy", "--platform", file, "--read-only").out());

    List<String> fullActions = new ArrayList<>();
    full.get("Statement").forEach(s -> s.get("Action").forEach(a -> fullActions.add(a.asText())));
    List<String> readActions = new ArrayList<>();
    reads.get("Statement").forEach(s -> s.get("Action").forEach(a -> readActions.add(a.asText())));
    assertThat(readActions)
        .isNotEmpty()
        .allSatisfy(a -> assertThat(fullActions).contains(a))
        .allSatisfy(a -> assertThat(a).matches("[a-z0-9]+:(Describe|Get|List|BatchGet)[A-Za-z]*"))
        .contains("iam:GetRole", "states:DescribeStateMachine", "ssm:GetParameter");
  }

  @Test
  void refusesAnUnknownEnvironmentAndAnAccountThatIsNotAnId() throws Exception {
    String file = platform("").toString();
    Cli.Run env = Cli.run("iam", "deployer-policy", "--platform", file, "--env", "qa");
    Cli.Run account = Cli.run("iam", "deployer-policy", "--platform", file, "--account", "12");

    assertThat(env.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(env.err()).contains("'qa'").contains("dev, prd");
    assertThat(env.out()).isEmpty();
    assertThat(account.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(account.err()).contains("ESTEIRA-CLI-IAM-BAD-ACCOUNT").contains("'12'");
  }

  @Test
  void theTrustPolicyLetsOnlyTheRepositorysEnvironmentAssumeTheRole() throws Exception {
    Cli.Run run =
        Cli.run(
            "iam",
            "trust-policy",
            "--repository",
            "my-team/pipelines",
            "--environment",
            "prd",
            "--account",
            "123456789012");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode statement = json(run.out()).get("Statement").get(0);
    assertThat(statement.get("Principal").get("Federated").asText())
        .isEqualTo("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com");
    assertThat(statement.get("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
    JsonNode equals = statement.get("Condition").get("StringEquals");
    assertThat(equals.get("token.actions.githubusercontent.com:aud").asText())
        .isEqualTo("sts.amazonaws.com");
    assertThat(equals.get("token.actions.githubusercontent.com:sub").asText())
        .isEqualTo("repo:my-team/pipelines:environment:prd");
  }

  @Test
  void theTrustPolicyRefusesAWildcardRepositoryAndAMissingProvider() {
    Cli.Run wildcard =
        Cli.run(
            "iam",
            "trust-policy",
            "--repository",
            "my-team/*",
            "--environment",
            "prd",
            "--account",
            "123456789012");
    Cli.Run noProvider =
        Cli.run("iam", "trust-policy", "--repository", "a/b", "--environment", "prd");

    assertThat(wildcard.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wildcard.err()).contains("ESTEIRA-CLI-IAM-BAD-REPOSITORY");
    assertThat(noProvider.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noProvider.err()).contains("--provider-arn").contains("--account");
  }
}
