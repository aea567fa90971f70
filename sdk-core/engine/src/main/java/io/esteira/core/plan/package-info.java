/**
 * The execution plan of a pipeline: the sequences and parallel branches its steps run in and what
 * each step waits for, made from the model's step graph ({@link
 * io.esteira.core.plan.ExecutionPlan}).
 *
 * <p>It sits between the model and everything that runs a pipeline: the ASL generator lays the plan
 * out as states and the local runner follows its waits, so the two agree by construction and
 * neither depends on the other. It depends on {@code io.esteira.core.model} only.
 */
package io.esteira.core.plan;
