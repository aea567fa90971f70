package io.esteira.deploy.resources.ec2;

import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The security group of the project's tasks, {@code esteira-<project>-tasks}, in the environment's
 * VPC: no inbound rule (batch steps serve nothing), EC2's default outbound rule (they reach ECR,
 * MLflow and S3). Found by name and VPC, since EC2 names are not unique across VPCs.
 */
public final class SecurityGroupReconciler implements Reconciler {

  static final String KIND = "security group";

  private final DeployContext context;
  private final Ec2Client ec2;

  public SecurityGroupReconciler(DeployContext context) {
    this.context = context;
    this.ec2 = context.aws().ec2();
  }

  @Override
  public Planned plan() {
    String name = context.names().securityGroup();
    String vpc = context.environment().network().vpcId();
    Map<String, String> tags = context.tags();
    Optional<SecurityGroup> current =
        ec2
            .describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder().name("group-name").values(name).build(),
                        Filter.builder().name("vpc-id").values(vpc).build()))
            .securityGroups()
            .stream()
            .findFirst();
    String project = context.project().name();
    Diff diff = new Diff();
    if (current.isEmpty()) {
      context.output(Placeholders.SECURITY_GROUPS, "(" + name + ", known after create)");
      diff.field("vpc", null, vpc).field("inbound rules", null, "none").tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            String id =
                ec2.createSecurityGroup(
                        r ->
                            r.groupName(name)
                                .vpcId(vpc)
                                .description("Esteira tasks of " + project)
                                .tagSpecifications(
                                    s ->
                                        s.resourceType(ResourceType.SECURITY_GROUP)
                                            .tags(ec2Tags(tags))))
                    .groupId();
            context.output(Placeholders.SECURITY_GROUPS, id);
          });
    }
    String id = current.get().groupId();
    context.output(Placeholders.SECURITY_GROUPS, id);
    Map<String, String> nowTags = new TreeMap<>();
    current.get().tags().forEach(t -> nowTags.put(t.key(), t.value()));
    diff.tags(nowTags, tags);
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> ec2.createTags(r -> r.resources(id).tags(ec2Tags(tags))));
  }

  static java.util.List<Tag> ec2Tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
