package io.esteira.deploy.resources.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.core.generate.Placeholders;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/**
 * The project's task definition: a new revision only when the artifact, placeholders filled,
 * differs from the latest active revision in a field the artifact sets; otherwise the latest
 * revision is kept (its tags re-applied when they differ) and the state machine keeps pointing at
 * it.
 */
public final class TaskDefinitionReconciler implements Reconciler {

  static final String KIND = "task definition";

  private final DeployContext context;
  private final EcsClient ecs;
  private final Substitution substitution;

  public TaskDefinitionReconciler(DeployContext context, Substitution substitution) {
    this.context = context;
    this.ecs = context.aws().ecs();
    this.substitution = substitution;
  }

  @Override
  public Planned plan() {
    String family = context.names().taskDefinitionFamily();
    ObjectNode desired =
        (ObjectNode)
            substitution.fill(Artifact.TASK_DEFINITION, context.project().taskDefinition());
    desired.put("family", family);
    for (JsonNode container : desired.path("containerDefinitions")) {
      JsonNode options = container.path("logConfiguration").path("options");
      if (options.isObject()) {
        ((ObjectNode) options).put("awslogs-group", context.names().logGroup());
      }
    }
    JsonNode body = desired.deepCopy();
    ((ObjectNode) body).remove("tags");
    Map<String, String> tags = context.tags();
    Optional<DescribeTaskDefinitionResponse> current = latest(family);
    Diff diff = new Diff();
    String project = context.project().name();
    String familyArn = context.arn("ecs", "task-definition/" + family);
    Runnable register =
        () -> {
          String arn =
              ecs.registerTaskDefinition(TaskDefinitionJson.request(desired))
                  .taskDefinition()
                  .taskDefinitionArn();
          context.output(Placeholders.TASK_DEFINITION_ARN, arn);
        };
    if (current.isEmpty()) {
      context.output(Placeholders.TASK_DEFINITION_ARN, familyArn + ":1");
      diff.json("", null, body);
      return new Planned(PlanItem.of(project, KIND, family, false, diff.changes()), register);
    }
    var definition = current.get().taskDefinition();
    diff.json("", TaskDefinitionJson.of(definition), body);
    if (!diff.isEmpty()) {
      // A new revision carries the tags; the plan names the revision it would register.
      context.output(
          Placeholders.TASK_DEFINITION_ARN, familyArn + ":" + (definition.revision() + 1));
      return new Planned(PlanItem.of(project, KIND, family, true, diff.changes()), register);
    }
    String arn = definition.taskDefinitionArn();
    context.output(Placeholders.TASK_DEFINITION_ARN, arn);
    diff.tags(ClusterReconciler.tagMap(current.get().tags()), tags);
    return new Planned(
        PlanItem.of(project, KIND, family + ":" + definition.revision(), true, diff.changes()),
        () -> ecs.tagResource(r -> r.resourceArn(arn).tags(ClusterReconciler.ecsTags(tags))));
  }

  private Optional<DescribeTaskDefinitionResponse> latest(String family) {
    try {
      DescribeTaskDefinitionResponse response =
          ecs.describeTaskDefinition(
              r -> r.taskDefinition(family).include(TaskDefinitionField.TAGS));
      return "ACTIVE".equals(response.taskDefinition().statusAsString())
          ? Optional.of(response)
          : Optional.empty();
    } catch (ClientException e) {
      // ECS answers an unknown family with a ClientException ("Unable to describe task
      // definition").
      return Optional.empty();
    }
  }
}
