/**
 * What a pipeline's code uses: {@link io.esteira.Pipeline} and {@link io.esteira.Step} to declare
 * it, {@link io.esteira.StepContext} in each step, and {@link io.esteira.LineLogger}, the step
 * logger.
 *
 * <p>It depends on no other Esteira package; {@code io.esteira.runtime}, which launches steps,
 * builds on it.
 */
package io.esteira;
