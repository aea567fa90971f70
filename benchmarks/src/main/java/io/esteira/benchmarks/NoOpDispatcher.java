package io.esteira.benchmarks;

import io.esteira.StepContext;
import io.esteira.runtime.StepDispatcher;
import java.util.List;

/**
 * The dispatcher of the runner benchmarks' project {@value #PROJECT}: every step returns at once,
 * so a run measures the runner alone. Registered for {@link java.util.ServiceLoader} like a
 * generated one.
 */
public final class NoOpDispatcher implements StepDispatcher {

  static final String PROJECT = "bench_noop";

  @Override
  public String project() {
    return PROJECT;
  }

  @Override
  public List<String> stepIds() {
    return List.of();
  }

  @Override
  public void run(String stepId, StepContext context) {
    // Nothing: the step's own work is not what is measured.
  }
}
