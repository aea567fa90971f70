package io.esteira.local;

import io.esteira.LineLogger;
import io.esteira.StepContext;
import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepGraph;
import io.esteira.core.model.StepInput;
import io.esteira.runtime.RunStores;
import io.esteira.runtime.StepDispatcher;
import io.esteira.runtime.StepLauncher;
import io.esteira.runtime.StepRun;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs Java steps in this JVM, each attempt on its own thread, through the project's dispatcher or
 * a stub; command steps still go to {@link ProcessLauncher}.
 *
 * <p>The step's logger, a failure's cause and stack trace, and what the step's thread and the
 * threads it starts print to {@code System.out} and {@code System.err} go to the attempt's log
 * ({@link AttemptOutput}, which the runner installs for the run). The step reads its variables
 * through {@link StepContext#env}, not {@code System.getenv}, which a JVM cannot change. A kill
 * (time-out, failure elsewhere, cancel) interrupts the thread and abandons it: the attempt ends at
 * once, and a step that ignores interrupts keeps running in the background until it returns. Use
 * child JVMs when steps must really stop.
 *
 * <p>Each attempt runs through {@link StepRun}, as in the step launcher: the context gets the run's
 * store from the attempt's {@code ESTEIRA_STORE} (none when it is unset), the step's transitive
 * upstream from the model's graph and its declared inputs and outputs, and the outputs are stored
 * when the step returns.
 */
final class InProcessLauncher implements AttemptLauncher {

  private final PipelineModel model;
  private final StepDispatcher dispatcher;
  private final Map<String, StepBody> stubs;
  private final AttemptLauncher processes;

  /**
   * @param dispatcher the project's dispatcher, or null when every Java step has a stub
   * @param stubs step id to what runs instead of the step
   */
  InProcessLauncher(
      PipelineModel model,
      StepDispatcher dispatcher,
      Map<String, StepBody> stubs,
      AttemptLauncher processes) {
    this.model = model;
    this.dispatcher = dispatcher;
    this.stubs = Map.copyOf(stubs);
    this.processes = processes;
  }

  @Override
  public Running start(Attempt attempt, Consumer<Ended> onEnd) throws IOException {
    String id = attempt.step().id();
    StepBody stub = stubs.get(id);
    if (stub == null && attempt.step().action() instanceof StepAction.Command) {
      return processes.start(attempt, onEnd);
    }
    StepBody body = stub != null ? stub : context -> dispatcher.run(id, context);
    PrintStream log =
        new PrintStream(
            new FileOutputStream(attempt.logFile().toFile(), true), true, StandardCharsets.UTF_8);
    StepContext.Builder builder =
        StepContext.builder(model.project(), id)
            .environment(model.environment())
            .executionId(attempt.environment().get("ESTEIRA_EXECUTION_ID"))
            .attempt(attempt.number())
            .workDir(attempt.workDir())
            .env(attempt.environment())
            .logger(new LineLogger(id, log))
            .upstream(upstream(model.graph(), id))
            .declaredInputs(attempt.step().inputs().stream().map(StepInput::toString).toList())
            .declaredOutputs(attempt.step().outputs());
    String storeRoot = attempt.environment().get("ESTEIRA_STORE");
    if (storeRoot != null && !storeRoot.isBlank()) {
      try {
        builder.store(RunStores.open(storeRoot, storeLoader()));
      } catch (RunStores.RunStoreException e) {
        log.println(e.getMessage());
        log.close();
        // As the step launcher's usage exit: nothing of the step ran, and a retry would not open
        // it.
        onEnd.accept(Ended.setupFailure(null, e.getMessage()));
        return () -> {};
      }
    }
    StepContext context = builder.build();
    AtomicBoolean ended = new AtomicBoolean();
    Consumer<Ended> once =
        result -> {
          if (ended.compareAndSet(false, true)) {
            onEnd.accept(result);
          }
        };
    Thread thread =
        new Thread(
            () -> {
              Runnable unroute = AttemptOutput.route(log);
              Ended result;
              try {
                StepRun.run(context, body::run);
                result = new Ended(true, null, null);
              } catch (Throwable failure) {
                String cause = StepLauncher.cause(failure);
                log.println(cause);
                failure.printStackTrace(log);
                result = new Ended(false, null, cause);
              } finally {
                // Before onEnd: the engine's reaction must not print into this log.
                unroute.run();
              }
              log.close();
              once.accept(result);
            },
            "esteira-step-" + id + "-" + attempt.number());
    thread.setDaemon(true);
    thread.start();
    return () -> {
      thread.interrupt();
      once.accept(new Ended(false, null, "interrupted and abandoned"));
    };
  }

  /** Every step {@code id} waits for, directly or through others. */
  static Set<String> upstream(StepGraph graph, String id) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(graph.predecessors(id));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(graph.predecessors(next));
      }
    }
    return seen;
  }

  /** Where store providers are found: the dispatcher's classes, else the engine's. */
  private ClassLoader storeLoader() {
    ClassLoader loader = dispatcher != null ? dispatcher.getClass().getClassLoader() : null;
    return loader != null ? loader : InProcessLauncher.class.getClassLoader();
  }
}
