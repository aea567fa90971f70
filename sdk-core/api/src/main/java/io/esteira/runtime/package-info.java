/**
 * The step runtime inside a container or the local runner's child JVM: {@link
 * io.esteira.runtime.StepLauncher} is the main class of every Java step, and finds the project's
 * generated {@link io.esteira.runtime.StepDispatcher}. Its exit codes and first stderr line are the
 * contract with Step Functions and the local runner (docs/runtime.md); its messages are {@link
 * io.esteira.runtime.RuntimeMessage}.
 */
package io.esteira.runtime;
