package io.esteira.deploy.resources.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.esteira.core.generate.Json;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * One IAM role of a project: its trust policy, its one inline policy ({@value #POLICY_NAME}), the
 * managed policies it must have, and its tags. Policies are compared as JSON, not as text, since
 * IAM returns them URL-encoded.
 */
public final class RoleReconciler implements Reconciler {

  /** The name of the inline policy Esteira manages on each role. */
  public static final String POLICY_NAME = "esteira";

  static final String KIND = "IAM role";

  private final DeployContext context;
  private final IamClient iam;
  private final String name;
  private final String description;
  private final JsonNode trust;
  private final Optional<JsonNode> policy;
  private final String output;
  private final List<String> managedPolicies;

  /**
   * @param output the placeholder the role's ARN fills, such as {@code ${TaskRoleArn}}, or null
   */
  public RoleReconciler(
      DeployContext context,
      String name,
      String description,
      JsonNode trust,
      Optional<JsonNode> policy,
      String output) {
    this(context, name, description, trust, policy, output, List.of());
  }

  /**
   * @param output the placeholder the role's ARN fills, or null
   * @param managedPolicies ARNs of managed policies the role must have attached; others attached by
   *     someone else are left alone
   */
  public RoleReconciler(
      DeployContext context,
      String name,
      String description,
      JsonNode trust,
      Optional<JsonNode> policy,
      String output,
      List<String> managedPolicies) {
    this.managedPolicies = List.copyOf(managedPolicies);
    this.context = context;
    this.iam = context.aws().iam();
    this.name = name;
    this.description = description;
    this.trust = trust;
    this.policy = policy;
    this.output = output;
  }

  @Override
  public Planned plan() {
    String arn = context.iamArn("role/" + name);
    if (output != null) {
      context.output(output, arn);
    }
    Map<String, String> tags = context.tags();
    Optional<Role> current = role();
    Diff diff = new Diff();
    String project = context.project().name();
    if (current.isEmpty()) {
      diff.field("trust policy", null, trust).tags(Map.of(), tags);
      policy.ifPresent(p -> diff.field("policy " + POLICY_NAME, null, p));
      if (!managedPolicies.isEmpty()) {
        diff.field("managed policies", null, String.join(", ", managedPolicies));
      }
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            iam.createRole(
                r ->
                    r.roleName(name)
                        .description(description)
                        .assumeRolePolicyDocument(Json.writeCompact(trust).strip())
                        .tags(iamTags(tags)));
            policy.ifPresent(this::putPolicy);
            managedPolicies.forEach(this::attach);
          });
    }
    JsonNode nowTrust = parse(current.get().assumeRolePolicyDocument());
    JsonNode nowPolicy = inlinePolicy();
    Map<String, String> nowTags =
        iam.listRoleTags(r -> r.roleName(name)).tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b, TreeMap::new));
    diff.field("trust policy", nowTrust, trust);
    diff.field("policy " + POLICY_NAME, nowPolicy, policy.orElse(null));
    diff.tags(nowTags, tags);
    List<String> missing = missingManagedPolicies();
    if (!missing.isEmpty()) {
      diff.field("managed policies", "", String.join(", ", missing));
    }
    boolean trustWrong = !trust.equals(nowTrust);
    boolean policyWrong = !java.util.Objects.equals(nowPolicy, policy.orElse(null));
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (trustWrong) {
            iam.updateAssumeRolePolicy(
                r -> r.roleName(name).policyDocument(Json.writeCompact(trust).strip()));
          }
          if (policyWrong) {
            if (policy.isPresent()) {
              putPolicy(policy.get());
            } else {
              iam.deleteRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME));
            }
          }
          if (tagsWrong) {
            iam.tagRole(r -> r.roleName(name).tags(iamTags(tags)));
          }
          missing.forEach(this::attach);
        });
  }

  private void attach(String policyArn) {
    iam.attachRolePolicy(r -> r.roleName(name).policyArn(policyArn));
  }

  /** The managed policies that should be attached and are not; no call when none should be. */
  private List<String> missingManagedPolicies() {
    if (managedPolicies.isEmpty()) {
      return List.of();
    }
    Set<String> attached =
        iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name)).attachedPolicies().stream()
            .map(AttachedPolicy::policyArn)
            .collect(Collectors.toSet());
    return managedPolicies.stream().filter(p -> !attached.contains(p)).toList();
  }

  private void putPolicy(JsonNode document) {
    iam.putRolePolicy(
        r ->
            r.roleName(name)
                .policyName(POLICY_NAME)
                .policyDocument(Json.writeCompact(document).strip()));
  }

  private Optional<Role> role() {
    try {
      return Optional.of(iam.getRole(r -> r.roleName(name)).role());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  private JsonNode inlinePolicy() {
    try {
      return parse(
          iam.getRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME)).policyDocument());
    } catch (NoSuchEntityException e) {
      return null;
    }
  }

  /** A policy document as IAM returns it: URL-encoded JSON (moto returns it plain). */
  static JsonNode parse(String document) {
    String text =
        document.trim().startsWith("{")
            ? document
            : URLDecoder.decode(document, StandardCharsets.UTF_8);
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("IAM returned a policy that is not JSON: " + text, e);
    }
  }

  static java.util.List<Tag> iamTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
