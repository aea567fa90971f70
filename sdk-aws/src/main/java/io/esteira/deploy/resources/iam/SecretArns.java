package io.esteira.deploy.resources.iam;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM resources that let ECS read a Secrets Manager secret named in {@code runtime.secrets}.
 *
 * <p>ECS's {@code valueFrom} takes a secret's ARN with optional JSON-key, version-stage and
 * version-id parts ({@code arn:aws:secretsmanager:region:account:secret:name-AbCdEf:password::}),
 * and accepts a partial ARN without the six characters Secrets Manager appends to every name
 * ({@code ...:secret:name}). IAM matches {@code secretsmanager:GetSecretValue} against the secret's
 * full ARN only, so a reference copied verbatim grants nothing and the task fails to start. The
 * grant is the secret's ARN without those parts, plus the same followed by {@code -??????} for the
 * case where the reference names the secret without its suffix, as AWS's guide recommends ("Secrets
 * Manager: ... IAM policy ... use ?????? wildcards", docs.aws.amazon.com/secretsmanager/
 * latest/userguide/auth-and-access_examples.html; ECS: "Pass Secrets Manager secrets through
 * environment variables", docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-
 * secrets-manager.html).
 */
final class SecretArns {

  private static final Pattern SECRET =
      Pattern.compile("(arn:[a-z-]+:secretsmanager:[^:]+:\\d{12}:secret:[^:]+)(:.*)?");

  private SecretArns() {}

  /** The resources to grant for this reference, or empty when it is no Secrets Manager ARN. */
  static Optional<List<String>> resources(String reference) {
    Matcher m = SECRET.matcher(reference);
    if (!m.matches()) {
      return Optional.empty();
    }
    String secret = m.group(1);
    return Optional.of(List.of(secret, secret + "-??????"));
  }
}
