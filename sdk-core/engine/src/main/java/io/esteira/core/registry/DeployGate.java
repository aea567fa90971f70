package io.esteira.core.registry;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.model.MlflowSettings.RequirementKind;
import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.mlflow.MlflowConnection;
import io.esteira.mlflow.MlflowException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks, before a deploy changes anything, that every model a pipeline ships stands where the
 * environment requires: by default Staging for dev and Production for prd ({@code mlflow.models} in
 * config.yaml).
 *
 * <p>Reads only, two requests per model ({@link ModelRegistry#snapshot}). A refused model gets a
 * message listing its versions and the {@code esteira models promote} command that fixes it. An
 * unreachable server or refused credentials throw {@link MlflowException}: a gate that cannot look
 * must stop the deploy as well.
 */
public final class DeployGate {

  private final ModelRegistry registry;

  public DeployGate(ModelRegistry registry) {
    this.registry = registry;
  }

  /**
   * A gate on the server of an environment (the platform file's MLflow URL), logging in with the
   * credentials of {@code env} ({@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME}
   * and {@code MLFLOW_TRACKING_PASSWORD}).
   *
   * @throws MlflowException when the URL is not an http(s) URL
   */
  public static DeployGate connect(
      String trackingUri, RegistryMode mode, Function<String, Optional<String>> env) {
    MlflowConnection connection = MlflowConnection.of(trackingUri).withCredentialsFrom(env);
    return new DeployGate(new ModelRegistry(new MlflowHttp(connection), mode));
  }

  /** The gate of every model the pipeline ships to its environment, in config.yaml order. */
  public GateReport check(PipelineModel pipeline) {
    List<GateResult> results = new ArrayList<>();
    for (ModelGate gate : pipeline.mlflow().models()) {
      results.add(check(gate, pipeline.environment()));
    }
    return new GateReport(pipeline.project(), pipeline.environment(), results);
  }

  /** One model's gate for one environment. */
  public GateResult check(ModelGate gate, String environment) {
    long start = registry.http().calls();
    String requirement = gate.kind() == RequirementKind.ALIAS ? "@" + gate.value() : gate.value();
    ModelSnapshot snapshot;
    try {
      snapshot = registry.snapshot(gate.model());
    } catch (MlflowException e) {
      if (e.message() != EngineMessage.MLFLOW_UNKNOWN_MODEL) {
        throw e;
      }
      return refused(gate, environment, requirement, List.of(), "", e.diagnostic(), start);
    }
    Optional<RegisteredVersion> satisfying =
        snapshot.versions().stream()
            .filter(RegisteredVersion::ready)
            .filter(v -> meets(v, gate))
            .findFirst();
    if (satisfying.isPresent()) {
      return new GateResult(
          gate.model(),
          requirement,
          environment,
          true,
          snapshot.versions(),
          Optional.of(satisfying.get().version()),
          "",
          Optional.empty(),
          registry.http().calls() - start);
    }
    Optional<RegisteredVersion> candidate = candidate(snapshot, gate);
    if (candidate.isEmpty()) {
      Diagnostic d =
          Diagnostic.error(
              EngineMessage.MLFLOW_GATE_NO_VERSIONS,
              null,
              gate.model(),
              registry.http().connection().trackingUri(),
              environment,
              "in " + requirement);
      return refused(gate, environment, requirement, snapshot.versions(), "", d, start);
    }
    String command =
        "esteira models promote "
            + gate.model()
            + " --version "
            + candidate.get().version()
            + " --to "
            + requirement
            + (registry.mode() == RegistryMode.STAGES ? " --mode stages" : "");
    Diagnostic d =
        Diagnostic.error(
            EngineMessage.MLFLOW_GATE_REFUSED,
            null,
            gate.model(),
            "in " + requirement,
            environment,
            snapshot.describe(),
            command);
    return refused(gate, environment, requirement, snapshot.versions(), command, d, start);
  }

  private GateResult refused(
      ModelGate gate,
      String environment,
      String requirement,
      List<RegisteredVersion> versions,
      String command,
      Diagnostic diagnostic,
      long start) {
    return new GateResult(
        gate.model(),
        requirement,
        environment,
        false,
        versions,
        Optional.empty(),
        command,
        Optional.of(diagnostic),
        registry.http().calls() - start);
  }

  private static boolean meets(RegisteredVersion v, ModelGate gate) {
    return gate.kind() == RequirementKind.ALIAS
        ? v.aliases().contains(gate.value())
        : v.stage().equalsIgnoreCase(gate.value());
  }

  /**
   * The version to promote: for Production the newest in Staging, for an alias the newest in
   * Production, else (and for Staging) the newest ready version not already past the target.
   */
  private static Optional<RegisteredVersion> candidate(ModelSnapshot snapshot, ModelGate gate) {
    List<RegisteredVersion> ready =
        snapshot.versions().stream()
            .filter(RegisteredVersion::ready)
            .sorted(Comparator.comparingInt(RegisteredVersion::version).reversed())
            .toList();
    String preferred =
        gate.kind() == RequirementKind.ALIAS
            ? RegisteredVersion.PRODUCTION
            : RegisteredVersion.PRODUCTION.equals(gate.value()) ? RegisteredVersion.STAGING : null;
    if (preferred != null) {
      Optional<RegisteredVersion> p =
          ready.stream().filter(v -> v.stage().equals(preferred)).findFirst();
      if (p.isPresent()) {
        return p;
      }
    }
    return ready.stream()
        .filter(
            v ->
                !v.stage().equals(RegisteredVersion.PRODUCTION)
                    || gate.kind() == RequirementKind.ALIAS)
        .findFirst();
  }
}
