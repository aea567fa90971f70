package io.esteira.deploy.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Adds a fixed delay to every HTTP attempt, so a deploy against a local emulator waits on AWS about
 * as long as one against AWS does (tens of milliseconds a call), for benchmarks.
 */
public final class Latency implements ExecutionInterceptor {

  private final long millis;

  public Latency(long millis) {
    this.millis = millis;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
