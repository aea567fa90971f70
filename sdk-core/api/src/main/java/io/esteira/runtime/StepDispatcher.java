package io.esteira.runtime;

import io.esteira.StepContext;
import java.util.List;

/**
 * Calls the steps of one {@code @Pipeline} class. The annotation processor generates one final
 * implementation per pipeline class, with a direct call per step (no reflection at run time), and
 * registers it for {@link java.util.ServiceLoader}; the step launcher finds it by project name.
 */
public interface StepDispatcher {

  /** The project this dispatcher runs the steps of. */
  String project();

  /** The ids of the steps it can run, in declaration order. */
  List<String> stepIds();

  /**
   * Runs one step on a new instance of the pipeline class.
   *
   * @throws IllegalArgumentException when no step has this id
   * @throws Exception whatever the step method throws
   */
  void run(String stepId, StepContext context) throws Exception;
}
