package io.esteira.deploy.aws;

import io.esteira.deploy.messages.DeployMessage;
import io.esteira.diagnostics.Diagnostic;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An error AWS answered (expired credentials, a missing permission, throttling the SDK's retries
 * did not outlast) as one line: the service, the operation, AWS's error code and message, and what
 * to do about it. The deployer's boundary: no {@link AwsServiceException} reaches the user as a
 * stack trace or an internal error.
 *
 * <p>The codes are AWS's common errors
 * (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html) and the services'
 * own spellings of them ({@code ExpiredTokenException}, {@code AccessDeniedException}, ...).
 */
public final class AwsRefusal {

  private static final Set<String> EXPIRED =
      Set.of("expiredtoken", "expiredtokenexception", "requestexpired", "tokenrefreshrequired");
  private static final Set<String> BAD_CREDENTIALS =
      Set.of(
          "invalidclienttokenid",
          "unrecognizedclientexception",
          "signaturedoesnotmatch",
          "incompletesignature",
          "missingauthenticationtoken",
          "authfailure",
          "invalidaccesskeyid");
  private static final Set<String> DENIED =
      Set.of("accessdenied", "accessdeniedexception", "unauthorizedoperation", "forbidden");
  private static final Set<String> THROTTLED =
      Set.of(
          "throttling",
          "throttlingexception",
          "toomanyrequestsexception",
          "requestlimitexceeded",
          "slowdown",
          "servicequotaexceededexception");

  private AwsRefusal() {}

  /**
   * The diagnostic for {@code e}.
   *
   * @param operation {@code Service:Operation} as {@link AwsClients#operationOf} names it, or empty
   */
  public static Diagnostic diagnostic(AwsServiceException e, String operation) {
    String service = "";
    String call = "a call";
    int colon = operation.indexOf(':');
    if (colon > 0) {
      service = operation.substring(0, colon);
      call = operation.substring(colon + 1);
    }
    String code = "an error";
    String text = String.valueOf(e.getMessage());
    if (e.awsErrorDetails() != null) {
      if (service.isEmpty() && e.awsErrorDetails().serviceName() != null) {
        service = e.awsErrorDetails().serviceName();
      }
      if (e.awsErrorDetails().errorCode() != null) {
        code = e.awsErrorDetails().errorCode();
      }
      if (e.awsErrorDetails().errorMessage() != null) {
        text = e.awsErrorDetails().errorMessage();
      }
    }
    text = text.replaceAll("\\s*\\R\\s*", " ").strip() + " (HTTP " + e.statusCode() + ")";
    return Diagnostic.error(
        DeployMessage.DEPLOY_AWS_REFUSED,
        null,
        service.isEmpty() ? "service" : service,
        call,
        code,
        text,
        hint(code));
  }

  /** What to do about an error {@code code}. */
  static String hint(String code) {
    String c = code.toLowerCase(Locale.ROOT);
    if (EXPIRED.contains(c)) {
      return "the credentials have expired: refresh them (aws sso login, or new AWS_ACCESS_KEY_ID,"
          + " AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; in CI, re-run the credentials step)";
    }
    if (BAD_CREDENTIALS.contains(c)) {
      return "AWS does not accept these credentials: check AWS_PROFILE and AWS_ACCESS_KEY_ID,"
          + " and that they belong to the account and partition of --region";
    }
    if (DENIED.contains(c)) {
      return "this identity lacks the permission: grant it the IAM action the operation names, or"
          + " use a role that has it";
    }
    if (THROTTLED.contains(c)) {
      return "AWS kept throttling after the SDK's retries: wait a few minutes, or lower"
          + " --parallelism";
    }
    return "check the AWS error above and this identity's permissions";
  }
}
