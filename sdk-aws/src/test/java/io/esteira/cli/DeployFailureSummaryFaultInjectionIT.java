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
 * A deploy whose task definition registration fails (an injected fault: moto cannot fail on demand)
 * after other resources were created. Its last line must say where it stopped, how much it had
 * changed, and that a re-run resumes, never a count of zeros that reads as "nothing to do".
 */
class DeployFailureSummaryFaultInjectionIT {

  private static final String ORIGIN = "../examples/yaml-only/src/projects/recsys";

  @BeforeEach
  void credentials() {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterEach
  void forget() {
    InjectedFaults.clear();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void aFailedDeploySaysWhereItStoppedWhatItChangedAndThatARerunResumes(@TempDir Path dir)
      throws Exception {
    Path platform = DeployCommandIT.platform(dir);
    String[] args = {
      "deploy",
      ORIGIN,
      "--platform",
      platform.toString(),
      "--env",
      "dev",
      "--endpoint-url",
      Moto.endpoint().toString(),
      "--no-image-check"
    };
    InjectedFaults.fail(
        "Ecs:RegisterTaskDefinition", "ClientException", 400, "injected failure of the call");

    Cli.Run failed = Cli.run(args);

    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.ERRORS);
    long done = failed.out().lines().filter(l -> l.startsWith("recsys: done: ")).count();
    assertThat(done).isPositive();
    assertThat(failed.out().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(
            "deploy failed: recsys stopped at create task definition recsys after "
                + done
                + " changes (the done: lines above); what was changed stays: run the same deploy"
                + " again to resume from the failure");
    assertThat(failed.out()).doesNotContain("deployed: ").doesNotContain("0 to create");

    InjectedFaults.clear();
    Cli.Run rerun = Cli.run(args);

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("recsys: done: create task definition recsys");
    assertThat(rerun.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("deployed: ");
  }
}
