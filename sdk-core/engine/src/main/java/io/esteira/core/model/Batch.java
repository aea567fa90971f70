package io.esteira.core.model;

/**
 * The seed's {@code batch} section.
 *
 * @param enabled whether the batch pipeline is deployed at all; when false no state machine or
 *     schedule is generated
 * @param orchestrator {@code step_functions}, the only orchestrator Esteira supports
 */
public record Batch(boolean enabled, String orchestrator) {

  /** The orchestrator the seed names and Esteira implements. */
  public static final String STEP_FUNCTIONS = "step_functions";
}
