package io.esteira.runtime;

import io.esteira.StepContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dispatcher of a pipeline built from its {@link StepIndex}: each step becomes a method handle
 * on the public method the index names, looked up with the public lookup when the step first runs,
 * so a launch that runs one step loads the pipeline class and resolves one method. The processor
 * has checked at compile time that the class and its step methods are public, with a public
 * constructor without parameters; a handle that cannot be found means the index and the class come
 * from different builds.
 */
final class IndexedDispatcher implements StepDispatcher {

  private static final MethodType WITH_CONTEXT =
      MethodType.methodType(void.class, StepContext.class);
  private static final MethodType WITHOUT_CONTEXT = MethodType.methodType(void.class);

  private final StepIndex index;
  private final ClassLoader loader;
  private final Map<String, StepIndex.Entry> byId;
  private final Map<String, MethodHandle> handles = new ConcurrentHashMap<>();

  IndexedDispatcher(StepIndex index, ClassLoader loader) {
    this.index = index;
    this.loader = loader;
    this.byId =
        index.steps().stream()
            .collect(Collectors.toUnmodifiableMap(StepIndex.Entry::id, Function.identity()));
  }

  @Override
  public String project() {
    return index.project();
  }

  @Override
  public List<String> stepIds() {
    return index.stepIds();
  }

  /** Runs the step on a new instance; the method's own exception reaches the caller unwrapped. */
  @Override
  public void run(String stepId, StepContext context) throws Exception {
    StepIndex.Entry step = byId.get(stepId);
    if (step == null) {
      throw new IllegalArgumentException(
          "pipeline "
              + index.project()
              + " has no step '"
              + stepId
              + "'; its steps are "
              + stepIds());
    }
    MethodHandle handle = handles.computeIfAbsent(stepId, id -> resolve(step));
    try {
      handle.invokeExact(context);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * {@code (StepContext)void}: a new instance of the class, then the method, with the context or
   * without it.
   */
  private MethodHandle resolve(StepIndex.Entry step) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      Class<?> type = Class.forName(index.className(), true, loader);
      MethodHandle create = lookup.findConstructor(type, WITHOUT_CONTEXT);
      MethodHandle method =
          lookup.findVirtual(
              type, step.method(), step.takesContext() ? WITH_CONTEXT : WITHOUT_CONTEXT);
      if (!step.takesContext()) {
        method = MethodHandles.dropArguments(method, 1, StepContext.class);
      }
      // (instance, context) -> (context): the instance is made first, for each run.
      return MethodHandles.foldArguments(method, create.asType(MethodType.methodType(type)))
          .asType(WITH_CONTEXT);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the class "
              + index.className()
              + " of project "
              + index.project()
              + " is not on the class path; put the project's jar on it",
          e);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(
          "step '"
              + step.id()
              + "' of project "
              + index.project()
              + " names the public method "
              + index.className()
              + "."
              + step.method()
              + ", which the class on the class path lacks; the step index and the class come"
              + " from different builds, rebuild the project",
          e);
    }
  }
}
