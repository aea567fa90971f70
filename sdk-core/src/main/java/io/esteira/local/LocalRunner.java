package io.esteira.local;

import io.esteira.core.model.PipelineModel;

/**
 * Runs one pipeline on this machine with the semantics of its generated state machine. Contract
 * only on this commit: the engine lands with issue 4.
 */
public final class LocalRunner {

  private final PipelineModel model;
  private final RunOptions options;

  public LocalRunner(PipelineModel model, RunOptions options) {
    this.model = model;
    this.options = options;
  }

  /**
   * Runs the pipeline (the steps {@code options} select) and returns what happened, also written to
   * {@code run.json} in the run directory. Blocks until the run ends.
   */
  public RunRecord run(RunListener listener) {
    throw new UnsupportedOperationException("the engine is not built yet: " + model + options);
  }

  /** Stops every running step and ends the run as {@link RunRecord.RunStatus#CANCELLED}. */
  public void cancel() {
    throw new UnsupportedOperationException("the engine is not built yet");
  }
}
