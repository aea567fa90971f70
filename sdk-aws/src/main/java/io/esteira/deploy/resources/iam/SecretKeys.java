package io.esteira.deploy.resources.iam;

import io.esteira.deploy.reconcile.DeployContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The customer-managed KMS keys that encrypt the secrets a project's tasks read, found at deploy
 * time: {@code DescribeSecret} gives a Secrets Manager secret's {@code KmsKeyId}, {@code
 * DescribeParameters} a SecureString parameter's {@code KeyId}. The task execution role needs
 * {@code kms:Decrypt} on such a key, and on no AWS managed one ({@code alias/aws/secretsmanager},
 * {@code alias/aws/ssm}, or none given), whose key policy already lets the service decrypt for any
 * principal of the account (Amazon ECS Developer Guide, "Amazon ECS task execution IAM role",
 * section "Secrets Manager or Systems Manager permissions": "kms:Decrypt – Required only if your
 * key uses a custom KMS key and not the default key").
 *
 * @param keys key ARNs, sorted
 * @param aliases customer-managed key aliases ({@code alias/<name>}) a reference names instead of a
 *     key, sorted: granted through the {@code kms:ResourceAliases} condition
 * @param warnings what could not be read (another account's secret, a denied call): the deploy goes
 *     on, and says the role may lack {@code kms:Decrypt}
 */
public record SecretKeys(List<String> keys, List<String> aliases, List<String> warnings) {

  private static final Pattern SECRET =
      Pattern.compile("(arn:[a-z-]+:secretsmanager:[^:]+:\\d{12}:secret:[^:]+)(:.*)?");
  private static final Pattern PARAMETER_ARN =
      Pattern.compile("arn:[a-z-]+:ssm:[^:]+:\\d{12}:parameter(/.*)");

  public SecretKeys {
    keys = List.copyOf(keys);
    aliases = List.copyOf(aliases);
    warnings = List.copyOf(warnings);
  }

  /** No key to grant. */
  public static SecretKeys none() {
    return new SecretKeys(List.of(), List.of(), List.of());
  }

  /** Reads the key of every secret the project's {@code runtime.secrets} names. */
  public static SecretKeys find(DeployContext context) {
    TreeSet<String> keys = new TreeSet<>();
    TreeSet<String> aliases = new TreeSet<>();
    List<String> warnings = new ArrayList<>();
    for (String reference : new TreeSet<>(context.project().model().runtime().secrets().values())) {
      Optional<String> key;
      try {
        key = keyOf(context, reference);
      } catch (SdkException e) {
        warnings.add(
            "the KMS key of secret "
                + reference
                + " could not be read ("
                + e.getMessage()
                + "); if it is encrypted with a customer-managed key, give the task execution"
                + " role kms:Decrypt on that key");
        continue;
      }
      key.filter(k -> !k.startsWith("alias/aws/") && !k.contains(":alias/aws/"))
          .ifPresent(
              k -> {
                if (k.startsWith("alias/")) {
                  aliases.add(k);
                } else if (k.startsWith("arn:") && k.contains(":alias/")) {
                  aliases.add(k.substring(k.indexOf(":alias/") + 1));
                } else if (k.startsWith("arn:")) {
                  keys.add(k);
                } else {
                  keys.add(context.arn("kms", "key/" + k));
                }
              });
    }
    return new SecretKeys(List.copyOf(keys), List.copyOf(aliases), warnings);
  }

  /** The key id, ARN or alias the secret names, or empty for the service's default key. */
  private static Optional<String> keyOf(DeployContext context, String reference) {
    Matcher secret = SECRET.matcher(reference);
    if (secret.matches()) {
      return Optional.ofNullable(
          context
              .aws()
              .secretsManager()
              .describeSecret(r -> r.secretId(secret.group(1)))
              .kmsKeyId());
    }
    Matcher arn = PARAMETER_ARN.matcher(reference);
    String name = arn.matches() ? arn.group(1) : reference;
    return context
        .aws()
        .ssm()
        .describeParameters(
            r -> r.parameterFilters(f -> f.key("Name").option("Equals").values(name)))
        .parameters()
        .stream()
        .findFirst()
        .map(p -> p.keyId());
  }
}
