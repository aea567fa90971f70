package io.esteira.deploy.resources.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The execution role's grant for each form of reference ECS accepts, checked the way IAM checks it:
 * the grant must match the secret's real ARN (with the six characters Secrets Manager appends) and
 * no other secret's.
 */
class SecretArnsTest {

  private static final String PREFIX = "arn:aws:secretsmanager:us-east-1:123456789012:secret:";
  private static final String REAL = PREFIX + "prod/db-pass-AbCdEf";

  /** IAM's ARN matching: {@code *} any run of characters, {@code ?} one, case-sensitive. */
  private static boolean iamMatches(String pattern, String arn) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return arn.matches(regex.toString());
  }

  private static boolean granted(String reference, String arn) {
    List<String> resources = SecretArns.resources(reference).orElseThrow();
    return resources.stream().anyMatch(r -> iamMatches(r, arn));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        PREFIX + "prod/db-pass-AbCdEf",
        PREFIX + "prod/db-pass-AbCdEf:password::",
        PREFIX + "prod/db-pass-AbCdEf:password:AWSCURRENT:",
        PREFIX + "prod/db-pass-AbCdEf::AWSPREVIOUS:",
        PREFIX + "prod/db-pass",
        PREFIX + "prod/db-pass:password::",
      })
  void everyFormEcsAcceptsGrantsTheSecretsRealArn(String reference) {
    assertThat(granted(reference, REAL)).as(reference).isTrue();
  }

  @Test
  void theGrantReachesNoOtherSecret() {
    String byName = PREFIX + "prod/db-pass";
    assertThat(granted(byName, PREFIX + "prod/db-password-AbCdEf")).isFalse();
    assertThat(granted(byName, PREFIX + "prod/db-pass-AbCdEf-XyZ123")).isFalse();
    assertThat(granted(byName, PREFIX + "prod/db-AbCdEf")).isFalse();
    assertThat(granted(REAL + ":password::", PREFIX + "prod/db-pass-ZzZzZz")).isFalse();
  }

  @Test
  void theJsonKeyAndVersionPartsNeverReachThePolicy() {
    assertThat(SecretArns.resources(REAL + ":password:AWSCURRENT:"))
        .contains(List.of(REAL, REAL + "-??????"));
  }

  @Test
  void otherPartitionsAreSecretsToo() {
    assertThat(
            SecretArns.resources(
                "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf:key::"))
        .contains(
            List.of(
                "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf",
                "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:db-AbCdEf-??????"));
  }

  @Test
  void ssmParametersAreNotSecretsManagerSecrets() {
    assertThat(SecretArns.resources("arn:aws:ssm:us-east-1:123456789012:parameter/db/pass"))
        .isEmpty();
    assertThat(SecretArns.resources("/db/pass")).isEmpty();
  }
}
