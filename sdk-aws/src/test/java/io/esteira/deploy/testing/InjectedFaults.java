package io.esteira.deploy.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Faults injected into every AWS client the test JVM builds, the CLI's own included: the SDK loads
 * this interceptor for all clients from {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path. Inert
 * until a test arms it with {@link #fail}; {@link #clear} disarms it. The fault replaces the HTTP
 * attempt, so the SDK handles it as it would AWS's answer (retrying it if AWS's would be retried).
 */
public final class InjectedFaults implements ExecutionInterceptor {

  private record Fault(String code, int status, String text) {}

  private static final Map<String, Fault> FAULTS = new ConcurrentHashMap<>();

  /** Makes every call of {@code Service:Operation} fail as AWS would answer with {@code code}. */
  public static void fail(String call, String code, int status, String text) {
    FAULTS.put(call, new Fault(code, status, text));
  }

  public static void clear() {
    FAULTS.clear();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    Fault fault =
        FAULTS.get(service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    if (fault != null) {
      throw AwsServiceException.builder()
          .statusCode(fault.status())
          .message(fault.text())
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode(fault.code())
                  .errorMessage(fault.text())
                  .serviceName(service)
                  .sdkHttpResponse(SdkHttpResponse.builder().statusCode(fault.status()).build())
                  .build())
          .build();
    }
  }
}
