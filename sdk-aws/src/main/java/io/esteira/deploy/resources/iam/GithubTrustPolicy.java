package io.esteira.deploy.resources.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import java.util.regex.Pattern;

/**
 * The trust policy that lets GitHub Actions jobs of one repository, running in one GitHub
 * environment, assume the deploy role with the OIDC token GitHub gives them: the federated
 * principal is the account's OIDC provider for {@code token.actions.githubusercontent.com}, the
 * audience {@code sts.amazonaws.com} (what aws-actions/configure-aws-credentials asks for), and the
 * subject {@code repo:<owner>/<name>:environment:<env>}, the claim GitHub sets for a job that names
 * an environment (GitHub Docs, "Configuring OpenID Connect in Amazon Web Services" and "About
 * security hardening with OpenID Connect", example subject claims; IAM User Guide, "Create a role
 * for OpenID Connect federation"). Binding the role to an environment, not a branch, is what lets
 * prd's required reviewers guard prd's role.
 */
public final class GithubTrustPolicy {

  /** The issuer of GitHub Actions' OIDC tokens, and the name of its IAM OIDC provider. */
  public static final String ISSUER = "token.actions.githubusercontent.com";

  /** GitHub's rules for owner and repository names, loosely: no ':' or '*' can slip in. */
  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final Pattern PROVIDER =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/" + Pattern.quote(ISSUER));

  private GithubTrustPolicy() {}

  /** Whether {@code repository} is {@code OWNER/NAME}. */
  public static boolean isRepository(String repository) {
    return REPOSITORY.matcher(repository).matches();
  }

  /** Whether {@code environment} can be a GitHub environment's name in a subject claim. */
  public static boolean isEnvironment(String environment) {
    return ENVIRONMENT.matcher(environment).matches();
  }

  /** Whether {@code arn} is an IAM OIDC provider ARN for GitHub Actions. */
  public static boolean isProviderArn(String arn) {
    return PROVIDER.matcher(arn).matches();
  }

  /** The ARN of the account's OIDC provider for GitHub Actions, in the {@code aws} partition. */
  public static String providerArn(String account) {
    return "arn:aws:iam::" + account + ":oidc-provider/" + ISSUER;
  }

  /** The trust policy for {@code repository}'s jobs in {@code environment}. */
  public static ObjectNode document(String providerArn, String repository, String environment) {
    ObjectNode document = Json.object();
    document.put("Version", "2012-10-17");
    ObjectNode statement = document.putArray("Statement").addObject();
    statement.put("Sid", "GithubActionsEnvironment");
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Federated", providerArn);
    statement.put("Action", "sts:AssumeRoleWithWebIdentity");
    ObjectNode equals = statement.putObject("Condition").putObject("StringEquals");
    equals.put(ISSUER + ":aud", "sts.amazonaws.com");
    equals.put(ISSUER + ":sub", "repo:" + repository + ":environment:" + environment);
    return document;
  }
}
