package io.esteira.local;

import io.esteira.core.generate.ecs.TransferScripts;
import io.esteira.core.model.StepAction;
import io.esteira.core.model.StepModel;
import io.esteira.local.RunRecord.StoredOutput;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Moves a command step's data through an S3 store exactly as its ECS task does, for a cloud-shaped
 * run ({@code esteira run --store s3://...}, {@link S3RunStore}): {@link TransferScripts#inputs()}
 * runs before the command, as the {@value TransferScripts#INPUTS_CONTAINER} container does, and the
 * command starts only when it exits 0; once the command has exited, its exit code is written to a
 * per-attempt status directory ({@code ESTEIRA_STATUS_DIR}, {@code <run dir>/status/<step>/
 * <attempt>/}, outside the work directory) and {@link TransferScripts#outputs()} runs, as the
 * {@value TransferScripts#OUTPUTS_CONTAINER} container does, storing the outputs when the command
 * succeeded. The scripts run as {@code sh -c <script>} with the attempt's variables and {@code aws}
 * from its {@code PATH}; what they print goes to the attempt's log, and the first line a failing
 * one writes to stderr is the attempt's cause.
 *
 * <p>Java steps store their own outputs through esteira-s3 in their child JVM. For {@code run.json}
 * every successful attempt records its declared outputs with the size and SHA-256 of the file in
 * its work directory, the bytes that were uploaded, read locally rather than downloaded again; a
 * Java step's outputs asked for only with {@code ctx.output} are not recorded.
 *
 * <p>The scripts and the command run one after another on a thread of their own, not on the run
 * loop.
 */
final class TransferLauncher implements AttemptLauncher {

  private final AttemptLauncher launcher;
  private final Path projectDirectory;
  private final Path statusRoot;
  private final URI store;

  /**
   * @param statusRoot where each attempt's status directory is made
   * @param store the run's store root, {@code s3://.../}
   */
  TransferLauncher(AttemptLauncher launcher, Path projectDirectory, Path statusRoot, URI store) {
    this.launcher = launcher;
    this.projectDirectory = projectDirectory;
    this.statusRoot = statusRoot;
    this.store = store;
  }

  @Override
  public Running start(Attempt attempt, Consumer<Ended> onEnd) throws IOException {
    StepModel step = attempt.step();
    if (!(step.action() instanceof StepAction.Command) || !step.handsDataOver()) {
      return launcher.start(
          attempt, ended -> onEnd.accept(ended.succeeded() ? recorded(attempt, ended) : ended));
    }
    Transfer transfer = new Transfer(attempt);
    Thread thread =
        new Thread(
            () -> onEnd.accept(transfer.run()),
            "esteira-transfer-" + step.id() + "-" + attempt.number());
    thread.setDaemon(true);
    thread.start();
    return transfer;
  }

  /** A successful end with the step's declared outputs, as its work directory holds them. */
  private Ended recorded(Attempt attempt, Ended ended) {
    StepModel step = attempt.step();
    List<StoredOutput> outputs = new ArrayList<>();
    try {
      for (String name : step.outputs()) {
        Path file = attempt.workDir().resolve(name);
        if (Files.isRegularFile(file)) {
          outputs.add(
              new StoredOutput(
                  name,
                  Files.size(file),
                  LocalStore.sha256(file),
                  store.toString() + step.id() + "/" + name));
        }
      }
    } catch (IOException e) {
      return new Ended(
          false,
          ended.exitCode(),
          "cannot read the outputs of step " + step.id() + " in " + attempt.workDir() + ": " + e);
    }
    return new Ended(true, ended.exitCode(), null, outputs);
  }

  /** One attempt of a command step: the inputs script, the command, the outputs script. */
  private final class Transfer implements Running {

    private final Attempt attempt;
    private final Object lock = new Object();
    private boolean killed;
    private Process script;
    private Running command;

    Transfer(Attempt attempt) {
      this.attempt = attempt;
    }

    Ended run() {
      try {
        return phases();
      } catch (IOException | RuntimeException e) {
        return new Ended(
            false, null, "cannot move the data of step " + attempt.step().id() + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Ended(false, null, "interrupted while moving the data of the step");
      }
    }

    private Ended phases() throws IOException, InterruptedException {
      StepModel step = attempt.step();
      Path status =
          Files.createDirectories(
              statusRoot.resolve(step.id()).resolve(Integer.toString(attempt.number())));
      Map<String, String> env = new HashMap<>(attempt.environment());
      env.put("ESTEIRA_STATUS_DIR", status.toString());

      Script inputs = script(TransferScripts.inputs(), env);
      if (inputs == null) {
        return stopped();
      }
      if (inputs.code() != 0) {
        return new Ended(false, null, inputs.cause());
      }

      CompletableFuture<Ended> done = new CompletableFuture<>();
      synchronized (lock) {
        if (killed) {
          return stopped();
        }
        command = launcher.start(attempt, done::complete);
      }
      Ended ended = done.join();
      synchronized (lock) {
        if (killed) {
          return ended;
        }
      }
      if (ended.exitCode() != null) {
        Files.writeString(
            status.resolve(TransferScripts.EXIT_CODE_FILE),
            ended.exitCode() + "\n",
            StandardCharsets.UTF_8);
      }
      Script outputs = script(TransferScripts.outputs(), env);
      if (outputs == null || !ended.succeeded()) {
        return ended;
      }
      if (outputs.code() != 0) {
        return new Ended(false, ended.exitCode(), outputs.cause());
      }
      return recorded(attempt, ended);
    }

    private Ended stopped() {
      return new Ended(false, null, "stopped before the step started");
    }

    /**
     * Runs {@code sh -c <text>}, its stdout into the attempt's log, its stderr after it.
     *
     * @return its exit code and cause, or null when the attempt was killed before it started
     */
    private Script script(String text, Map<String, String> env)
        throws IOException, InterruptedException {
      List<String> line = new ArrayList<>();
      if (ProcessLauncher.SETSID != null) {
        line.add(ProcessLauncher.SETSID);
      }
      line.addAll(List.of("sh", "-c", text));
      ProcessBuilder builder = new ProcessBuilder(line);
      builder.directory(projectDirectory.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(attempt.logFile().toFile()));
      builder.redirectError(ProcessBuilder.Redirect.PIPE);
      Process process;
      synchronized (lock) {
        if (killed) {
          return null;
        }
        process = builder.start();
        script = process;
      }
      byte[] stderr = process.getErrorStream().readAllBytes();
      int code = process.waitFor();
      if (ProcessLauncher.SETSID != null) {
        // Nothing of the script outlives it (its session is its own).
        StepProcesses.killAll(process.pid(), Map.of(), ProcessLauncher.KILL_GRACE_SECONDS * 4);
      }
      synchronized (lock) {
        script = null;
      }
      try (OutputStream log =
          Files.newOutputStream(
              attempt.logFile(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        log.write(stderr);
      }
      return new Script(code, cause(stderr, code, attempt.logFile()));
    }

    @Override
    public void kill() {
      Process running;
      Running step;
      synchronized (lock) {
        if (killed) {
          return;
        }
        killed = true;
        running = script;
        step = command;
      }
      if (running != null) {
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
      }
      if (step != null) {
        step.kill();
      }
    }
  }

  /**
   * The cause of a failed script: its own message ({@code esteira-inputs: ...}, {@code
   * esteira-outputs: ...}), which names the item and the remedy, rather than the AWS CLI's error
   * printed before it; else the first line it wrote to stderr.
   */
  private static String cause(byte[] stderr, int code, Path logFile) {
    String logName = ProcessLauncher.logName(logFile);
    for (String line : new String(stderr, StandardCharsets.UTF_8).split("\\R")) {
      if (line.startsWith("esteira-")) {
        return CauseLine.cap(line.strip(), logName);
      }
    }
    CauseLine first = new CauseLine(logName);
    first.accept(stderr, 0, stderr.length);
    String cause = first.cause();
    return cause == null || cause.isBlank() ? "exit code " + code : cause;
  }

  /** How a transfer script ended. */
  private record Script(int code, String cause) {}
}
