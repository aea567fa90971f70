package io.esteira.deploy.resources.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.PlaceholderSites.Artifact;
import io.esteira.deploy.plan.Diff;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.project.Substitution;
import io.esteira.deploy.reconcile.DeployContext;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * The project's schedule, {@code sched-<project>}, in the default schedule group: created or
 * updated from the artifact, whose {@code State} already follows the environment rules (enabled
 * only in prd unless the config says otherwise). EventBridge Scheduler tags schedule groups, not
 * schedules, so a schedule carries no tags.
 */
public final class ScheduleReconciler implements Reconciler {

  static final String KIND = "schedule";

  private final DeployContext context;
  private final SchedulerClient scheduler;
  private final Substitution substitution;
  private final String artifact;

  public ScheduleReconciler(DeployContext context, Substitution substitution, String artifact) {
    this.context = context;
    this.scheduler = context.aws().scheduler();
    this.substitution = substitution;
    this.artifact = artifact;
  }

  @Override
  public Planned plan() {
    String name = context.names().schedule();
    ObjectNode desired = (ObjectNode) substitution.fill(Artifact.SCHEDULE, artifact);
    desired.put("Name", name);
    String project = context.project().name();
    Diff diff = new Diff();
    GetScheduleResponse current;
    try {
      current = scheduler.getSchedule(r -> r.name(name));
    } catch (ResourceNotFoundException e) {
      diff.json("", null, desired);
      return new Planned(
          PlanItem.of(project, KIND, name, false, diff.changes()),
          () -> scheduler.createSchedule(create(desired)));
    }
    diff.json("", of(current), desired);
    return new Planned(
        PlanItem.of(project, KIND, name, true, diff.changes()),
        () -> scheduler.updateSchedule(update(desired)));
  }

  /** The schedule as it is, in the artifact's shape. */
  static ObjectNode of(GetScheduleResponse s) {
    ObjectNode body = Json.object();
    body.put("Name", s.name());
    body.put("Description", s.description());
    body.put("State", s.stateAsString());
    body.put("ScheduleExpression", s.scheduleExpression());
    body.put("ScheduleExpressionTimezone", s.scheduleExpressionTimezone());
    if (s.flexibleTimeWindow() != null) {
      body.putObject("FlexibleTimeWindow").put("Mode", s.flexibleTimeWindow().modeAsString());
    }
    if (s.target() != null) {
      ObjectNode target = body.putObject("Target");
      target.put("Arn", s.target().arn());
      target.put("RoleArn", s.target().roleArn());
      target.put("Input", s.target().input());
      if (s.target().retryPolicy() != null) {
        target
            .putObject("RetryPolicy")
            .put("MaximumEventAgeInSeconds", s.target().retryPolicy().maximumEventAgeInSeconds())
            .put("MaximumRetryAttempts", s.target().retryPolicy().maximumRetryAttempts());
      }
    }
    return body;
  }

  private static CreateScheduleRequest create(JsonNode d) {
    JsonNode t = d.path("Target");
    return CreateScheduleRequest.builder()
        .name(d.path("Name").asText())
        .description(d.path("Description").asText())
        .state(d.path("State").asText())
        .scheduleExpression(d.path("ScheduleExpression").asText())
        .scheduleExpressionTimezone(d.path("ScheduleExpressionTimezone").asText())
        .flexibleTimeWindow(w -> w.mode(d.path("FlexibleTimeWindow").path("Mode").asText()))
        .target(
            x ->
                x.arn(t.path("Arn").asText())
                    .roleArn(t.path("RoleArn").asText())
                    .input(t.path("Input").asText())
                    .retryPolicy(
                        p ->
                            p.maximumEventAgeInSeconds(
                                    t.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt())
                                .maximumRetryAttempts(
                                    t.path("RetryPolicy").path("MaximumRetryAttempts").asInt())))
        .build();
  }

  private static UpdateScheduleRequest update(JsonNode d) {
    CreateScheduleRequest c = create(d);
    return UpdateScheduleRequest.builder()
        .name(c.name())
        .description(c.description())
        .state(c.state())
        .scheduleExpression(c.scheduleExpression())
        .scheduleExpressionTimezone(c.scheduleExpressionTimezone())
        .flexibleTimeWindow(c.flexibleTimeWindow())
        .target(c.target())
        .build();
  }
}
