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
 * A log group of the project with the platform's retention: the tasks', {@code /ecs/<project>}, and
 * the state machine's, {@code /aws/vendedlogs/states/<project>-workflow}. The task definition does
 * not create its group ({@code awslogs-create-group} would need more of the execution role), and
 * Step Functions refuses a logging destination that does not exist, so each is made before what
 * writes to it.
 */
public final class LogGroupReconciler implements Reconciler {

  static final String KIND = "log group";

  private final DeployContext context;
  private final CloudWatchLogsClient logs;
  private final String name;

  /** The tasks' log group. */
  public LogGroupReconciler(DeployContext context) {
    this(context, context.names().logGroup());
  }

  /** The log group {@code name}. */
  public LogGroupReconciler(DeployContext context, String name) {
    this.context = context;
    this.logs = context.aws().logs();
    this.name = name;
  }

  @Override
  public Planned plan() {
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
    boolean tagsWrong = diff.changed("tags");
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
