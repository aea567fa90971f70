package io.esteira.deploy.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An SDK interceptor that records every AWS call the deployer makes ({@code Service:Operation}),
 * tells mutating calls from reads, and plays what moto cannot: a chosen call failing, and
 * throttling. Tests that use the failure modes say so in their names.
 *
 * <p>A call is a read when its operation starts with Describe, Get, List, BatchGet or Head; every
 * other call changes something. Failures are thrown before the request is sent, once per attempt,
 * so the SDK's retry strategy sees an injected throttling error exactly as it sees AWS's.
 */
public final class AwsCalls implements ExecutionInterceptor {

  private static final Set<String> READ_PREFIXES =
      Set.of("Describe", "Get", "List", "BatchGet", "Head");

  private final List<String> calls = new ArrayList<>();
  private final List<String> attempts = new ArrayList<>();
  private final List<String> succeeded = new ArrayList<>();
  private final AtomicInteger mutatingSeen = new AtomicInteger();
  private volatile int failMutatingCall = -1;
  private volatile Predicate<String> failWhen = call -> false;
  private volatile double throttleShare;
  private volatile Random random = new Random(1);
  private final AtomicInteger throttled = new AtomicInteger();

  /** Whether {@code Service:Operation} changes something in AWS. */
  public static boolean isMutating(String call) {
    String operation = call.substring(call.indexOf(':') + 1);
    return READ_PREFIXES.stream().noneMatch(operation::startsWith);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String call = name(attributes);
    synchronized (calls) {
      calls.add(call);
    }
    if (isMutating(call)) {
      int index = mutatingSeen.getAndIncrement();
      if (index == failMutatingCall || failWhen.test(call)) {
        throw injected(call, "InjectedFailure", 500, "injected failure of " + call);
      }
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    synchronized (succeeded) {
      succeeded.add(name(attributes));
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String call = name(attributes);
    synchronized (attempts) {
      attempts.add(call);
    }
    if (throttleShare > 0 && nextDouble() < throttleShare) {
      throttled.incrementAndGet();
      throw injected(call, "ThrottlingException", 400, "Rate exceeded (injected)");
    }
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }

  private static AwsServiceException injected(String call, String code, int status, String text) {
    return AwsServiceException.builder()
        .statusCode(status)
        .message(text)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(text)
                .serviceName(call.substring(0, call.indexOf(':')))
                .sdkHttpResponse(
                    software.amazon.awssdk.http.SdkHttpResponse.builder()
                        .statusCode(status)
                        .build())
                .build())
        .build();
  }

  private static String name(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
        + ":"
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  /** Every call so far, in order, retries not repeated. */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Every call so far that changes something. */
  public List<String> mutatingCalls() {
    return calls().stream().filter(AwsCalls::isMutating).toList();
  }

  /** Every call that AWS answered with success, in order. */
  public List<String> succeededCalls() {
    synchronized (succeeded) {
      return List.copyOf(succeeded);
    }
  }

  /** Every HTTP attempt, retries included. */
  public List<String> attempts() {
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }

  /** Forgets what was recorded and stops injecting anything. */
  public void reset() {
    synchronized (calls) {
      calls.clear();
    }
    synchronized (attempts) {
      attempts.clear();
    }
    synchronized (succeeded) {
      succeeded.clear();
    }
    mutatingSeen.set(0);
    failMutatingCall = -1;
    failWhen = call -> false;
    throttleShare = 0;
    throttled.set(0);
  }

  /** Makes the {@code index}-th (0-based) mutating call from now on fail once, without retry. */
  public void failMutatingCall(int index) {
    mutatingSeen.set(0);
    failMutatingCall = index;
  }

  /** Makes every mutating call that matches fail, without retry. */
  public void failWhen(Predicate<String> calls) {
    failWhen = calls;
  }

  /** Throttles this share (0 to 1) of all attempts, drawn from a seeded random sequence. */
  public void throttle(double share, long seed) {
    random = new Random(seed);
    throttleShare = share;
  }

  /** How many attempts were throttled. */
  public int throttledCount() {
    return throttled.get();
  }
}
