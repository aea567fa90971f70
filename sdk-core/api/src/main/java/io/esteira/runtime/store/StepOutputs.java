package io.esteira.runtime.store;

import java.io.IOException;
import java.util.List;

/**
 * A step context that stores its step's outputs once the step has succeeded: what {@code
 * StepContext.builder} builds. Runners call it through {@code io.esteira.runtime.StepRun}; pipeline
 * code never does.
 */
public interface StepOutputs {

  /**
   * Stores the declared outputs, then those asked for with {@code ctx.output}, from the work
   * directory into the run's store (when the context has one), and returns their names in that
   * order.
   *
   * @throws MissingOutputException when one of them is not a file in the work directory
   * @throws IOException when the store fails
   */
  List<String> storeOutputs() throws IOException;
}
