package io.esteira.runtime;

import io.esteira.StepContext;
import io.esteira.runtime.store.StepOutputs;
import java.util.List;

/**
 * Runs one attempt of a step and then stores its outputs: the one way every runner runs a Java
 * step, so the step launcher (in a container or a child JVM) and the local runner's in-process mode
 * cannot differ. Outputs are stored only when the step returns; a declared output (or one asked for
 * with {@link StepContext#output}) that is not a file in the work directory then fails the attempt
 * with {@link io.esteira.runtime.store.MissingOutputException}.
 */
public final class StepRun {

  private StepRun() {}

  /** What runs as the step: a dispatcher call, or a test's stub. */
  @FunctionalInterface
  public interface Body {
    void run(StepContext context) throws Exception;
  }

  /**
   * Runs {@code body} with {@code context}, then, when the context came from {@link
   * StepContext#builder}, stores the outputs in its store.
   *
   * @return the names of the outputs stored (or checked, when the context has no store)
   * @throws Exception what the step threw, or what storing its outputs threw
   */
  public static List<String> run(StepContext context, Body body) throws Exception {
    body.run(context);
    return context instanceof StepOutputs outputs ? outputs.storeOutputs() : List.of();
  }
}
