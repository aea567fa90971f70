package io.esteira.runtime;

import io.esteira.LineLogger;
import io.esteira.StepContext;
import io.esteira.diagnostics.Diagnostic;
import io.esteira.diagnostics.Message;
import io.esteira.runtime.store.ItemNames;
import io.esteira.runtime.store.RunStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The main class of a Java step: {@code java -cp /app/resources:/app/classes:/app/libs/*
 * io.esteira.runtime.StepLauncher <project> <step id>} in the container (the state machine's
 * command) and in the local runner's child JVM. It finds the project's {@link StepDispatcher}
 * through {@link Dispatchers} (from the step index the annotation processor wrote) and calls the
 * step with a {@link StepContext} made from the task's environment.
 *
 * <p>The exit code and stderr are the contract with Step Functions and the local runner, which both
 * show the first stderr line of a failed step as its cause:
 *
 * <ul>
 *   <li>{@value #SUCCEEDED}: the step returned;
 *   <li>{@value #STEP_FAILED}: the step threw, or it returned without writing a declared output, or
 *       its outputs could not be stored. The first stderr line is the cause, {@code <exception
 *       type>: <message>} on one line; the stack trace follows;
 *   <li>{@value #USAGE}: the step never ran: wrong arguments, no dispatcher for the project on the
 *       class path, no such step, an unreadable {@code ESTEIRA_ATTEMPT}, a malformed data variable,
 *       a work directory that cannot be made, or a store that cannot be opened (an {@code s3://}
 *       store without esteira-s3 on the class path). The first stderr line says which; the next
 *       lines list what exists.
 * </ul>
 *
 * <p>The context's values come from the variables the task receives: {@code ENV} (default {@code
 * dev}), {@code ESTEIRA_EXECUTION_ID} (default {@code local}), {@code ESTEIRA_ATTEMPT} (default 1)
 * and {@code ESTEIRA_WORK_DIR} (made when missing; without it the current directory). Step data
 * comes from {@code ESTEIRA_STORE} (the run's store root; without it inputs cannot be fetched and
 * outputs stay in the work directory), {@code ESTEIRA_UPSTREAM}, {@code ESTEIRA_INPUTS} and {@code
 * ESTEIRA_OUTPUTS} (space-separated). The step runs through {@link StepRun}, which stores its
 * outputs once it returns. The logger prints to stdout.
 */
public final class StepLauncher {

  /** The step returned. */
  public static final int SUCCEEDED = 0;

  /** The step threw; the first stderr line is the cause. */
  public static final int STEP_FAILED = 1;

  /** The step never ran: bad arguments, unknown project or unknown step. */
  public static final int USAGE = 2;

  private StepLauncher() {}

  public static void main(String[] args) {
    int code =
        launch(
            args,
            System.getenv(),
            System.out,
            System.err,
            Thread.currentThread().getContextClassLoader());
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /**
   * Runs one step as {@link #main} does and returns the exit code instead of exiting: {@code args}
   * are {@code <project> <step id>}, {@code env} the task's variables, {@code loader} the class
   * loader dispatchers and store providers are found in.
   */
  public static int launch(
      String[] args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      ClassLoader loader) {
    if (args.length != 2) {
      return usage(err, List.of(), RuntimeMessage.RUN_LAUNCHER_USAGE, List.of(args));
    }
    String project = args[0];
    String stepId = args[1];
    Optional<StepDispatcher> found = Dispatchers.find(project, loader);
    if (found.isEmpty()) {
      List<String> projects = Dispatchers.projects(loader);
      return usage(
          err,
          projects.stream().map(p -> "  project " + p).toList(),
          RuntimeMessage.RUN_UNKNOWN_PROJECT,
          project);
    }
    StepDispatcher dispatcher = found.get();
    if (!dispatcher.stepIds().contains(stepId)) {
      return usage(
          err,
          dispatcher.stepIds().stream().map(s -> "  step " + s).toList(),
          RuntimeMessage.RUN_UNKNOWN_STEP,
          stepId,
          project);
    }
    int attempt;
    try {
      attempt = Integer.parseInt(env.getOrDefault("ESTEIRA_ATTEMPT", "1").trim());
      if (attempt < 1) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      return usage(err, List.of(), RuntimeMessage.RUN_BAD_ATTEMPT, env.get("ESTEIRA_ATTEMPT"));
    }
    Path workDir;
    String workDirValue = env.get("ESTEIRA_WORK_DIR");
    if (workDirValue == null || workDirValue.isEmpty()) {
      workDir = Path.of("").toAbsolutePath();
    } else {
      workDir = Path.of(workDirValue).toAbsolutePath();
      try {
        Files.createDirectories(workDir);
      } catch (IOException e) {
        return usage(err, List.of(), RuntimeMessage.RUN_WORK_DIR_UNUSABLE, workDir, cause(e));
      }
    }
    StepContext.Builder builder =
        StepContext.builder(project, stepId)
            .environment(env.getOrDefault("ENV", "dev"))
            .executionId(env.getOrDefault("ESTEIRA_EXECUTION_ID", "local"))
            .attempt(attempt)
            .workDir(workDir)
            .env(env)
            .logger(new LineLogger(stepId, out));
    String variable = null;
    try {
      variable = "ESTEIRA_UPSTREAM";
      if (env.containsKey(variable)) {
        List<String> upstream = ItemNames.splitList(env.get(variable));
        upstream.forEach(ItemNames::checkStep);
        builder.upstream(upstream);
      }
      variable = "ESTEIRA_INPUTS";
      builder.declaredInputs(ItemNames.splitList(env.get(variable)));
      variable = "ESTEIRA_OUTPUTS";
      builder.declaredOutputs(ItemNames.splitList(env.get(variable)));
    } catch (IllegalArgumentException e) {
      return usage(
          err,
          List.of(),
          RuntimeMessage.RUN_BAD_DATA_VARIABLE,
          variable,
          env.get(variable),
          e.getMessage());
    }
    String storeRoot = env.get("ESTEIRA_STORE");
    if (storeRoot != null && !storeRoot.isBlank()) {
      RunStore store;
      try {
        store = RunStores.open(storeRoot, loader);
      } catch (RunStores.RunStoreException e) {
        err.println(e.getMessage());
        err.flush();
        return USAGE;
      }
      builder.store(store);
    }
    StepContext context = builder.build();
    try {
      StepRun.run(context, c -> dispatcher.run(stepId, c));
      return SUCCEEDED;
    } catch (Throwable failure) {
      out.flush();
      err.println(cause(failure));
      failure.printStackTrace(err);
      err.flush();
      return STEP_FAILED;
    }
  }

  /** The one-line cause of a failure: {@code <type>: <message>}, line breaks made spaces. */
  public static String cause(Throwable failure) {
    String message = failure.getMessage();
    String line =
        message == null || message.isBlank()
            ? failure.getClass().getName()
            : failure.getClass().getName() + ": " + message;
    return line.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  private static int usage(PrintStream err, List<String> details, Message message, Object... args) {
    err.println(Diagnostic.error(message, null, args).render());
    details.forEach(err::println);
    err.flush();
    return USAGE;
  }
}
