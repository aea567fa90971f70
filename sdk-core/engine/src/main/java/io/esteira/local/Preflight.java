package io.esteira.local;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
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

  /** What a passed check found: the resumed run and, in-process, the dispatcher. */
  record Result(
      Optional<RunRecord> resumed,
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
    if (options.resumeRunId().isPresent()
        && (options.only().isPresent() || options.from().isPresent())) {
      problems.add(
          Diagnostic.error(
              EngineMessage.RUN_SELECTION_CONFLICT,
              null,
              "--resume",
              options.only().isPresent() ? "--only" : "--from"));
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
    return new Result(resumed, choices, dispatcher);
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
      PipelineModel model, Path runsRoot, String runId, List<Diagnostic> problems) {
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
    return Optional.of(record);
  }
}
