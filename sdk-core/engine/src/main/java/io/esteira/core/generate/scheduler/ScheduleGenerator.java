package io.esteira.core.generate.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.esteira.core.generate.Json;
import io.esteira.core.generate.Placeholders;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.Schedule;

/**
 * Generates the body of EventBridge Scheduler CreateSchedule for a pipeline in one environment.
 *
 * <p>The schedule starts the pipeline's state machine with the input {@code {"environment":
 * "<env>", "project": "<project>"}}, at the converted expression in the configured time zone, with
 * no flexible window. Its state is the model's {@link Schedule#enabled()}, already resolved for the
 * environment: by the origin's rule a schedule exists in every environment but runs only where it
 * is enabled (prd, unless the overlay says otherwise).
 *
 * <p>Retries: Scheduler retries only a failed start (StartExecution throttled or refused), never a
 * failed pipeline. Its defaults (185 attempts over 24 hours) could start a daily run a day late,
 * beside the next one; here a start is retried at most {@value #MAXIMUM_RETRY_ATTEMPTS} times
 * within {@value #MAXIMUM_EVENT_AGE_SECONDS} seconds, enough for a passing error, after which the
 * run is dropped and shows in the schedule's metrics instead of starting hours late.
 *
 * <p>A model without a schedule expression, or whose batch pipeline is disabled, has no schedule:
 * callers check {@link #applies} and skip the artifact; {@link #generate} refuses such a model.
 */
public final class ScheduleGenerator {

  /** Retries of a failed start of the state machine. */
  static final int MAXIMUM_RETRY_ATTEMPTS = 5;

  /** How long after its time a start may still be retried. */
  static final int MAXIMUM_EVENT_AGE_SECONDS = 3600;

  /** CreateSchedule's limit on {@code Description}, in characters. */
  static final int DESCRIPTION_LIMIT = 512;

  private ScheduleGenerator() {}

  /** Whether the model has a schedule at all: a batch pipeline with an expression. */
  public static boolean applies(PipelineModel model) {
    return model.batch().enabled() && model.schedule().hasExpression();
  }

  /**
   * The CreateSchedule request; its state follows the environment rules.
   *
   * @throws IllegalArgumentException when {@link #applies} is false for the model
   */
  public static ObjectNode generate(PipelineModel model) {
    if (!applies(model)) {
      throw new IllegalArgumentException(
          "pipeline "
              + model.project()
              + " has no schedule in "
              + model.environment()
              + (model.batch().enabled() ? " (no schedule.cron)" : " (batch disabled)")
              + "; skip the schedule artifact when ScheduleGenerator.applies(model) is false");
    }
    Schedule schedule = model.schedule();
    ObjectNode request = Json.object();
    request.put("Name", model.names().schedule());
    request.put("Description", description(model));
    request.put("State", schedule.enabled() ? "ENABLED" : "DISABLED");
    request.put("ScheduleExpression", schedule.expression());
    request.put("ScheduleExpressionTimezone", schedule.timezone());
    request.putObject("FlexibleTimeWindow").put("Mode", "OFF");

    ObjectNode target = request.putObject("Target");
    target.put("Arn", Placeholders.STATE_MACHINE_ARN);
    target.put("RoleArn", Placeholders.SCHEDULER_ROLE_ARN);
    ObjectNode input = Json.object();
    input.put("environment", model.environment());
    input.put("project", model.project());
    target.put("Input", Json.writeCompact(input));
    ObjectNode retry = target.putObject("RetryPolicy");
    retry.put("MaximumEventAgeInSeconds", MAXIMUM_EVENT_AGE_SECONDS);
    retry.put("MaximumRetryAttempts", MAXIMUM_RETRY_ATTEMPTS);
    return request;
  }

  /** Which pipeline and environment, then the project's description, cut to the API's limit. */
  static String description(PipelineModel model) {
    String text = "Esteira pipeline " + model.project() + " (" + model.environment() + ")";
    if (!model.description().isBlank()) {
      text += ": " + model.description().strip();
    }
    if (text.codePointCount(0, text.length()) <= DESCRIPTION_LIMIT) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, DESCRIPTION_LIMIT - 1)) + "…";
  }
}
