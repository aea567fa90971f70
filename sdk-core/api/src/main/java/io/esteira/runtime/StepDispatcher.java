package io.esteira.runtime;

import io.esteira.StepContext;
import java.util.List;

/**
 * Calls the steps of one {@code @Pipeline} class. For a class built with the annotation processor,
 * {@link Dispatchers} makes one from the {@link StepIndex} the processor wrote: a method handle per
 * step, on a new instance of the class. A hand-written implementation registered for {@link
 * java.util.ServiceLoader} is found as well. The step launcher finds either by project name.
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
