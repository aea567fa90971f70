/**
 * The Amazon States Language state machine of a pipeline in one environment ({@link
 * io.esteira.core.generate.asl.AslGenerator}): the execution plan ({@code io.esteira.core.plan})
 * laid out as states, the failure and notification states, and the checks against Step Functions'
 * and ECS's limits.
 */
package io.esteira.core.generate.asl;
