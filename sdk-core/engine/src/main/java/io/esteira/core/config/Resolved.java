package io.esteira.core.config;

import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline resolved for one environment: the model (present only when there is no error) and
 * every problem found while merging and checking.
 *
 * @param model the resolved model, empty when any diagnostic is an error
 * @param diagnostics errors and warnings, in file order: those found when the file was read, then
 *     those of this environment, so this list is all a caller needs to print
 */
public record Resolved(Optional<PipelineModel> model, List<Diagnostic> diagnostics) {

  public Resolved {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
