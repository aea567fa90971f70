package io.esteira.operate;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.operate.ExecutionRun.StepRun;
import io.esteira.operate.ExecutionRun.StepState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;

/**
 * Resumes an execution that did not succeed from the state that failed, with Step Functions' {@code
 * RedriveExecution}, after checking that doing so would run something again.
 *
 * <p>What AWS documents (Step Functions developer guide, "Restarting state machine executions with
 * redrive"; API reference, RedriveExecution): a redrive continues a failed, aborted or timed-out
 * Standard execution from its unsuccessful state, with the same input, the same state machine
 * definition (or version) and the same ARN, within 14 days of its end; the states that succeeded
 * are not run again; the state machine's {@code TimeoutSeconds} starts over. Two consequences for
 * Esteira's state machines:
 *
 * <ul>
 *   <li>A step's failure is caught: its catcher leads through {@code Step failed} (and {@code
 *       Notify failure}) to the {@code Pipeline failed} Fail state, and the execution fails there.
 *       The unsuccessful state is then that Fail state, so a redrive would run only it and fail
 *       again at once, without running the step. Such an execution is refused (unless {@code
 *       force}) with the advice to start a new one. An execution that timed out or was aborted
 *       while a step ran is redriven from that step.
 *   <li>The state machine's first state assigns the workflow variables every step reads ({@code
 *       cluster}, {@code taskDefinition}, {@code capacity}, {@code network}, {@code store}). AWS's
 *       documentation of redrive does not say whether variables assigned by states that succeeded
 *       before the failure are restored. If they were not, the redriven step would fail at once
 *       with {@code States.Runtime} (which no catcher catches), before any task starts. Every
 *       redrive says so, and {@code esteira status} shows the outcome.
 * </ul>
 */
public final class Redrive {

  /** What every redrive is told, until AWS documents how variables fare in a redrive. */
  public static final String VARIABLES_NOTE =
      "the steps read the cluster, task definition, capacity and network from workflow variables"
          + " that the state machine's first state assigns; AWS does not document whether a"
          + " redrive restores variables assigned before the failure, and if it does not, the"
          + " redriven step fails at once with States.Runtime before any task starts (esteira"
          + " status shows it); start a new execution with esteira start then";

  private final OperateContext context;

  public Redrive(OperateContext context) {
    this.context = context;
  }

  /**
   * A redrive made.
   *
   * @param executionArn the execution, whose ARN a redrive keeps
   * @param redrivenAt when Step Functions redrove it
   * @param resumesAt the step it resumes at, when one was running or failed
   * @param consoleLink its page in the AWS console
   */
  public record Redriven(
      String executionArn, Instant redrivenAt, Optional<String> resumesAt, String consoleLink) {}

  /** Redrives {@code executionArn}, unless doing so would run nothing again (or {@code force}). */
  public Redriven redrive(String executionArn, boolean force) throws OperateException {
    Executions executions = new Executions(context);
    DescribeExecutionResponse described = executions.describe(executionArn, Optional.empty());
    ExecutionRun run = executions.run(executionArn, Optional.empty());
    Executions.Owner owner = executions.owner(executionArn);
    Optional<Diagnostic> refusal =
        refusal(
            described.statusAsString(),
            Optional.ofNullable(described.redriveStatusAsString()),
            Optional.ofNullable(described.redriveStatusReason()),
            run,
            owner.project(),
            owner.environment(),
            force);
    if (refusal.isPresent()) {
      throw OperateException.failed(refusal.get());
    }
    Instant at;
    try {
      at = context.aws().sfn().redriveExecution(r -> r.executionArn(executionArn)).redriveDate();
    } catch (ExecutionNotRedrivableException e) {
      throw OperateException.failed(
          Diagnostic.error(
              OperateMessage.OPS_REDRIVE_NOT_REDRIVABLE,
              null,
              executionArn,
              e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage(),
              owner.project(),
              owner.environment()));
    }
    return new Redriven(
        executionArn,
        at == null ? Instant.now() : at,
        resumedStep(run).map(StepRun::id),
        ConsoleLinks.execution(executionArn));
  }

  /**
   * Why {@code run} should not be redriven, or empty when a redrive would run its failed or
   * interrupted step again.
   *
   * @param status DescribeExecution's status
   * @param redriveStatus DescribeExecution's {@code redriveStatus} ({@code REDRIVABLE}, {@code
   *     NOT_REDRIVABLE}, ...), when it says
   * @param redriveReason its {@code redriveStatusReason}, when it says
   */
  static Optional<Diagnostic> refusal(
      String status,
      Optional<String> redriveStatus,
      Optional<String> redriveReason,
      ExecutionRun run,
      String project,
      String environment,
      boolean force) {
    String reason = null;
    if ("RUNNING".equals(status) || "PENDING_REDRIVE".equals(status)) {
      reason = "it is still running";
    } else if ("SUCCEEDED".equals(status)) {
      reason = "it succeeded";
    } else if (redriveStatus.filter("NOT_REDRIVABLE"::equals).isPresent()) {
      reason = redriveReason.orElse("Step Functions says it is not redrivable");
    }
    if (reason != null) {
      return Optional.of(
          Diagnostic.error(
              OperateMessage.OPS_REDRIVE_NOT_REDRIVABLE,
              null,
              run.executionArn(),
              reason,
              project,
              environment));
    }
    if (!force && "FAILED".equals(status) && run.failState().isPresent()) {
      String step = resumedStep(run).map(StepRun::id).orElse("(none)");
      return Optional.of(
          Diagnostic.error(
              OperateMessage.OPS_REDRIVE_CAUGHT,
              null,
              run.executionArn(),
              step,
              run.failState().get(),
              step,
              project,
              environment));
    }
    return Optional.empty();
  }

  /** The step a redrive runs again: the last one that failed, timed out or was stopped. */
  static Optional<StepRun> resumedStep(ExecutionRun run) {
    List<StepRun> unfinished =
        run.steps().stream()
            .filter(
                s ->
                    s.state() == StepState.FAILED
                        || s.state() == StepState.TIMED_OUT
                        || s.state() == StepState.CANCELLED)
            .toList();
    return unfinished.isEmpty()
        ? Optional.empty()
        : Optional.of(unfinished.get(unfinished.size() - 1));
  }
}
