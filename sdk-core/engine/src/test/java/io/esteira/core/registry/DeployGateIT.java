package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.TestModels;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deploy gate against the origin's registry picture on a real server, in both modes: it passes
 * where the origin's rule holds, refuses with the versions and the fixing command where it does
 * not, and reads at most two MLflow requests per model.
 */
class DeployGateIT {

  private static ModelGate stage(String model, String stage) {
    return new ModelGate(model, RequirementKind.STAGE, stage);
  }

  private static String modeFlag(RegistryMode mode) {
    return mode == RegistryMode.STAGES ? " --mode stages" : "";
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void recsysPassesDevWithItsStagingVersionAndPrdWithItsProductionVersion(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    DeployGate gate = DeployGate.connect(MlflowTestServer.url(), mode, name -> Optional.empty());

    GateResult dev = gate.check(stage(origin.recsys(), "Staging"), "dev");
    GateResult prd = gate.check(stage(origin.recsys(), "Production"), "prd");

    assertThat(dev.passed()).isTrue();
    assertThat(dev.version()).contains(4);
    assertThat(prd.passed()).isTrue();
    assertThat(prd.version()).contains(3);
    assertThat(prd.describe()).endsWith(": Production required for prd: passes with v3");
    assertThat(dev.calls()).isLessThanOrEqualTo(2);
    assertThat(prd.calls()).isLessThanOrEqualTo(2);
    System.out.printf("MLflow calls of the gate per model (%s mode): %d%n", mode, prd.calls());
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void churnIsRefusedForDevWithItsVersionsAndTheCommandThatPromotesOne(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    DeployGate gate = new DeployGate(registry);

    GateResult dev = gate.check(stage(origin.churn(), "Staging"), "dev");

    assertThat(dev.passed()).isFalse();
    String command =
        "esteira models promote " + origin.churn() + " --version 2 --to Staging" + modeFlag(mode);
    assertThat(dev.fixCommand()).isEqualTo(command);
    assertThat(dev.refusal().orElseThrow().code()).isEqualTo("ESTEIRA-MLFLOW-GATE-REFUSED");
    assertThat(dev.refusal().orElseThrow().text())
        .contains("no version in Staging, which a deploy to dev requires")
        .contains("its versions: v2 Archived, v1 Production")
        .endsWith(command);
    assertThat(dev.calls()).isLessThanOrEqualTo(2);

    registry.promote(
        origin.churn(), 2, PromotionTarget.stage("Staging"), new ModelRegistry.Actor("ci", ""));
    assertThat(gate.check(stage(origin.churn(), "Staging"), "dev").passed()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aProductionGateProposesTheStagingVersion(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    registry.promote(
        origin.recsys(), 2, PromotionTarget.parse("@champion"), new ModelRegistry.Actor("ci", ""));
    DeployGate gate = new DeployGate(registry);
    // Nothing in Production any more for a fresh model with only a Staging version.
    String fresh = MlflowTestServer.unique("fresh");
    String run = MlflowTestServer.run(registry.http(), java.util.Map.of());
    registry.register(fresh, run, "runs:/" + run + "/model");
    registry.promote(fresh, 1, PromotionTarget.stage("Staging"), new ModelRegistry.Actor("ci", ""));

    GateResult prd = gate.check(stage(fresh, "Production"), "prd");
    GateResult champion =
        gate.check(new ModelGate(origin.recsys(), RequirementKind.ALIAS, "champion"), "prd");
    GateResult challenger =
        gate.check(new ModelGate(origin.recsys(), RequirementKind.ALIAS, "challenger"), "prd");

    assertThat(prd.fixCommand())
        .isEqualTo(
            "esteira models promote " + fresh + " --version 1 --to Production" + modeFlag(mode));
    assertThat(champion.passed()).isTrue();
    assertThat(champion.version()).contains(2);
    assertThat(challenger.passed()).isFalse();
    assertThat(challenger.fixCommand())
        .isEqualTo(
            "esteira models promote "
                + origin.recsys()
                + " --version 3 --to @challenger"
                + modeFlag(mode));
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aPipelineReportRefusesAnUnknownModelAndAVersionThatFailedRegistration(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    OriginRegistry origin = OriginRegistry.build(registry);
    MlflowTestServer.setVersionStatus(origin.recsys(), 4, "FAILED_REGISTRATION");
    String missing = MlflowTestServer.unique("missing");
    PipelineModel pipeline =
        TestModels.builder("recsys")
            .environment("dev")
            .model(origin.recsys(), RequirementKind.STAGE, "Staging")
            .model(missing, RequirementKind.STAGE, "Staging")
            .build();

    GateReport report = new DeployGate(registry).check(pipeline);

    assertThat(report.passed()).isFalse();
    assertThat(report.results()).hasSize(2).noneMatch(GateResult::passed);
    assertThat(report.refusals())
        .extracting(d -> d.message())
        .containsExactly(EngineMessage.MLFLOW_GATE_REFUSED, EngineMessage.MLFLOW_UNKNOWN_MODEL);
    assertThat(report.refusals().get(0).text()).contains("v4 Staging [FAILED_REGISTRATION]");
    assertThat(report.results().get(1).calls()).isEqualTo(1);
    assertThat(report.lines())
        .containsExactly(
            "model gate: " + origin.recsys() + ": Staging required for dev: refused",
            "model gate: " + missing + ": Staging required for dev: refused");
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aModelWithoutAReadyVersionIsRefusedWithoutACommandToRun(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);
    String empty = MlflowTestServer.unique("empty");
    registry.http().post("registered-models/create", java.util.Map.of("name", empty));

    GateResult dev = new DeployGate(registry).check(stage(empty, "Staging"), "dev");

    assertThat(dev.passed()).isFalse();
    assertThat(dev.fixCommand()).isEmpty();
    assertThat(dev.refusal().orElseThrow().text())
        .startsWith("model '" + empty + "' has no READY version on " + MlflowTestServer.url())
        .contains("a deploy to dev requires one in Staging; register a version");
    assertThat(dev.calls()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(RegistryMode.class)
  void aPipelineThatShipsNoModelPassesWithoutAnyCall(RegistryMode mode) {
    ModelRegistry registry = MlflowTestServer.registry(mode);

    GateReport report = new DeployGate(registry).check(TestModels.seed("prd"));

    assertThat(report.passed()).isTrue();
    assertThat(report.calls()).isZero();
    assertThat(report.lines()).containsExactly("model gate: recsys ships no model to prd");
  }
}
