package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.EngineMessage;
import io.esteira.core.registry.FaultProxy.Fault;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A promotion to Production broken between its calls, through a fault proxy in front of the real
 * server: it ends with exactly one Production version, or changes nothing, and says which.
 */
class PromotionFaultIT {

  private static final ModelRegistry.Actor ANA = new ModelRegistry.Actor("ana", "abc1234");
  private static final PromotionTarget PRODUCTION = PromotionTarget.stage("Production");

  /** The request that moves the version: the one MLflow applies atomically. */
  private static String commitCall(RegistryMode mode) {
    return mode == RegistryMode.ALIASES
        ? "registered-models/alias"
        : "model-versions/transition-stage";
  }

  private static ModelRegistry through(FaultProxy proxy, RegistryMode mode) {
    return new ModelRegistry(new MlflowHttp(MlflowConnection.of(proxy.url())), mode);
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aRefusedCommitChangesNothingAndSaysSo(RegistryMode mode) throws Exception {
    ModelRegistry direct = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(direct);
    try (FaultProxy proxy = new FaultProxy(MlflowTestServer.url())) {
      proxy.fail("POST", commitCall(mode), 1, Fault.REFUSE);

      assertThatThrownBy(() -> through(proxy, mode).promote(origin.recsys(), 4, PRODUCTION, ANA))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_PROMOTION_NOT_APPLIED);
                assertThat(e.getMessage()).contains("nothing changed").contains("HTTP 503");
              });
    }
    assertThat(ModelRegistryIT.picture(direct, origin.recsys()))
        .containsExactly("v4 Staging", "v3 Production", "v2 None", "v1 None");
    RegisteredVersion v3 = direct.snapshot(origin.recsys()).version(3).orElseThrow();
    assertThat(v3.tags()).doesNotContainKey("archived");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aCommitWhoseAnswerIsLostIsFoundAppliedByTheCheck(RegistryMode mode) throws Exception {
    ModelRegistry direct = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(direct);
    Promotion promotion;
    try (FaultProxy proxy = new FaultProxy(MlflowTestServer.url())) {
      proxy.fail("POST", commitCall(mode), 1, Fault.LOSE_ANSWER);
      promotion = through(proxy, mode).promote(origin.recsys(), 4, PRODUCTION, ANA);
      assertThat(proxy.seen()).filteredOn(c -> c.equals("POST " + commitCall(mode))).hasSize(1);
    }
    assertThat(promotion.applied()).isTrue();
    assertThat(ModelRegistryIT.picture(direct, origin.recsys()))
        .containsExactly("v4 Production", "v3 Archived", "v2 None", "v1 None");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aFailureAfterTheCommitLeavesOneProductionVersionAndARepeatFinishes(RegistryMode mode)
      throws Exception {
    ModelRegistry direct = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(direct);
    try (FaultProxy proxy = new FaultProxy(MlflowTestServer.url())) {
      // The server goes down on the first history tag after the commit.
      int earlierSetTags = mode == RegistryMode.ALIASES ? 2 : 1;
      proxy.fail("POST", "model-versions/set-tag", earlierSetTags, Fault.DOWN);

      assertThatThrownBy(() -> through(proxy, mode).promote(origin.recsys(), 4, PRODUCTION, ANA))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_PROMOTION_INCOMPLETE);
                assertThat(e.getMessage()).contains("is now in Production");
              });
    }
    assertThat(direct.snapshot(origin.recsys()).inStage("Production"))
        .extracting(RegisteredVersion::version)
        .containsExactly(4);

    Promotion repeat = direct.promote(origin.recsys(), 4, PRODUCTION, ANA);

    assertThat(repeat.applied()).isFalse();
    assertThat(direct.history(origin.recsys()))
        .filteredOn(e -> e.by().equals("ana") && e.version() == 4)
        .extracting(PromotionEvent::to)
        .containsExactly("Production");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aServerThatGoesDownAtTheCommitLeavesTheOutcomeUnknownAndSaysHowToLook(RegistryMode mode)
      throws Exception {
    ModelRegistry direct = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(direct);
    try (FaultProxy proxy = new FaultProxy(MlflowTestServer.url())) {
      proxy.fail("POST", commitCall(mode), 1, Fault.DOWN);

      assertThatThrownBy(() -> through(proxy, mode).promote(origin.recsys(), 4, PRODUCTION, ANA))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_PROMOTION_UNKNOWN);
                assertThat(e.getMessage()).contains("esteira models list " + origin.recsys());
              });
    }
    assertThat(direct.snapshot(origin.recsys()).inStage("Production"))
        .extracting(RegisteredVersion::version)
        .containsExactly(3);
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aStoppedServerIsReportedAsUnreachable(RegistryMode mode) throws Exception {
    String url;
    try (FaultProxy proxy = new FaultProxy(MlflowTestServer.url())) {
      url = proxy.url();
    }
    ModelRegistry registry = new ModelRegistry(new MlflowHttp(MlflowConnection.of(url)), mode);

    assertThatThrownBy(() -> registry.snapshot("recsys"))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(MlflowException.Kind.UNREACHABLE);
              assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNREACHABLE);
              assertThat(e.getMessage()).contains(url).contains("that the server is running");
            });
    assertThat(registry.http().calls()).isEqualTo(1);
  }
}
