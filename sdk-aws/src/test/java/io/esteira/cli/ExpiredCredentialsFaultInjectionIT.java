package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.deploy.testing.InjectedFaults;
import io.esteira.deploy.testing.Moto;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * moto accepts any credentials, so an injected fault plays AWS refusing them: STS answers
 * GetCallerIdentity with ExpiredToken, as it does when a session token has run out. The CLI must
 * say so in one line (service, operation, AWS's code, what to do) and exit 1, not 3 with an
 * internal error.
 */
class ExpiredCredentialsFaultInjectionIT {

  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";

  @BeforeEach
  void credentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    InjectedFaults.fail(
        "Sts:GetCallerIdentity",
        "ExpiredToken",
        403,
        "The security token included in the request is expired");
  }

  @AfterEach
  void forget() {
    InjectedFaults.clear();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private static Cli.Run run(String command, Path dir) throws Exception {
    Path platform = DeployCommandIT.platform(dir);
    return Cli.run(
        command,
        ORIGIN,
        "--platform",
        platform.toString(),
        "--env",
        "dev",
        "--endpoint-url",
        Moto.endpoint().toString(),
        "--no-image-check");
  }

  @Test
  void deployWithExpiredCredentialsSaysSoAndExitsOne(@TempDir Path dir) throws Exception {
    Cli.Run run = run("deploy", dir);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err())
        .contains(
            "error: [ESTEIRA-DEPLOY-AWS-REFUSED] AWS Sts GetCallerIdentity failed with"
                + " ExpiredToken: The security token included in the request is expired (HTTP"
                + " 403); the credentials have expired: refresh them (aws sso login")
        .doesNotContain("ESTEIRA-CLI-INTERNAL-ERROR")
        .doesNotContain("\tat ");
    assertThat(run.err().lines().filter(l -> l.contains("ExpiredToken"))).hasSize(1);
  }

  @Test
  void planWithExpiredCredentialsSaysSoAndExitsOne(@TempDir Path dir) throws Exception {
    Cli.Run run = run("plan", dir);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ERRORS);
    assertThat(run.err()).contains("[ESTEIRA-DEPLOY-AWS-REFUSED] AWS Sts GetCallerIdentity");
  }
}
