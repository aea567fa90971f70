package io.esteira.core.generate.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.model.PipelineModel;

/** Generates the body of EventBridge Scheduler CreateSchedule for a pipeline in one environment. */
public final class ScheduleGenerator {

  private ScheduleGenerator() {}

  /** The CreateSchedule request; its state follows the environment rules. */
  public static ObjectNode generate(PipelineModel model) {
    throw new UnsupportedOperationException("not yet written");
  }
}
