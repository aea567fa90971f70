package io.esteira.local;

import io.esteira.core.model.StepModel;
import io.esteira.local.AttemptLauncher.Running;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one step stands in the run loop: its status and attempts (what the record shows), and the
 * loop's own bookkeeping (the running attempt, its deadline, why it was killed, a pending retry).
 * Touched by the loop's thread only.
 */
final class StepState {
  final StepModel step;
  final List<String> dependencies;
  StepStatus status;
  String note;
  final List<AttemptRecord> attempts = new ArrayList<>();

  /** What the step stored: set when an attempt succeeds, or from the run it was reused from. */
  List<RunRecord.StoredOutput> outputs = List.of();

  /** The running attempt, or null. */
  Running running;

  /** When the running attempt passes the step's timeout, on the run clock. */
  long deadline;

  /** Why the loop killed the running attempt, or null. */
  AttemptOutcome killedAs;

  String killNote;
  boolean waitingRetry;

  /** When the next attempt may start, on the run clock. */
  long retryDue;

  StepState(StepModel step, List<String> dependencies, RunSelection.Choice choice) {
    this.step = step;
    this.dependencies = dependencies;
    this.status = choice.status();
    this.note = choice.note();
  }
}
