package io.esteira.local;

import io.esteira.diagnostics.Diagnostic;
import java.util.List;

/**
 * A project the local runner cannot run as found, with the diagnostics that say why and how to fix
 * it. {@link #pipelineErrors()} tells a pipeline with errors (its config.yaml is wrong) from a
 * directory, option or build that is not what the runner needs.
 */
public final class LocalProjectException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;
  private final boolean pipelineErrors;

  private LocalProjectException(List<Diagnostic> diagnostics, boolean pipelineErrors) {
    super(diagnostics.isEmpty() ? "no project" : diagnostics.get(0).render());
    this.diagnostics = List.copyOf(diagnostics);
    this.pipelineErrors = pipelineErrors;
  }

  /** The directory, the options or the build are wrong. */
  public static LocalProjectException usage(Diagnostic diagnostic) {
    return new LocalProjectException(List.of(diagnostic), false);
  }

  /** The pipeline itself has errors (and maybe warnings), as {@code esteira validate} prints. */
  public static LocalProjectException pipelineErrors(List<Diagnostic> diagnostics) {
    return new LocalProjectException(diagnostics, true);
  }

  /** What is wrong, each with its fix. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Whether the pipeline has errors, rather than the way it was asked for. */
  public boolean pipelineErrors() {
    return pipelineErrors;
  }
}
