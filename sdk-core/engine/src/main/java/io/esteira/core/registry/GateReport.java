package io.esteira.core.registry;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The deploy gate of one pipeline for one environment.
 *
 * @param project the project being deployed
 * @param environment the environment
 * @param results one per model the pipeline ships there; empty when it declares none
 */
public record GateReport(String project, String environment, List<GateResult> results) {

  public GateReport {
    results = List.copyOf(results);
  }

  /** True when every model passes (and when there is no model to check). */
  public boolean passed() {
    return results.stream().allMatch(GateResult::passed);
  }

  /** The refusals, one error per refused model. */
  public List<Diagnostic> refusals() {
    return results.stream().map(GateResult::refusal).flatMap(Optional::stream).toList();
  }

  /** The lines {@code esteira plan} prints. */
  public List<String> lines() {
    if (results.isEmpty()) {
      return List.of("model gate: " + project + " ships no model to " + environment);
    }
    return results.stream().map(r -> "model gate: " + r.describe()).toList();
  }

  /** MLflow requests the whole check made. */
  public long calls() {
    return results.stream().mapToLong(GateResult::calls).sum();
  }
}
