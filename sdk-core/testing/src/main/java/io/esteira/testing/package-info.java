/**
 * Helpers for users' own tests of their pipelines: {@link io.esteira.testing.PipelineTester} runs a
 * built pipeline in the test's JVM with the local runner's semantics, with chosen steps replaced by
 * stubs. A single step is tested with a context from {@link io.esteira.StepContext#builder}.
 */
package io.esteira.testing;
