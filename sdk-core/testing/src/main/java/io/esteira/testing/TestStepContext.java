package io.esteira.testing;

import io.esteira.StepContext;
import io.esteira.runtime.store.DirectoryStore;
import io.esteira.runtime.store.StepOutputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step context for running steps in a test: {@link StepContext#builder}'s defaults ({@code
 * ENV=dev}, execution {@code local}, attempt 1), a given work directory, a logger that keeps what
 * the step logs, and a directory store in a temporary directory that a test seeds with the step's
 * inputs:
 *
 * <pre>{@code
 * TestStepContext ctx =
 *     new TestStepContext("recsys", "score_model", tempDir)
 *         .withInput("extract_features", "features.csv", "vehicle_id,rating\nx1,5.0\n".getBytes(UTF_8));
 * new RecsysPipeline().scoreModel(ctx);
 * assertThat(ctx.outputs().get("scores.csv")).hasContent("vehicle_id,score\nx1,0.9800\n");
 * }</pre>
 *
 * <p>The context does not know the pipeline's graph, so {@link #input} takes any step that has
 * seeded data. Run a whole pipeline with {@link PipelineTester} to have upstream checked.
 */
public final class TestStepContext implements StepContext, StepOutputs {

  private final StepContext context;
  private final RecordingLogger logger;
  private final DirectoryStore store;
  private final Map<String, Path> outputs = Collections.synchronizedMap(new LinkedHashMap<>());

  /**
   * A context for {@code stepId} of {@code project}, logging into a new recording logger, with an
   * empty store in a new temporary directory.
   */
  public TestStepContext(String project, String stepId, Path workDir) {
    this(project, stepId, workDir, newStoreDirectory());
  }

  /** The same with the store in {@code storeDirectory}, which may already hold items. */
  public TestStepContext(String project, String stepId, Path workDir, Path storeDirectory) {
    this.logger = new RecordingLogger();
    this.store = new DirectoryStore(storeDirectory);
    this.context =
        StepContext.builder(project, stepId).workDir(workDir).logger(logger).store(store).build();
  }

  /** Makes output {@code name} of step {@code step} hold a copy of {@code file}. */
  public TestStepContext withInput(String step, String name, Path file) {
    try {
      store.store(step, name, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes output {@code name} of step {@code step} hold {@code bytes}. */
  public TestStepContext withInput(String step, String name, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      Path file = Files.createTempFile("esteira-seed-", ".bin");
      try {
        Files.write(file, bytes);
        return withInput(step, name, file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The store the context fetches inputs from and {@link #storeOutputs} writes to. */
  public DirectoryStore store() {
    return store;
  }

  /** The outputs the step asked for with {@link #output}, by name, in the order it asked. */
  public Map<String, Path> outputs() {
    synchronized (outputs) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  @Override
  public String project() {
    return context.project();
  }

  @Override
  public String environment() {
    return context.environment();
  }

  @Override
  public String stepId() {
    return context.stepId();
  }

  @Override
  public String executionId() {
    return context.executionId();
  }

  @Override
  public int attempt() {
    return context.attempt();
  }

  @Override
  public Path workDir() {
    return context.workDir();
  }

  @Override
  public Optional<String> env(String name) {
    return context.env(name);
  }

  @Override
  public RecordingLogger logger() {
    return logger;
  }

  @Override
  public Path output(String name) {
    Path file = context.output(name);
    outputs.put(name, file);
    return file;
  }

  @Override
  public Path input(String step, String name) throws IOException {
    return context.input(step, name);
  }

  /**
   * Stores what the step asked for with {@link #output} in {@link #store}, as a runner does once
   * the step returns ({@code StepRun.run(ctx, step)} calls it).
   */
  @Override
  public List<String> storeOutputs() throws IOException {
    return ((StepOutputs) context).storeOutputs();
  }

  private static Path newStoreDirectory() {
    try {
      return Files.createTempDirectory("esteira-test-store-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
