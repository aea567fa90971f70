package io.esteira.local;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.runtime.StepLauncher;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs each attempt as a process, as the container would: a command step as {@code sh -c <command>}
 * in the project directory, a Java step as {@code java -cp <class path>
 * io.esteira.runtime.StepLauncher <project> <step>} with the running JDK's {@code java}.
 *
 * <p>stdout goes straight to the attempt's log; stderr is copied into the same log by a thread that
 * keeps its first non-blank line, the failure's cause by the launcher's contract, capped at {@link
 * CauseLine#MAX_BYTES} (the log keeps all of it). A kill stops the whole process tree: SIGTERM to
 * the process and every descendant (as ECS's StopTask does), SIGKILL to whatever still runs {@link
 * #KILL_GRACE_SECONDS} later; the attempt ends only when all of them are gone. When the step's
 * process ends by itself, whatever it left running (in the background, or in a session of its own)
 * is killed with SIGKILL before the attempt ends, as the container's end kills it in ECS; {@link
 * StepProcesses} says how such processes are found and which can escape.
 */
final class ProcessLauncher implements AttemptLauncher {

  /** Seconds between SIGTERM and SIGKILL when a step is stopped. */
  static final int KILL_GRACE_SECONDS = 3;

  private final PipelineModel model;
  private final Path projectDirectory;
  private final List<Path> classpath;

  ProcessLauncher(PipelineModel model, Path projectDirectory, List<Path> classpath) {
    this.model = model;
    this.projectDirectory = projectDirectory;
    this.classpath = List.copyOf(classpath);
  }

  /**
   * Where {@code setsid} is, or null. A step started through it runs in its own session, so the
   * SIGINT a terminal's Ctrl-C sends to the runner's process group does not reach the step: the
   * runner's shutdown hook stops it and records it as cancelled, instead of the step dying first
   * and being recorded as failed.
   */
  static final String SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .filter(p -> Files.isExecutable(Path.of(p)))
          .findFirst()
          .orElse(null);

  /** The command line of a step's process (after {@code setsid}, where there is one). */
  List<String> command(StepModel step) {
    List<String> command = new ArrayList<>();
    if (SETSID != null) {
      command.add(SETSID);
    }
    if (step.action() instanceof StepAction.Command shell) {
      command.addAll(List.of("sh", "-c", shell.command()));
      return command;
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The container's limits, so the JVM sizes its default heap and pools as it would there.
    command.add("-XX:MaxRAM=" + step.resources().memoryMiB() + "m");
    command.add("-XX:ActiveProcessorCount=" + (int) Math.max(1, Math.ceil(step.resources().cpu())));
    command.add("-cp");
    command.add(
        classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.addAll(List.of("io.esteira.runtime.StepLauncher", model.project(), step.id()));
    return command;
  }

  @Override
  public Running start(Attempt attempt, Consumer<Ended> onEnd) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(attempt.step()));
    builder.directory(projectDirectory.toFile());
    builder.environment().clear();
    builder.environment().putAll(attempt.environment());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(attempt.logFile().toFile()));
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    CauseLine firstLine = new CauseLine(logName(attempt.logFile()));
    Thread copier =
        new Thread(
            () -> copyStderr(process.getErrorStream(), attempt.logFile(), firstLine),
            "esteira-stderr-" + attempt.step().id() + "-" + attempt.number());
    copier.setDaemon(true);
    copier.start();
    long session = SETSID != null ? process.pid() : -1;
    Map<String, String> marker = marker(attempt.environment());
    ProcessRun run = new ProcessRun(process, session, marker);
    process
        .onExit()
        .whenComplete(
            (p, error) -> {
              run.awaitTree();
              // What the step left behind dies with it, as in its container.
              StepProcesses.killAll(session, marker, KILL_GRACE_SECONDS * 4);
              try {
                copier.join(TimeUnit.SECONDS.toMillis(2));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              int code = process.exitValue();
              String cause;
              synchronized (firstLine) {
                cause = firstLine.cause();
              }
              if (code != 0 && (cause == null || cause.isBlank())) {
                cause = "exit code " + code;
              }
              onEnd.accept(
                  code != 0 && setupError(attempt.step(), code, cause)
                      ? Ended.setupFailure(code, cause)
                      : new Ended(code == 0, code, code == 0 ? null : cause));
            });
    return run;
  }

  /**
   * What the JVM prints first when it cannot start a main class or itself: nothing of the step ran.
   */
  static final List<String> JVM_SETUP_ERRORS =
      List.of(
          "Error: Could not find or load main class",
          "Error: Unable to initialize main class",
          "Error occurred during initialization of VM",
          "Error: Could not create the Java Virtual Machine",
          "Unrecognized VM option");

  /**
   * How the step launcher's own diagnostics begin (its catalogue's codes, {@code ESTEIRA-RUN-}).
   */
  static final String LAUNCHER_ERROR = "error: [ESTEIRA-RUN-";

  /**
   * Whether a Java step's process failed before the step's own code ran, so that another attempt
   * would fail the same way: the step launcher's usage exit ({@link StepLauncher#USAGE}) with its
   * diagnostic as the first stderr line (no dispatcher for the project on the class path, no such
   * step, a store it cannot open), or the JVM's refusal to start (no main class: a class path
   * without the SDK). Exit code and line are both required: a step may exit with 2 itself, and
   * print anything. A command step's exit is always its command's.
   */
  static boolean setupError(StepModel step, int code, String cause) {
    if (!(step.action() instanceof StepAction.JavaMethod) || cause == null) {
      return false;
    }
    if (code == StepLauncher.USAGE && cause.startsWith(LAUNCHER_ERROR)) {
      return true;
    }
    return code == StepLauncher.STEP_FAILED
        && JVM_SETUP_ERRORS.stream().anyMatch(cause::startsWith);
  }

  /**
   * The variables that mark an attempt's processes and everything they start: the run id, step and
   * attempt number {@link StepEnvironment} sets. Empty when the environment lacks them.
   */
  static Map<String, String> marker(Map<String, String> environment) {
    Map<String, String> marker = new TreeMap<>();
    for (String name : MARKER_VARIABLES) {
      String value = environment.get(name);
      if (value == null) {
        return Map.of();
      }
      marker.put(name, value);
    }
    return marker;
  }

  /** The variables of {@link #marker}. */
  static final List<String> MARKER_VARIABLES =
      List.of("ESTEIRA_EXECUTION_ID", "ESTEIRA_STEP", "ESTEIRA_ATTEMPT");

  /**
   * Copies stderr into the log byte for byte, as it comes, and hands each chunk to {@code cause}.
   * No line is held whole: a step may print any amount without a newline.
   */
  private static void copyStderr(InputStream stderr, Path logFile, CauseLine cause) {
    try (stderr;
        OutputStream log = new FileOutputStream(logFile.toFile(), true)) {
      byte[] buffer = new byte[8192];
      int count;
      while ((count = stderr.read(buffer)) >= 0) {
        synchronized (cause) {
          cause.accept(buffer, 0, count);
        }
        log.write(buffer, 0, count);
        log.flush();
      }
    } catch (IOException e) {
      // The process is gone or the log vanished; what was copied stays.
    }
  }

  /** The log as the run record names it: {@code logs/<step>.<attempt>.log}. */
  static String logName(Path logFile) {
    Path parent = logFile.getParent();
    return parent == null ? logFile.toString() : parent.getFileName() + "/" + logFile.getFileName();
  }

  /** A running process and, once killed, the descendants it had. */
  private static final class ProcessRun implements Running {
    private final Process process;
    private final AtomicBoolean killed = new AtomicBoolean();
    private final List<ProcessHandle> tree = new ArrayList<>();
    private final long session;
    private final Map<String, String> marker;

    ProcessRun(Process process, long session, Map<String, String> marker) {
      this.process = process;
      this.session = session;
      this.marker = marker;
    }

    @Override
    public void kill() {
      if (!killed.compareAndSet(false, true)) {
        return;
      }
      List<ProcessHandle> handles = new ArrayList<>();
      handles.add(process.toHandle());
      process.descendants().forEach(handles::add);
      StepProcesses.find(session, marker).stream()
          .filter(p -> !handles.contains(p))
          .forEach(handles::add);
      synchronized (tree) {
        tree.addAll(handles);
      }
      handles.forEach(ProcessHandle::destroy);
      Thread reaper =
          new Thread(
              () -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KILL_GRACE_SECONDS);
                for (ProcessHandle handle : handles) {
                  long left = deadline - System.nanoTime();
                  try {
                    handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
                  } catch (Exception e) {
                    // Still running after the grace period (or interrupted): force it below.
                  }
                }
                // Children started after the first snapshot are still descendants of live ones.
                List<ProcessHandle> all = new ArrayList<>(handles);
                handles.stream()
                    .filter(ProcessHandle::isAlive)
                    .forEach(h -> h.descendants().forEach(all::add));
                synchronized (tree) {
                  tree.addAll(all);
                }
                all.forEach(ProcessHandle::destroyForcibly);
              },
              "esteira-kill-" + process.pid());
      reaper.setDaemon(true);
      reaper.start();
    }

    /** Waits until every process of the tree this run killed has exited. */
    void awaitTree() {
      if (!killed.get()) {
        return;
      }
      while (true) {
        List<ProcessHandle> handles;
        synchronized (tree) {
          handles = new ArrayList<>(tree);
        }
        List<CompletableFuture<ProcessHandle>> exits =
            handles.stream().map(ProcessHandle::onExit).toList();
        try {
          CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
              .get(KILL_GRACE_SECONDS * 4L, TimeUnit.SECONDS);
        } catch (Exception e) {
          handles.forEach(ProcessHandle::destroyForcibly);
          continue;
        }
        synchronized (tree) {
          if (tree.size() == handles.size()) {
            return;
          }
        }
      }
    }
  }
}
