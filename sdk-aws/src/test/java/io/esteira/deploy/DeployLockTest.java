package io.esteira.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostic;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The refusal a held lock gives: its holder, whether it is stale, and the command to remove it. */
class DeployLockTest {

  private static final String LOCK = "/esteira/locks/recsys/prd";
  private static final Instant SINCE = Instant.parse("2024-05-01T10:00:00Z");

  private static Diagnostic refusal(Instant now) throws Exception {
    JsonNode held =
        Json.mapper()
            .readTree(
                "{\"holder\":\"alice@laptop\",\"since\":\"" + SINCE + "\",\"commit\":\"abc1234\"}");
    return DeployLock.refusal("recsys", "prd", LOCK, "eu-west-1", held, now);
  }

  @Test
  void theRemoveCommandNamesTheRegionOfTheLock() throws Exception {
    Diagnostic refusal = refusal(SINCE.plusSeconds(60));

    assertThat(refusal.message()).isEqualTo(DeployMessage.DEPLOY_LOCKED);
    assertThat(refusal.render())
        .contains("ESTEIRA-DEPLOY-LOCKED")
        .contains("being deployed by alice@laptop (commit abc1234) since 2024-05-01T10:00:00Z;")
        .contains(
            "remove the lock with: aws ssm delete-parameter --name " + LOCK + " --region eu-west-1")
        .doesNotContain("stale");
  }

  @Test
  void aLockOlderThanAnyDeployIsCalledStaleButStillOnlyReported() throws Exception {
    Diagnostic refusal = refusal(SINCE.plus(DeployLock.STALE_AFTER).plusSeconds(1));

    assertThat(refusal.render())
        .contains(
            "since 2024-05-01T10:00:00Z (stale: older than 2 hours, longer than a deploy"
                + " takes; it most likely died); wait for that deploy to finish")
        .contains("aws ssm delete-parameter --name " + LOCK + " --region eu-west-1");
  }

  @Test
  void aLockWithoutATimeIsNotCalledStale() throws Exception {
    Diagnostic refusal =
        DeployLock.refusal(
            "recsys", "prd", LOCK, "eu-west-1", Json.mapper().createObjectNode(), SINCE);

    assertThat(refusal.render())
        .contains("being deployed by an unknown deploy since an unknown time;")
        .doesNotContain("stale");
  }
}
