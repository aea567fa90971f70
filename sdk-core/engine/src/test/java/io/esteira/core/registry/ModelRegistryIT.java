package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.core.EngineMessage;
import io.esteira.mlflow.MlflowException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registry against a real {@code mlflow server}: the origin's picture built through the API,
 * the promotion of recsys v4 to Production, history, and registration that a retry cannot
 * duplicate; in both registry modes.
 */
class ModelRegistryIT {

  private static final ModelRegistry.Actor ANA = new ModelRegistry.Actor("ana", "abc1234");

  static List<String> picture(ModelRegistry registry, String model) {
    return registry.snapshot(model).versions().stream()
        .map(v -> "v" + v.version() + " " + v.stage())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void theOriginPictureListsTheSameInBothModes(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);

    assertThat(picture(registry, origin.recsys()))
        .containsExactly("v4 Staging", "v3 Production", "v2 None", "v1 None");
    assertThat(picture(registry, origin.churn())).containsExactly("v2 Archived", "v1 Production");

    ModelSnapshot listed = registry.list(origin.recsys());
    RegisteredVersion v3 = listed.version(3).orElseThrow();
    assertThat(v3.runId()).isNotEmpty();
    assertThat(v3.metrics()).containsEntry("rmse", 0.7).containsKey("ndcg_at_10");
    assertThat(v3.created()).isBefore(listed.version(4).orElseThrow().created().plusMillis(1));
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void promotingRecsysV4ToProductionArchivesV3AndRecordsWhoAndWhichCommit(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);

    long before = registry.http().calls();
    Promotion promotion =
        registry.promote(origin.recsys(), 4, PromotionTarget.stage("Production"), ANA);
    long calls = registry.http().calls() - before;

    assertThat(promotion.applied()).isTrue();
    assertThat(promotion.archived()).containsExactly(3);
    assertThat(promotion.calls()).isEqualTo(calls);
    assertThat(promotion.summary()).contains("v4 promoted to Production").contains("archived v3");
    assertThat(picture(registry, origin.recsys()))
        .containsExactly("v4 Production", "v3 Archived", "v2 None", "v1 None");
    RegisteredVersion v4 = registry.snapshot(origin.recsys()).version(4).orElseThrow();
    assertThat(v4.tags())
        .containsEntry("promoted_by", "ana")
        .containsEntry("commit", "abc1234")
        .containsKey("promoted_at");

    List<String> history =
        registry.history(origin.recsys()).stream()
            .filter(e -> e.by().equals("ana"))
            .map(e -> "v" + e.version() + " " + e.action() + " " + e.from() + "->" + e.to())
            .toList();
    assertThat(history)
        .containsExactly("v3 archived Production->Archived", "v4 promoted Staging->Production");
    System.out.printf("MLflow calls of a promotion to Production (%s mode): %d%n", mode, calls);
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void repeatingAPromotionChangesNothing(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    registry.promote(origin.recsys(), 4, PromotionTarget.stage("Production"), ANA);
    int events = registry.history(origin.recsys()).size();

    Promotion again =
        registry.promote(origin.recsys(), 4, PromotionTarget.stage("Production"), ANA);

    assertThat(again.applied()).isFalse();
    assertThat(again.summary()).contains("already in Production; nothing changed");
    assertThat(registry.history(origin.recsys())).hasSize(events);
    assertThat(picture(registry, origin.recsys()))
        .containsExactly("v4 Production", "v3 Archived", "v2 None", "v1 None");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void anAliasTargetMovesOnlyThatAlias(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);

    registry.promote(origin.recsys(), 2, PromotionTarget.parse("@champion"), ANA);

    ModelSnapshot after = registry.snapshot(origin.recsys());
    assertThat(after.byAlias("champion").orElseThrow().version()).isEqualTo(2);
    assertThat(picture(registry, origin.recsys()))
        .containsExactly("v4 Staging", "v3 Production", "v2 None", "v1 None");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void unknownModelsAndVersionsAreErrorsThatNameWhatExists(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);

    assertThatThrownBy(() -> registry.snapshot("no-such-model-" + origin.recsys()))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNKNOWN_MODEL);
              assertThat(e.kind()).isEqualTo(MlflowException.Kind.NOT_FOUND);
            });
    assertThatThrownBy(
            () -> registry.promote(origin.recsys(), 9, PromotionTarget.stage("Staging"), ANA))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> {
              assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_UNKNOWN_VERSION);
              assertThat(e.getMessage()).contains("its versions: 4, 3, 2, 1");
            });
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aVersionWhoseRegistrationFailedOrIsPendingIsNotPromoted(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    MlflowTestServer.setVersionStatus(origin.recsys(), 2, "FAILED_REGISTRATION");
    MlflowTestServer.setVersionStatus(origin.recsys(), 1, "PENDING_REGISTRATION");

    for (int version : new int[] {2, 1}) {
      assertThatThrownBy(
              () ->
                  registry.promote(
                      origin.recsys(), version, PromotionTarget.stage("Production"), ANA))
          .isInstanceOfSatisfying(
              MlflowException.class,
              e -> {
                assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_VERSION_NOT_READY);
                assertThat(e.getMessage()).contains("_REGISTRATION, not READY");
              });
    }
    assertThat(picture(registry, origin.recsys()))
        .containsExactly("v4 Staging", "v3 Production", "v2 None", "v1 None");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aProductionVersionIsNotDemotedToStaging(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);

    assertThatThrownBy(
            () -> registry.promote(origin.recsys(), 3, PromotionTarget.stage("Staging"), ANA))
        .isInstanceOfSatisfying(
            MlflowException.class,
            e -> assertThat(e.message()).isEqualTo(EngineMessage.MLFLOW_DEMOTION));
  }

  @org.junit.jupiter.api.Test
  void registeringTheSameRunTwiceGivesTheSameVersion() {
    ModelRegistry registry = MlflowTestServer.registry(RegistryMode.ALIASES);
    String model = MlflowTestServer.unique("dedup");
    String run = MlflowTestServer.run(registry.http(), Map.of());

    RegisteredVersion first = registry.register(model, run, "runs:/" + run + "/model");
    RegisteredVersion again = registry.register(model, run, "runs:/" + run + "/model");

    assertThat(again.version()).isEqualTo(first.version()).isEqualTo(1);
    assertThat(registry.snapshot(model).versions()).hasSize(1);
  }
}
