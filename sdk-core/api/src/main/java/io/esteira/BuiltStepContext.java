package io.esteira;

import io.esteira.runtime.store.ItemNames;
import io.esteira.runtime.store.MissingOutputException;
import io.esteira.runtime.store.RunStore;
import io.esteira.runtime.store.StepOutputs;
import io.esteira.runtime.store.StoreMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The context {@link StepContext.Builder} builds: plain values, plus the step data it hands over.
 * It remembers the outputs asked for and the inputs fetched, so a second {@link #input} of the same
 * item returns the file already fetched and {@link #storeOutputs} knows what to store.
 */
final class BuiltStepContext implements StepContext, StepOutputs {

  /**
   * What a runner told the context about step data.
   *
   * @param store the run's store, or null when none is set
   * @param upstream every step upstream of this one, or null when the runner did not say
   * @param declaredInputs {@code <step>/<name>} each
   * @param declaredOutputs names, without repeats
   */
  record Data(
      RunStore store,
      Set<String> upstream,
      List<String> declaredInputs,
      List<String> declaredOutputs) {}

  private final String project;
  private final String environment;
  private final String stepId;
  private final String executionId;
  private final int attempt;
  private final Path workDir;
  private final Map<String, String> variables;
  private final System.Logger logger;
  private final Data data;
  private final Set<String> requested = new LinkedHashSet<>();

  /** Landing name to the input ({@code <step>/<name>}) fetched there. */
  private final Map<String, String> fetched = new LinkedHashMap<>();

  BuiltStepContext(
      String project,
      String environment,
      String stepId,
      String executionId,
      int attempt,
      Path workDir,
      Map<String, String> variables,
      System.Logger logger,
      Data data) {
    this.project = project;
    this.environment = environment;
    this.stepId = stepId;
    this.executionId = executionId;
    this.attempt = attempt;
    this.workDir = workDir;
    this.variables = variables;
    this.logger = logger;
    this.data = data;
  }

  @Override
  public String project() {
    return project;
  }

  @Override
  public String environment() {
    return environment;
  }

  @Override
  public String stepId() {
    return stepId;
  }

  @Override
  public String executionId() {
    return executionId;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public Optional<String> env(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  @Override
  public System.Logger logger() {
    return logger;
  }

  @Override
  public Path output(String name) {
    ItemNames.checkName("output", name);
    Path file = workDir.resolve(name);
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the directory of output " + file, e);
    }
    synchronized (this) {
      requested.add(name);
    }
    return file;
  }

  @Override
  public synchronized Path input(String step, String name) throws IOException {
    ItemNames.checkStep(step);
    ItemNames.checkName("input", name);
    String item = step + "/" + name;
    if (data.upstream() != null && !data.upstream().contains(step)) {
      Set<String> upstream = new TreeSet<>(data.upstream());
      throw new IllegalArgumentException(
          StoreMessage.DATA_NOT_UPSTREAM.describe(
              step, stepId, upstream.isEmpty() ? "none" : String.join(", ", upstream)));
    }
    Path target = workDir.resolve(name);
    String landed = fetched.get(name);
    if (landed != null) {
      if (landed.equals(item)) {
        return target;
      }
      throw new IllegalArgumentException(
          StoreMessage.DATA_SAME_LANDING.describe(landed, item, target));
    }
    for (String declared : data.declaredInputs()) {
      String[] parts = ItemNames.splitInput(declared);
      if (parts[1].equals(name) && !parts[0].equals(step)) {
        throw new IllegalArgumentException(
            StoreMessage.DATA_SAME_LANDING.describe(declared, item, target));
      }
    }
    if (data.store() == null) {
      throw new IllegalStateException(StoreMessage.DATA_NO_STORE.describe(step, name));
    }
    data.store().fetch(step, name, target);
    fetched.put(name, item);
    return target;
  }

  @Override
  public List<String> storeOutputs() throws IOException {
    List<String> names;
    synchronized (this) {
      Set<String> all = new LinkedHashSet<>(data.declaredOutputs());
      all.addAll(requested);
      names = new ArrayList<>(all);
    }
    for (String name : names) {
      if (!Files.isRegularFile(workDir.resolve(name))) {
        throw new MissingOutputException(
            StoreMessage.DATA_MISSING_OUTPUT.describe(stepId, name, workDir));
      }
    }
    if (data.store() != null) {
      for (String name : names) {
        data.store().store(stepId, name, workDir.resolve(name));
      }
    }
    return List.copyOf(names);
  }

  @Override
  public String toString() {
    return "StepContext[" + project + "/" + stepId + " attempt " + attempt + "]";
  }
}
