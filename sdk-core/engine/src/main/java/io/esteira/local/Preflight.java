package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.runtime.Dispatchers;
import io.esteira.runtime.StepDispatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks made before a run starts, so that a mistake costs nothing: the selection names real
 * steps, the resumed run exists and matches, every secret is in the environment, Java steps have a
 * class path or a dispatcher. All problems are collected, then thrown together.
 */
final class Preflight {

  /**
   * What a passed check found: the resumed run and its directory (null when none), the choice per
   * step and, in-process, the dispatcher.
   */
  record Result(
      Optional<RunRecord> resumed,
      Path resumedDirectory,
      Map<String, RunSelection.Choice> choices,
      StepDispatcher dispatcher) {}

  private Preflight() {}

  static Result check(
      PipelineModel model, RunOptions options, Set<String> stubbed, ClassLoader loader) {
    List<Diagnostic> problems = new ArrayList<>();
    List<String> ids = model.steps().stream().map(StepModel::id).toList();
    if (options.only().isPresent() && options.from().isPresent()) {
      problems.add(
          Diagnostic.error(EngineMessage.RUN_SELECTION_CONFLICT, null, "--only", "--from"));
    }
    selected(model, ids, "--only", options.only(), problems);
    selected(model, ids, "--from", options.from(), problems);
    Optional<RunRecord> resumed = Optional.empty();
    if (options.resumeRunId().isPresent()) {
      resumed = resumed(model, options.runsRoot(), options.resumeRunId().get(), problems);
    }
    model
        .runtime()
        .secrets()
        .forEach(
            (name, reference) -> {
              if (!options.hostEnvironment().containsKey(name)) {
                problems.add(
                    Diagnostic.error(
                        EngineMessage.RUN_MISSING_SECRET, null, name, reference, name));
              }
            });
    if (!problems.isEmpty()) {
      throw new RunSetupException(problems);
    }
    Map<String, RunSelection.Choice> choices =
        RunSelection.choose(model, options.only(), options.from(), resumed);
    inputsLeftOut(model, options, choices, resumed, problems);
    S3RunStore.check(model, options, choices, stubbed, problems);
    boolean javaRuns =
        model.steps().stream()
            .anyMatch(
                s ->
                    s.action() instanceof StepAction.JavaMethod
                        && choices.get(s.id()).runs()
                        && !stubbed.contains(s.id()));
    StepDispatcher dispatcher = null;
    if (javaRuns && options.javaSteps() == RunOptions.JavaStepMode.CHILD_JVM) {
      if (options.classpath().isEmpty()) {
        problems.add(Diagnostic.error(EngineMessage.RUN_NO_CLASS_PATH, null, model.project()));
      }
    } else if (javaRuns) {
      dispatcher = Dispatchers.find(model.project(), loader).orElse(null);
      if (dispatcher == null) {
        problems.add(Diagnostic.error(EngineMessage.RUN_NO_DISPATCHER, null, model.project()));
      }
    }
    if (!problems.isEmpty()) {
      throw new RunSetupException(problems);
    }
    Path resumedDirectory = resumed.map(r -> options.runsRoot().resolve(r.runId())).orElse(null);
    return new Result(resumed, resumedDirectory, choices, dispatcher);
  }

  /**
   * A step that runs must find its declared inputs: each comes from a step that runs too, or that
   * the run reuses from the resumed one. One left out by {@code --only}/{@code --from} stores
   * nothing, so the step would fail after its upstream had been skipped; say so now, with the flag
   * that helps.
   */
  private static void inputsLeftOut(
      PipelineModel model,
      RunOptions options,
      Map<String, RunSelection.Choice> choices,
      Optional<RunRecord> resumed,
      List<Diagnostic> problems) {
    String flag =
        options
            .only()
            .map(s -> "--only " + s)
            .orElseGet(() -> options.from().map(s -> "--from " + s).orElse(""));
    for (StepModel step : model.steps()) {
      if (!choices.get(step.id()).runs()) {
        continue;
      }
      for (StepInput input : step.inputs()) {
        RunSelection.Choice producer = choices.get(input.step());
        if (producer == null || producer.status() != RunRecord.StepStatus.SKIPPED) {
          continue;
        }
        problems.add(
            resumed.isPresent()
                ? Diagnostic.error(
                    EngineMessage.RUN_INPUT_NOT_IN_RESUMED,
                    null,
                    step.id(),
                    input,
                    input.step(),
                    resumed.get().runId(),
                    input.step())
                : Diagnostic.error(
                    EngineMessage.RUN_INPUT_LEFT_OUT,
                    null,
                    step.id(),
                    input,
                    flag,
                    input.step(),
                    input.step(),
                    input.step()));
      }
    }
  }

  private static void selected(
      PipelineModel model,
      List<String> ids,
      String flag,
      Optional<String> step,
      List<Diagnostic> problems) {
    if (step.isPresent() && !ids.contains(step.get())) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_UNKNOWN_SELECTED_STEP,
              null,
              flag,
              step.get(),
              model.project(),
              String.join(", ", ids)));
    }
  }

  private static Optional<RunRecord> resumed(
      PipelineModel model, Path runsRoot, String asked, List<Diagnostic> problems) {
    String runId = asked;
    if (RunOptions.LATEST.equals(asked)) {
      Optional<String> latest = RunDirectories.latest(runsRoot);
      if (latest.isEmpty()) {
        problems.add(Diagnostic.error(EngineMessage.RUN_NO_RUNS, null, runsRoot));
        return Optional.empty();
      }
      runId = latest.get();
    }
    Path file = runsRoot.resolve(runId).resolve(RunJson.FILE);
    if (runId.isBlank()
        || runId.contains("/")
        || runId.contains("\\")
        || !Files.isRegularFile(file)) {
      List<String> ids = RunDirectories.runIds(runsRoot);
      String recent =
          ids.isEmpty()
              ? "none"
              : String.join(", ", ids.subList(Math.max(0, ids.size() - 3), ids.size()));
      problems.add(Diagnostic.error(EngineMessage.RUN_UNKNOWN_RUN, null, runId, runsRoot, recent));
      return Optional.empty();
    }
    RunRecord record;
    try {
      record = RunJson.read(file);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(
          Diagnostic.error(EngineMessage.RUN_UNREADABLE_RECORD, null, file, e.getMessage()));
      return Optional.empty();
    }
    if (!record.project().equals(model.project())
        || !record.environment().equals(model.environment())) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_RESUME_MISMATCH,
              null,
              runId,
              record.project() + " in " + record.environment(),
              model.project() + " in " + model.environment()));
      return Optional.empty();
    }
    if (record.status() == RunRecord.RunStatus.RUNNING) {
      Optional<ProcessHandle> runner = RunnerLock.alive(runsRoot.resolve(runId));
      if (runner.isPresent()) {
        String pid = Long.toString(runner.get().pid());
        problems.add(
            Diagnostic.error(EngineMessage.RUN_RESUMED_STILL_RUNNING, null, runId, pid, pid));
        return Optional.empty();
      }
    }
    return Optional.of(record);
  }
}
