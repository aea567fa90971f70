package io.esteira.runtime;

import io.esteira.StepContext;
import java.nio.file.Files;

/**
 * A pipeline class as the processor accepts one (public, a public constructor, public step
 * methods), whose step index {@link IndexedDispatcherTest} writes by hand.
 */
public final class IndexedFixture {

  public void greet(StepContext context) throws Exception {
    context.logger().log(System.Logger.Level.INFO, "hello from {0}", context.stepId());
    Files.writeString(context.workDir().resolve("greeted.txt"), context.environment());
  }

  /** Takes no context: the index says {@code none}. */
  public void quiet() {
    System.setProperty("esteira.test.quiet", "ran");
  }

  public void fail(StepContext context) throws java.io.IOException {
    throw new java.io.IOException("disk full\non line two");
  }
}
