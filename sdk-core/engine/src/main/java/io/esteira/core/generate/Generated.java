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
 * @param sentBytes the bytes the limit counts: the document's compact JSON as the deployer sends
 *     it, placeholders filled in at their longest; 0 when the generator does not count it
 */
public record Generated(ObjectNode json, List<Diagnostic> diagnostics, long sentBytes) {

  public Generated {
    diagnostics = List.copyOf(diagnostics);
  }

  /** A document whose size no limit counts. */
  public Generated(ObjectNode json, List<Diagnostic> diagnostics) {
    this(json, diagnostics, 0);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
