package io.esteira.deploy.resources.logs;

import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/**
 * The project's log group, {@code /ecs/<project>}, with the platform's retention. The task
 * definition does not create it ({@code awslogs-create-group} would need more of the execution
 * role), so it must exist before the first task runs.
 */
public final class LogGroupReconciler implements Reconciler {

  static final String KIND = "log group";

  private final DeployContext context;
  private final CloudWatchLogsClient logs;

  public LogGroupReconciler(DeployContext context) {
    this.context = context;
    this.logs = context.aws().logs();
  }

  @Override
  public Planned plan() {
    String name = context.names().logGroup();
    String arn = context.arn("logs", "log-group:" + name);
    int retention = context.platform().logRetentionDays();
    Map<String, String> tags = context.tags();
    Optional<LogGroup> current =
        logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
            .filter(group -> group.logGroupName().equals(name))
            .findFirst();
    Diff diff = new Diff();
    if (current.isEmpty()) {
      diff.field("retention", null, retention + " days").tags(Map.of(), tags);
      return new Planned(
          PlanItem.of(context.project().name(), KIND, name, false, diff.changes()),
          () -> {
            logs.createLogGroup(r -> r.logGroupName(name).tags(tags));
            logs.putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(retention));
          });
    }
    Integer now = current.get().retentionInDays();
    Map<String, String> nowTags = logs.listTagsForResource(r -> r.resourceArn(arn)).tags();
    diff.field("retention", now == null ? "never expire" : now + " days", retention + " days")
        .tags(nowTags, tags);
    boolean retentionWrong = now == null || now != retention;
    boolean tagsWrong = diff.changes().stream().anyMatch(c -> c.field().equals("tags"));
    return new Planned(
        PlanItem.of(context.project().name(), KIND, name, true, diff.changes()),
        () -> {
          if (retentionWrong) {
            logs.putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(retention));
          }
          if (tagsWrong) {
            logs.tagResource(r -> r.resourceArn(arn).tags(tags));
          }
        });
  }
}
