package io.esteira.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.RuntimeMessage;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials in a tracking URL are used, never shown, and warned about over plain http. */
class MlflowConnectionUrlTest {

  @Test
  void credentialsInTheUrlAreUsedForBasicAuthAndLeaveTheUrl() {
    MlflowConnection c = MlflowConnection.of("http://alice:s%40cret@mlflow.internal:5000/");

    assertThat(c.trackingUri()).isEqualTo("http://mlflow.internal:5000");
    assertThat(c.username()).isEqualTo("alice");
    assertThat(c.password()).isEqualTo("s@cret");
    assertThat(c.authorization()).contains("Basic YWxpY2U6c0BjcmV0");
    assertThat(c.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
  }

  @Test
  void theEnvironmentsCredentialsWinOverTheUrlsAndTheUrlStaysClean() {
    Map<String, String> env = Map.of("MLFLOW_TRACKING_TOKEN", "tok");
    MlflowConnection c =
        MlflowConnection.of("https://alice:pw@mlflow.example.org")
            .withCredentialsFrom(name -> Optional.ofNullable(env.get(name)));

    assertThat(c.trackingUri()).isEqualTo("https://mlflow.example.org");
    assertThat(c.authorization()).contains("Bearer tok");
    assertThat(c.username()).isNull();
  }

  @Test
  void aBadUrlIsReportedWithoutItsPassword() {
    assertThatThrownBy(() -> MlflowConnection.of("ftp://alice:hunter2@host"))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.message()).isEqualTo(RuntimeMessage.MLFLOW_BAD_URI);
              assertThat(e.getMessage()).contains("ftp://***@host").doesNotContain("hunter2");
            });
  }

  @Test
  void credentialsOverPlainHttpToAnotherHostAreWarnedAboutButNotOnLoopback() {
    MlflowConnection remote =
        new MlflowConnection("http://mlflow.example.org:5000", "tok", null, null);
    MlflowConnection tls = new MlflowConnection("https://mlflow.example.org", "tok", null, null);
    MlflowConnection loopback = new MlflowConnection("http://127.0.0.1:5000", "tok", null, null);
    MlflowConnection anonymous = MlflowConnection.of("http://mlflow.example.org:5000");

    assertThat(remote.clearCredentialsWarning())
        .hasValueSatisfying(
            w -> {
              assertThat(w.code()).isEqualTo("ESTEIRA-MLFLOW-CLEAR-CREDENTIALS");
              assertThat(w.isError()).isFalse();
              assertThat(w.text()).contains("http://mlflow.example.org:5000").contains("https://");
            });
    assertThat(tls.clearCredentialsWarning()).isEmpty();
    assertThat(loopback.clearCredentialsWarning()).isEmpty();
    assertThat(anonymous.clearCredentialsWarning()).isEmpty();
  }
}
