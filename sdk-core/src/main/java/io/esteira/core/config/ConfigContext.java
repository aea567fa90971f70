package io.esteira.core.config;

import java.util.List;

/**
 * What checking a config.yaml needs besides the file itself.
 *
 * @param environments every environment of the project: dev, prd, then the declared ones, sorted
 * @param schedules converts and checks {@code schedule.cron}
 * @param instances the EC2 instance types steps are checked against
 */
record ConfigContext(
    List<String> environments, ScheduleChecks schedules, InstanceCatalog instances) {

  ConfigContext {
    environments = List.copyOf(environments);
  }
}
