package io.esteira.core.config;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * What reading a {@code config.yaml} gave: the parsed project (present unless the file could not be
 * read or parsed at all) and every problem found.
 *
 * @param config the parsed project configuration
 * @param diagnostics errors and warnings, in file order
 */
public record Loaded(Optional<ProjectConfig> config, List<Diagnostic> diagnostics) {

  public Loaded {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
