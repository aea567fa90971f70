package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepInput;
import io.esteira.core.model.StepModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where a run's steps work and how their data moves, as in AWS: each attempt gets a fresh, empty
 * work directory ({@code work/<step>/<attempt>/}, as each ECS task gets an empty volume), a command
 * step's declared inputs are copied in from the run's {@link LocalStore} before it starts and its
 * declared outputs copied out when it exits with 0. With {@code --shared-work-dir} every attempt
 * shares one directory instead (the store is still filled, so {@code run.json} and a later {@code
 * --resume} see the outputs).
 *
 * <p>Java steps move their own data: the step launcher fetches {@code ctx.input} and stores the
 * outputs through {@code ESTEIRA_STORE}.
 */
final class StepData {

  private final Path runDirectory;
  private final LocalStore store;
  private final Path sharedWork;
  private final Map<String, StepModel> steps;
  private final Map<String, String> reusedFrom;

  /**
   * @param sharedWork the one work directory of every attempt, or null for a fresh one each
   * @param reusedFrom step id to the run whose outputs this run took for it
   */
  StepData(
      PipelineModel model,
      Path runDirectory,
      LocalStore store,
      Path sharedWork,
      Map<String, String> reusedFrom) {
    this.runDirectory = runDirectory;
    this.store = store;
    this.sharedWork = sharedWork;
    this.steps =
        model.steps().stream().collect(Collectors.toMap(StepModel::id, Function.identity()));
    this.reusedFrom = Map.copyOf(reusedFrom);
  }

  LocalStore store() {
    return store;
  }

  /** Whether each attempt starts in its own empty directory. */
  boolean isolated() {
    return sharedWork == null;
  }

  /** The work directory of an attempt, whether or not it was made. */
  Path attemptDirectory(String step, int attempt) {
    return sharedWork != null
        ? sharedWork
        : runDirectory.resolve("work").resolve(step).resolve(Integer.toString(attempt));
  }

  /** Makes the attempt's work directory (empty, unless shared) and returns it. */
  Path workDirectory(String step, int attempt) throws IOException {
    Path directory = attemptDirectory(step, attempt);
    if (sharedWork != null) {
      return Files.createDirectories(directory);
    }
    Files.createDirectories(directory.getParent());
    return Files.createDirectory(directory);
  }

  /**
   * Copies the step's declared inputs from the store into its work directory.
   *
   * @return the failure's one-line cause, naming the item and the step that should have stored it;
   *     empty when every input is in place
   */
  Optional<String> fetchInputs(StepModel step, Path workDir) {
    for (StepInput input : step.inputs()) {
      try {
        store.fetch(input.step(), input.name(), workDir.resolve(input.name()));
      } catch (NoSuchFileException e) {
        return Optional.of(missingInput(step, input));
      } catch (IOException e) {
        return Optional.of("cannot copy input " + input + " into " + workDir + ": " + e);
      }
    }
    return Optional.empty();
  }

  private String missingInput(StepModel step, StepInput input) {
    List<String> stored = store.names(input.step());
    String has = stored.isEmpty() ? "nothing" : String.join(", ", stored);
    String run = reusedFrom.get(input.step());
    StepModel producer = steps.get(input.step());
    String how =
        run != null
            ? "step "
                + input.step()
                + " was reused from run "
                + run
                + ", which stored "
                + has
                + "; run it again (--from "
                + input.step()
                + ")"
            : "step "
                + input.step()
                + " stored "
                + has
                + "; "
                + (producer == null
                    ? "declare it as an output"
                    : declareOutput(producer, input.name()))
                + " on "
                + input.step();
    return "input "
        + input
        + " of step "
        + step.id()
        + " is not in the run's store ("
        + store.root().resolve(input.step()).resolve(input.name())
        + "): "
        + how;
  }

  /**
   * Stores the step's declared outputs from its work directory, after checking that all of them are
   * there (so a failed attempt stores none).
   *
   * @return the failure's one-line cause, naming the missing file; empty when all were stored
   */
  Optional<String> storeOutputs(StepModel step, Path workDir) {
    for (String name : step.outputs()) {
      Path file = workDir.resolve(name);
      if (Files.isDirectory(file)) {
        return Optional.of(
            "declared output "
                + name
                + " of step "
                + step.id()
                + " is a directory ("
                + file
                + "), not a file; store a file, such as a tar of the directory");
      }
      if (!Files.isRegularFile(file)) {
        return Optional.of(
            "declared output "
                + name
                + " is missing: step "
                + step.id()
                + " exited with 0 but left no file "
                + name
                + " in its work directory "
                + workDir
                + "; write it to $ESTEIRA_WORK_DIR/"
                + name
                + ", or remove it from the step's outputs");
      }
    }
    for (String name : step.outputs()) {
      try {
        store.store(step.id(), name, workDir.resolve(name));
      } catch (IOException e) {
        return Optional.of("cannot store output " + name + " of step " + step.id() + ": " + e);
      }
    }
    return Optional.empty();
  }

  /** How to declare {@code name} as an output of {@code producer}, in its own kind's words. */
  static String declareOutput(StepModel producer, String name) {
    return producer.action() instanceof StepAction.Command
        ? "declare `outputs: [" + name + "]`"
        : "declare `@Step(outputs = \""
            + name
            + "\")` (or write it through ctx.output(\""
            + name
            + "\"))";
  }
}
