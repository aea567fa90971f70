package io.esteira.deploy.resources.ec2;

import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateHttpTokensState;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * The launch template of the project's ECS instances, {@code lt-<project>}: the ECS-optimized AMI
 * the platform's public SSM parameter names today, the project's instance type, user data that
 * joins the project's cluster, the instance profile, IMDSv2 required, the tasks' security group.
 *
 * <p>Its latest version is compared field by field; a new version is created only when one differs
 * (such as when AWS publishes a newer AMI), and older versions stay, so the auto scaling group
 * keeps working until it is moved to the new one. The version the group should use is left in the
 * context under {@link #VERSION_OUTPUT}.
 */
public final class LaunchTemplateReconciler implements Reconciler {

  /** The context key of the launch template version the auto scaling group should use. */
  public static final String VERSION_OUTPUT = "esteira:launchTemplateVersion";

  static final String KIND = "launch template";

  /**
   * One hop: the ECS agent (host network) reaches the instance metadata, task containers behind a
   * bridge or their own interface do not, so they cannot take the instance role's credentials.
   */
  static final int METADATA_HOP_LIMIT = 1;

  private final DeployContext context;
  private final Ec2Client ec2;

  public LaunchTemplateReconciler(DeployContext context) {
    this.context = context;
    this.ec2 = context.aws().ec2();
  }

  @Override
  public Planned plan() {
    String name = context.names().launchTemplate();
    String ami =
        context
            .aws()
            .ssm()
            .getParameter(r -> r.name(context.platform().amiParameter()))
            .parameter()
            .value();
    String securityGroup = context.output(Placeholders.SECURITY_GROUPS).orElse("");
    Map<String, String> desired = fields(ami, securityGroup);
    Map<String, String> tags = context.tags();
    String project = context.project().name();
    Diff diff = new Diff();
    Optional<LaunchTemplate> current = find(name);
    if (current.isEmpty()) {
      context.output(VERSION_OUTPUT, "1");
      desired.forEach((field, value) -> diff.field(field, null, value));
      diff.tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> {
            long version =
                ec2.createLaunchTemplate(
                        r ->
                            r.launchTemplateName(name)
                                .versionDescription("Esteira deploy " + versionNote())
                                .launchTemplateData(data(ami, securityGroup))
                                .tagSpecifications(
                                    s ->
                                        s.resourceType(ResourceType.LAUNCH_TEMPLATE)
                                            .tags(SecurityGroupReconciler.ec2Tags(tags))))
                    .launchTemplate()
                    .latestVersionNumber();
            context.output(VERSION_OUTPUT, Long.toString(version));
          });
    }
    String id = current.get().launchTemplateId();
    long latest = current.get().latestVersionNumber();
    ResponseLaunchTemplateData now =
        ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("$Latest"))
            .launchTemplateVersions()
            .get(0)
            .launchTemplateData();
    Map<String, String> fieldsNow = fields(now);
    desired.forEach((field, value) -> diff.field(field, fieldsNow.get(field), value));
    boolean contentWrong = !diff.isEmpty();
    Map<String, String> nowTags = new TreeMap<>();
    current.get().tags().forEach(t -> nowTags.put(t.key(), t.value()));
    diff.tags(nowTags, tags);
    boolean tagsWrong = diff.changed("tags");
    context.output(VERSION_OUTPUT, Long.toString(contentWrong ? latest + 1 : latest));
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> {
          if (contentWrong) {
            long version =
                ec2.createLaunchTemplateVersion(
                        r ->
                            r.launchTemplateId(id)
                                .versionDescription("Esteira deploy " + versionNote())
                                .launchTemplateData(data(ami, securityGroup)))
                    .launchTemplateVersion()
                    .versionNumber();
            context.output(VERSION_OUTPUT, Long.toString(version));
          }
          if (tagsWrong) {
            ec2.createTags(r -> r.resources(id).tags(SecurityGroupReconciler.ec2Tags(tags)));
          }
        });
  }

  private String versionNote() {
    String version = context.project().model().version();
    return context.commit().isEmpty() ? version : version + ", commit " + context.commit();
  }

  /** Joins the instance to the project's cluster; the ECS-optimized AMI's agent reads this file. */
  String userData() {
    return "#!/bin/bash\necho ECS_CLUSTER="
        + context.names().cluster()
        + " >> /etc/ecs/ecs.config\n";
  }

  private RequestLaunchTemplateData data(String ami, String securityGroup) {
    return RequestLaunchTemplateData.builder()
        .imageId(ami)
        .instanceType(context.project().model().infra().ec2Type())
        .iamInstanceProfile(p -> p.name(context.names().instanceRole()))
        .userData(Base64.getEncoder().encodeToString(userData().getBytes(StandardCharsets.UTF_8)))
        .metadataOptions(
            m ->
                m.httpTokens(LaunchTemplateHttpTokensState.REQUIRED)
                    .httpEndpoint(LaunchTemplateInstanceMetadataEndpointState.ENABLED)
                    .httpPutResponseHopLimit(METADATA_HOP_LIMIT))
        .securityGroupIds(List.of(securityGroup))
        .build();
  }

  /** What the plan compares, as a person reads it. */
  private Map<String, String> fields(String ami, String securityGroup) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("image", ami);
    fields.put("instance type", context.project().model().infra().ec2Type());
    fields.put("instance profile", context.names().instanceRole());
    fields.put("user data", userData());
    fields.put("metadata tokens", "required");
    fields.put("metadata endpoint", "enabled");
    fields.put("metadata hop limit", Integer.toString(METADATA_HOP_LIMIT));
    fields.put("security groups", securityGroup);
    return fields;
  }

  private static Map<String, String> fields(ResponseLaunchTemplateData data) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("image", data.imageId());
    fields.put("instance type", data.instanceTypeAsString());
    fields.put(
        "instance profile",
        data.iamInstanceProfile() == null ? null : data.iamInstanceProfile().name());
    fields.put(
        "user data",
        data.userData() == null
            ? null
            : new String(Base64.getMimeDecoder().decode(data.userData()), StandardCharsets.UTF_8));
    if (data.metadataOptions() != null) {
      fields.put("metadata tokens", data.metadataOptions().httpTokensAsString());
      fields.put("metadata endpoint", data.metadataOptions().httpEndpointAsString());
      Integer hops = data.metadataOptions().httpPutResponseHopLimit();
      fields.put("metadata hop limit", hops == null ? null : hops.toString());
    }
    fields.put("security groups", String.join(", ", data.securityGroupIds()));
    return fields;
  }

  private Optional<LaunchTemplate> find(String name) {
    try {
      return ec2
          .describeLaunchTemplates(r -> r.launchTemplateNames(name))
          .launchTemplates()
          .stream()
          .findFirst();
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() != null
          && "InvalidLaunchTemplateName.NotFoundException"
              .equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
