package io.esteira.core.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.diagnostics.Diagnostic;
import java.util.List;

/**
 * A generated JSON document and what the generator noticed while making it (limits passed, waits it
 * had to add). When any diagnostic is an error the document must not be written.
 *
 * @param json the document
 * @param diagnostics errors and warnings about it
 */
public record Generated(ObjectNode json, List<Diagnostic> diagnostics) {

  public Generated {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
