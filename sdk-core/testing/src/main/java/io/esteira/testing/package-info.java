/**
 * Helpers for users' own tests of their pipelines: {@link io.esteira.testing.PipelineTester} runs a
 * built pipeline in the test's JVM with the local runner's semantics, with chosen steps replaced by
 * stubs. A single step is tested with a {@link io.esteira.testing.TestStepContext}, whose {@link
 * io.esteira.testing.RecordingLogger} keeps what the step logged, or with a context from {@link
 * io.esteira.StepContext#builder}.
 *
 * <p>Artifact {@code esteira-testing}, for test scope only: it depends on the engine (the local
 * runner), which a step image never needs.
 */
package io.esteira.testing;
