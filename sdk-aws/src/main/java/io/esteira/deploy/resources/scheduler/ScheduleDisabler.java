package io.esteira.deploy.resources.scheduler;

import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import java.util.List;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The schedule of a project that no longer has one: {@code batch.enabled: false}, or no cron. Such
 * a project has no schedule artifact, and a deploy never deletes, so without this the schedule an
 * earlier deploy made would go on starting the state machine it left behind. It is disabled instead
 * (State ENABLED to DISABLED, everything else as it is): nothing fires, and its definition stays
 * for a later deploy that brings the schedule back, which enables it again. A schedule that targets
 * anything but this project's state machine is not Esteira's and is left alone; none at all is no
 * change. {@code esteira destroy} removes it.
 */
public final class ScheduleDisabler implements Reconciler {

  static final String KIND = "schedule";

  private final DeployContext context;
  private final SchedulerClient scheduler;

  public ScheduleDisabler(DeployContext context) {
    this.context = context;
    this.scheduler = context.aws().scheduler();
  }

  @Override
  public Planned plan() {
    String name = context.names().schedule();
    String project = context.project().name();
    PlanItem unchanged = new PlanItem(project, KIND, name, PlanItem.Action.NO_CHANGE, List.of());
    GetScheduleResponse current;
    try {
      current = scheduler.getSchedule(r -> r.name(name));
    } catch (ResourceNotFoundException e) {
      return Planned.unchanged(unchanged);
    }
    String machine = context.arn("states", "stateMachine:" + context.names().stateMachine());
    if (current.state() != ScheduleState.ENABLED
        || current.target() == null
        || !machine.equals(current.target().arn())) {
      return Planned.unchanged(unchanged);
    }
    PlanItem item =
        new PlanItem(
                project,
                KIND,
                name,
                PlanItem.Action.UPDATE,
                List.of(new PlanItem.FieldChange("State", "ENABLED", "DISABLED")))
            .withNotes(
                List.of(
                    "the project has no schedule now (batch.enabled: false, or no cron): disabled"
                        + " so that it stops starting the state machine; esteira destroy removes"
                        + " it"));
    return new Planned(item, () -> disable(scheduler, current));
  }

  /** Puts {@code current} back as it is, but disabled (UpdateSchedule replaces every field). */
  static void disable(SchedulerClient scheduler, GetScheduleResponse current) {
    scheduler.updateSchedule(
        r ->
            r.name(current.name())
                .groupName(current.groupName())
                .description(current.description())
                .state(ScheduleState.DISABLED)
                .scheduleExpression(current.scheduleExpression())
                .scheduleExpressionTimezone(current.scheduleExpressionTimezone())
                .startDate(current.startDate())
                .endDate(current.endDate())
                .flexibleTimeWindow(current.flexibleTimeWindow())
                .target(current.target())
                .kmsKeyArn(current.kmsKeyArn())
                .actionAfterCompletion(current.actionAfterCompletion()));
  }
}
