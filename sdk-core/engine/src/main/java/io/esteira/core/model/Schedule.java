package io.esteira.core.model;

/**
 * When the pipeline runs, and the limits of one execution. The seed keeps the pipeline timeout and
 * the default step retries under {@code schedule}, so they live here too.
 *
 * @param enabled whether the schedule is active in this model's environment: {@code
 *     schedule.enabled} and the environment is {@code prd}, unless {@code environments.<env>} says
 *     otherwise
 * @param source the expression as written in {@code config.yaml} (Unix or AWS cron, or rate), or
 *     empty when none is given
 * @param expression the EventBridge Scheduler expression ({@code cron(0 3 * * ? *)}, {@code rate(1
 *     hour)}), or empty when none is given
 * @param timezone IANA time zone the expression is read in
 * @param timeoutSeconds time limit of one whole execution ({@code schedule.timeout_seconds})
 * @param retries default retries of a step's own failures ({@code schedule.retries})
 */
public record Schedule(
    boolean enabled,
    String source,
    String expression,
    String timezone,
    int timeoutSeconds,
    int retries) {

  /** Default pipeline timeout when {@code schedule.timeout_seconds} is not given: one hour. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  /**
   * What a step's default time limit leaves of the pipeline's: a step whose timeout equals the
   * pipeline's never reaches it, since the execution times out first, and Step Functions runs no
   * catcher for an execution's own timeout, so no failure notice would name the step. A minute is
   * ample for the catcher, the failure notice (an SNS publish with two short retries) and the Fail
   * state.
   */
  public static final int STEP_TIMEOUT_MARGIN_SECONDS = 60;

  /** The shortest time limit of a step or a pipeline. */
  public static final int MIN_TIMEOUT_SECONDS = 60;

  /** Default retries when {@code schedule.retries} is not given. */
  public static final int DEFAULT_RETRIES = 0;

  /** Default time zone when {@code schedule.timezone} is not given. */
  public static final String DEFAULT_TIMEZONE = "UTC";

  public Schedule {
    source = source == null ? "" : source;
    expression = expression == null ? "" : expression;
    timezone = timezone == null ? DEFAULT_TIMEZONE : timezone;
  }

  /**
   * The time limit of one attempt of a step that sets none ({@code timeout_seconds},
   * {@code @Step(timeout)}): the pipeline's less {@link #STEP_TIMEOUT_MARGIN_SECONDS}, so that a
   * step started at once that hangs fails with its own timeout, caught and reported naming the
   * step, before the execution times out; never less than {@link #MIN_TIMEOUT_SECONDS}.
   */
  public static int defaultStepTimeoutSeconds(int pipelineTimeoutSeconds) {
    return Math.max(MIN_TIMEOUT_SECONDS, pipelineTimeoutSeconds - STEP_TIMEOUT_MARGIN_SECONDS);
  }

  /** {@link #defaultStepTimeoutSeconds(int)} of this pipeline. */
  public int defaultStepTimeoutSeconds() {
    return defaultStepTimeoutSeconds(timeoutSeconds);
  }

  /** Whether an expression is configured at all. */
  public boolean hasExpression() {
    return !expression.isEmpty();
  }
}
