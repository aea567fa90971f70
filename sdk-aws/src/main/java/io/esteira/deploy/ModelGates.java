package io.esteira.deploy;

import io.esteira.core.model.MlflowSettings.ModelGate;
import io.esteira.core.registry.DeployGate;
import io.esteira.core.registry.GateReport;
import io.esteira.deploy.messages.DeployMessage;
import io.esteira.deploy.platform.Platform;
import io.esteira.deploy.platform.Platform.EnvironmentPlatform;
import io.esteira.deploy.project.DeployableProject;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.SourcePosition;
import io.esteira.mlflow.MlflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deploy gate of every project of a deploy, checked before any AWS call: each model a pipeline
 * ships to the environment must stand where that environment requires in the MLflow registry the
 * platform file names for it ({@code environments.<env>.mlflow.tracking_uri} and {@code
 * registry_mode}).
 *
 * <p>Every project is checked, so one run shows every refusal; the caller refuses the whole deploy
 * when any project is refused. A project whose pipeline ships no model makes no MLflow request, and
 * needs no MLflow server in the platform file.
 */
public final class ModelGates {

  /**
   * The gates of a deploy.
   *
   * @param reports one per project, in input order (an empty report for a project shipping no
   *     model)
   * @param problems what kept a gate from being checked at all (no MLflow server for the
   *     environment)
   */
  public record Outcome(List<GateReport> reports, List<Diagnostic> problems) {
    public Outcome {
      reports = List.copyOf(reports);
      problems = List.copyOf(problems);
    }

    /** True when every model of every project passes. */
    public boolean passed() {
      return problems.isEmpty() && reports.stream().allMatch(GateReport::passed);
    }

    /** Every error to print: the problems, then each refused model. */
    public List<Diagnostic> refusals() {
      List<Diagnostic> all = new ArrayList<>(problems);
      reports.forEach(r -> all.addAll(r.refusals()));
      return all;
    }

    /**
     * The lines plan and deploy print, one per model ({@code recsys: model gate: recsys-model:
     * Staging required for dev: passes with v4}), or one per project shipping none.
     */
    public List<String> lines() {
      return reports.stream()
          .flatMap(
              r ->
                  r.results().isEmpty()
                      ? r.lines().stream()
                      : r.lines().stream().map(line -> r.project() + ": " + line))
          .toList();
    }
  }

  private ModelGates() {}

  /**
   * Checks the gate of each project for {@code environment}.
   *
   * @param variables where the MLflow credentials come from ({@code MLFLOW_TRACKING_TOKEN}, {@code
   *     MLFLOW_TRACKING_USERNAME}, {@code MLFLOW_TRACKING_PASSWORD})
   * @throws MlflowException when the server cannot be reached, refuses the credentials or fails: a
   *     gate that cannot look stops the deploy as well
   */
  public static Outcome check(
      List<DeployableProject> projects,
      Platform platform,
      String environment,
      Function<String, Optional<String>> variables) {
    Optional<EnvironmentPlatform> server =
        Optional.ofNullable(platform.environments().get(environment));
    Optional<DeployGate> gate =
        server.map(
            s -> DeployGate.connect(s.mlflowTrackingUri(), s.mlflowRegistryMode(), variables));
    List<GateReport> reports = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (DeployableProject project : projects) {
      List<ModelGate> models = project.model().mlflow().models();
      if (models.isEmpty()) {
        reports.add(new GateReport(project.name(), environment, List.of()));
      } else if (gate.isEmpty()) {
        problems.add(
            Diagnostic.error(
                DeployMessage.MLFLOW_GATE_NO_SERVER,
                SourcePosition.file(platform.file()),
                project.name(),
                models.stream().map(ModelGate::model).collect(Collectors.joining(", ")),
                environment,
                platform.file(),
                environment,
                environment));
      } else {
        reports.add(gate.get().check(project.model()));
      }
    }
    return new Outcome(reports, problems);
  }
}
