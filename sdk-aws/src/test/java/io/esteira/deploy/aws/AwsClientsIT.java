package io.esteira.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.deploy.testing.AwsCalls;
import io.esteira.deploy.testing.Moto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The client factory against moto_server: endpoint override, retries, and the call recorder. */
class AwsClientsIT {

  @BeforeEach
  void emptyAccount() {
    Moto.reset();
  }

  @Test
  void clientsReachTheEmulatorAndRecordEveryCall() {
    AwsCalls calls = new AwsCalls();
    try (AwsClients aws = Moto.clients(calls)) {
      assertThat(aws.sts().getCallerIdentity().account()).isEqualTo(Moto.ACCOUNT_ID);
      aws.logs().createLogGroup(r -> r.logGroupName("/esteira/clients-it"));
      aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/esteira/clients-it"));
    }
    assertThat(calls.calls())
        .containsExactly(
            "Sts:GetCallerIdentity",
            "CloudWatchLogs:CreateLogGroup",
            "CloudWatchLogs:DescribeLogGroups");
    assertThat(calls.mutatingCalls()).containsExactly("CloudWatchLogs:CreateLogGroup");
  }

  @Test
  void injectedThrottlingOnAThirdOfAttemptsIsRetriedByTheStandardStrategy() {
    AwsCalls calls = new AwsCalls();
    calls.throttle(0.3, 42);
    try (AwsClients aws = Moto.clients(calls)) {
      for (int i = 0; i < 40; i++) {
        assertThat(aws.sts().getCallerIdentity().account()).isEqualTo(Moto.ACCOUNT_ID);
      }
    }
    assertThat(calls.throttledCount()).isPositive();
    assertThat(calls.attempts()).hasSize(40 + calls.throttledCount());
  }

  @Test
  void anInjectedFailureOfAMutatingCallReachesTheCallerWithoutRetry() {
    AwsCalls calls = new AwsCalls();
    calls.failMutatingCall(0);
    try (AwsClients aws = Moto.clients(calls)) {
      assertThatThrownBy(() -> aws.logs().createLogGroup(r -> r.logGroupName("/esteira/fail-it")))
          .isInstanceOf(AwsServiceException.class)
          .hasMessageContaining("injected failure of CloudWatchLogs:CreateLogGroup");
    }
    assertThat(calls.attempts()).isEmpty();
  }
}
