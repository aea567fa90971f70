package io.esteira.core.registry;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * One model's deploy gate.
 *
 * @param model the registered model
 * @param requirement what the environment requires: a stage ({@code Staging}) or {@code @alias}
 * @param environment the environment being deployed
 * @param passed whether a ready version meets the requirement
 * @param versions the model's versions and where they stand, newest first
 * @param version the version that meets it, when passed
 * @param fixCommand the {@code esteira models promote} command that would make it pass; empty when
 *     passed or when no version could be promoted
 * @param refusal the error to print, when refused
 * @param calls the MLflow requests this check made
 */
public record GateResult(
    String model,
    String requirement,
    String environment,
    boolean passed,
    List<RegisteredVersion> versions,
    Optional<Integer> version,
    String fixCommand,
    Optional<Diagnostic> refusal,
    long calls) {

  public GateResult {
    versions = List.copyOf(versions);
  }

  /** {@code recsys: Production required for prd: passes with v3}, as the plan prints it. */
  public String describe() {
    return model
        + ": "
        + requirement
        + " required for "
        + environment
        + ": "
        + (passed ? "passes with v" + version.orElseThrow() : "refused");
  }
}
