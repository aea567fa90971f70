package io.esteira.deploy.resources.scheduler;

import io.esteira.core.model.ResourceNames;
import io.esteira.deploy.plan.PlanItem;
import io.esteira.deploy.plan.Reconciler;
import io.esteira.deploy.reconcile.DeployContext;
import io.esteira.deploy.reconcile.DeployNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * {@code deploy --prune}: the enabled schedules an earlier deploy made for projects that are no
 * longer in the repository, each disabled (State ENABLED to DISABLED, the rest as it is) so that it
 * stops starting the state machine left behind; {@code esteira destroy <project>} removes the rest.
 *
 * <p>EventBridge Scheduler tags no schedule, so a schedule is taken for one of this environment's
 * Esteira projects only when everything about it says so: its name is {@code sched-<project>} (with
 * {@code -<env>} when the platform suffixes names), it targets that project's state machine in this
 * account and region, and it runs as that project's scheduler role. Anything else is left alone.
 */
public final class OrphanSchedules {

  private static final String PREFIX = "sched-";

  private OrphanSchedules() {}

  /**
   * One reconciler per enabled Esteira schedule of this environment whose project is not in {@code
   * projects}; reads only.
   */
  public static List<Function<DeployContext, Reconciler>> find(
      DeployContext any, Set<String> projects) {
    SchedulerClient scheduler = any.aws().scheduler();
    String environment = any.project().environment();
    boolean suffixed = any.platform().environmentSuffix();
    List<Function<DeployContext, Reconciler>> orphans = new ArrayList<>();
    for (ScheduleSummary summary : scheduler.listSchedulesPaginator(r -> {}).schedules()) {
      String name = summary.name();
      if (!name.startsWith(PREFIX) || summary.state() != ScheduleState.ENABLED) {
        continue;
      }
      String project = name.substring(PREFIX.length());
      if (suffixed) {
        if (!project.endsWith("-" + environment)) {
          continue;
        }
        project = project.substring(0, project.length() - environment.length() - 1);
      }
      if (project.isEmpty() || projects.contains(project)) {
        continue;
      }
      DeployNames names = new DeployNames(new ResourceNames(project, "0"), environment, suffixed);
      if (!names.schedule().equals(name)) {
        continue;
      }
      GetScheduleResponse schedule;
      try {
        schedule = scheduler.getSchedule(r -> r.name(name).groupName(summary.groupName()));
      } catch (ResourceNotFoundException e) {
        continue;
      }
      String machine = any.arn("states", "stateMachine:" + names.stateMachine());
      String role = any.iamArn("role/" + names.schedulerRole());
      if (schedule.target() == null
          || !machine.equals(schedule.target().arn())
          || !role.equals(schedule.target().roleArn())) {
        continue;
      }
      String owner = project;
      orphans.add(c -> new Orphan(scheduler, owner, schedule));
    }
    return orphans;
  }

  /** One schedule to disable. */
  private record Orphan(SchedulerClient scheduler, String project, GetScheduleResponse current)
      implements Reconciler {

    @Override
    public Planned plan() {
      PlanItem item =
          new PlanItem(
                  project,
                  ScheduleDisabler.KIND,
                  current.name(),
                  PlanItem.Action.UPDATE,
                  List.of(new PlanItem.FieldChange("State", "ENABLED", "DISABLED")))
              .withNotes(
                  List.of(
                      "project "
                          + project
                          + " is no longer under --projects-root (--prune): disabled so that it"
                          + " stops starting its state machine; esteira destroy "
                          + project
                          + " removes the rest"));
      return new Planned(item, () -> ScheduleDisabler.disable(scheduler, current));
    }
  }
}
