/**
 * What a pipeline's code is written against: {@link io.esteira.Pipeline} and {@link
 * io.esteira.Step} declare the pipeline and its steps, a step receives a {@link
 * io.esteira.StepContext}, and {@link io.esteira.LineLogger} is the step logger.
 *
 * <p>This package and the rest of artifact {@code esteira-api} are everything a step needs at run
 * time; the jar has no dependencies. The package depends on no other Esteira package; {@code
 * io.esteira.runtime}, which launches steps, builds on it. The engine that validates, generates and
 * runs pipelines is in {@code esteira-engine}, which only the annotation processor and the command
 * line use.
 */
package io.esteira;
