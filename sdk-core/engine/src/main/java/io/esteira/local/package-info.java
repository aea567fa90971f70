/**
 * The local runner: runs a pipeline on one machine with the semantics of its generated state
 * machine (dependency order, bounded parallelism, per-step timeout, retries with the ASL's backoff,
 * the pipeline timeout), writing a run directory with one log per attempt and {@code run.json}.
 *
 * <p>{@link io.esteira.local.LocalRunner} is the engine, {@link io.esteira.local.RunOptions} what a
 * caller chooses, {@link io.esteira.local.RunListener} the live events (the command line's progress
 * display listens) and {@link io.esteira.local.RunRecord} the result, also written as {@code
 * run.json} ({@link io.esteira.local.RunJson} reads it back, {@link
 * io.esteira.local.RunDirectories} finds runs). A run that cannot start throws {@link
 * io.esteira.local.RunSetupException} before anything runs. See {@code docs/runtime.md}.
 */
package io.esteira.local;
