package io.esteira.local;

import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves a command step's data around each attempt, as the ECS task's transfer containers do:
 * declared inputs into the fresh work directory before the command starts (a missing one fails the
 * attempt without starting it), declared outputs into the store after it exits with 0 (a missing
 * one fails the attempt, which is then retried like any failure). For every successful attempt,
 * Java steps included (whose launcher stored their outputs itself), it reads back what the step has
 * in the store, for {@code run.json}.
 *
 * <p>The copying after an attempt happens on the thread that reports its end, not on the run loop.
 */
final class DataLauncher implements AttemptLauncher {

  private final AttemptLauncher launcher;
  private final StepData data;

  DataLauncher(AttemptLauncher launcher, StepData data) {
    this.launcher = launcher;
    this.data = data;
  }

  @Override
  public Running start(Attempt attempt, Consumer<Ended> onEnd) throws IOException {
    StepModel step = attempt.step();
    boolean command = step.action() instanceof StepAction.Command;
    if (command) {
      Optional<String> missing = data.fetchInputs(step, attempt.workDir());
      if (missing.isPresent()) {
        onEnd.accept(new Ended(false, null, missing.get()));
        return () -> {};
      }
    }
    return launcher.start(attempt, ended -> onEnd.accept(afterwards(attempt, command, ended)));
  }

  private Ended afterwards(Attempt attempt, boolean command, Ended ended) {
    if (!ended.succeeded()) {
      return ended;
    }
    StepModel step = attempt.step();
    if (command) {
      Optional<String> failed = data.storeOutputs(step, attempt.workDir());
      if (failed.isPresent()) {
        return new Ended(false, ended.exitCode(), failed.get());
      }
    }
    try {
      return new Ended(true, ended.exitCode(), null, data.store().scan(step.id()));
    } catch (IOException e) {
      return new Ended(
          false,
          ended.exitCode(),
          "cannot read what step " + step.id() + " stored in the run's store: " + e,
          List.of());
    }
  }
}
