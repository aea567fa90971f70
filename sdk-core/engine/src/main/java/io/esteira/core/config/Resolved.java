package io.esteira.core.config;

import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline resolved for one environment: the model (present only when there is no error) and
 * every problem found while merging and checking.
 *
 * @param model the resolved model, empty when any diagnostic is an error
 * @param diagnostics errors and warnings, in file order: those found when the file was read, then
 *     those of this environment, so this list is all a caller needs to print
 * @param retriesFrom where each step's retries were set, by step id, as a message names it ({@code
 *     environments.stg.schedule.retries at config.yaml:20:5}): the generators' limits that retries
 *     drive point there, and the model keeps numbers only
 */
public record Resolved(
    Optional<PipelineModel> model, List<Diagnostic> diagnostics, Map<String, String> retriesFrom) {

  public Resolved {
    diagnostics = List.copyOf(diagnostics);
    retriesFrom = Map.copyOf(retriesFrom);
  }

  /** A resolution that does not say where retries were set. */
  public Resolved(Optional<PipelineModel> model, List<Diagnostic> diagnostics) {
    this(model, diagnostics, Map.of());
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
