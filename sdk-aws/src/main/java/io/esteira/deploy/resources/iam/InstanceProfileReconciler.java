package io.esteira.deploy.resources.iam;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The instance profile the project's ECS instances start with: named as the instance role, holding
 * that role and nothing else. An instance profile holds at most one role, so a wrong one is removed
 * before the right one is added (instances already running keep their credentials until then).
 */
public final class InstanceProfileReconciler implements Reconciler {

  static final String KIND = "instance profile";

  private final DeployContext context;
  private final IamClient iam;

  public InstanceProfileReconciler(DeployContext context) {
    this.context = context;
    this.iam = context.aws().iam();
  }

  @Override
  public Planned plan() {
    String name = context.names().instanceRole();
    String role = context.names().instanceRole();
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Optional<InstanceProfile> current = profile(name);
    if (current.isEmpty()) {
      diff.field("role", null, role).tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            iam.createInstanceProfile(
                r -> r.instanceProfileName(name).tags(RoleReconciler.iamTags(tags)));
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(role));
          });
    }
    List<String> roles = current.get().roles().stream().map(Role::roleName).toList();
    Map<String, String> nowTags = new TreeMap<>();
    current.get().tags().forEach(t -> nowTags.put(t.key(), t.value()));
    diff.field("role", String.join(", ", roles), role).tags(nowTags, tags);
    boolean roleWrong = !roles.equals(List.of(role));
    boolean tagsWrong = diff.changed("tags");
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (roleWrong) {
            for (String other : roles) {
              if (!other.equals(role)) {
                iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName(name).roleName(other));
              }
            }
            if (!roles.contains(role)) {
              iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(role));
            }
          }
          if (tagsWrong) {
            iam.tagInstanceProfile(
                r -> r.instanceProfileName(name).tags(RoleReconciler.iamTags(tags)));
          }
        });
  }

  private Optional<InstanceProfile> profile(String name) {
    try {
      return Optional.of(
          iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }
}
