package io.esteira.local;

import io.esteira.StepContext;

/**
 * What runs for a step in this JVM instead of its own code: a stub in a test ({@link
 * io.esteira.testing.PipelineTester}, {@link LocalRunner#stub}).
 */
@FunctionalInterface
public interface StepBody {

  /** Runs the step; an exception fails the attempt, as a step's own exception does. */
  void run(StepContext context) throws Exception;
}
