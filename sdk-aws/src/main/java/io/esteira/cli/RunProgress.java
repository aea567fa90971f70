package io.esteira.cli;

import io.esteira.local.RunListener;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptOutcome;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.StepStatus;
import io.esteira.local.report.Durations;
import io.esteira.local.report.ReportSources;
import io.esteira.local.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress of {@code esteira run}: one line per event (a step started, succeeded, failed
 * or timed out with its duration, a retry with its delay, a step not run and why), each stamped
 * with the time since the run started. On a terminal a status line below them, redrawn every
 * second, names the steps running and for how long; elsewhere (CI logs, pipes) there is no status
 * line and no escape sequence, so the log reads line by line.
 *
 * <p>Unless turned off, what each step prints shows between those lines as it comes, each line
 * after the step's id ({@code score_model | read 1200 rows}), read from the attempt's log by {@link
 * StepLines}: steps running at once interleave by whole lines, and an attempt's last lines come
 * before the line saying how it ended.
 *
 * <p>At the end of the run it writes {@code report.html} into the run directory. The runner calls
 * it from its own threads, so every method is synchronized; none of them writes to the console,
 * they queue for a {@link ConsoleWriter}, so a console that does not read never holds the runner.
 * {@link #close} waits until the console has everything.
 */
final class RunProgress implements RunListener, AutoCloseable {

  private final ConsoleWriter console;
  private final PrintWriter err;
  private final Path cwd;
  private final boolean live;
  private final boolean colour;
  private final Map<String, Long> running = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private final StepLines steps;
  private final String mermaid;
  private int stepWidth;
  private long startNanos = System.nanoTime();
  private int toRun;
  private int succeeded;
  private Path runDirectory;
  private Path report;
  private String reportProblem;

  /**
   * @param live whether a status line is redrawn below the events (a terminal)
   * @param stepOutput whether the steps' output is shown as it comes
   * @param mermaid the step graph as {@code pipeline.mmd} has it, for the report
   */
  RunProgress(
      PrintWriter out,
      PrintWriter err,
      Path cwd,
      boolean live,
      boolean stepOutput,
      String mermaid) {
    this(out, err, cwd, live, stepOutput, mermaid, ConsoleWriter.BUFFER_BYTES);
  }

  /**
   * @param bufferBytes how much of the steps' lines may wait for a console that does not read
   */
  RunProgress(
      PrintWriter out,
      PrintWriter err,
      Path cwd,
      boolean live,
      boolean stepOutput,
      String mermaid,
      long bufferBytes) {
    this.console = new ConsoleWriter(out, bufferBytes);
    this.mermaid = mermaid;
    this.err = err;
    this.cwd = cwd;
    this.live = live;
    this.colour = live && System.getenv("NO_COLOR") == null;
    this.steps = stepOutput ? new StepLines() : null;
    if (live || stepOutput) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "esteira-progress");
                thread.setDaemon(true);
                return thread;
              });
      if (live) {
        ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
      }
      if (stepOutput) {
        ticker.scheduleWithFixedDelay(
            this::showStepLines, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } else {
      ticker = null;
    }
  }

  /** How often the running attempts' logs are read for new lines. */
  static final long POLL_MILLIS = 100;

  /** Step ids longer than this do not widen the column before {@code |}. */
  private static final int MAX_STEP_WIDTH = 24;

  /** Whether standard output is a terminal that can redraw a line. */
  static boolean isTerminal() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public synchronized void runStarted(RunRecord record, Path directory) {
    startNanos = System.nanoTime();
    runDirectory = directory;
    toRun = (int) record.steps().stream().filter(s -> s.status() == StepStatus.PENDING).count();
    stepWidth =
        Math.min(
            MAX_STEP_WIDTH,
            record.steps().stream()
                .filter(s -> s.status() == StepStatus.PENDING)
                .mapToInt(s -> s.id().length())
                .max()
                .orElse(0));
    line(
        "run "
            + record.runId()
            + ": "
            + record.project()
            + " ("
            + record.environment()
            + "), "
            + ProjectRun.count(toRun, "step")
            + " to run"
            + (record.resumedFrom() == null ? "" : ", resuming " + record.resumedFrom())
            + "; run directory "
            + ProjectInputs.display(cwd, directory));
  }

  @Override
  public synchronized void attemptStarted(String stepId, int attempt, Path logFile) {
    running.put(stepId, System.nanoTime());
    line(
        stamp()
            + paint("started  ", "36")
            + " "
            + stepId
            + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
    if (steps != null) {
      steps.follow(stepId, logFile);
    }
  }

  @Override
  public synchronized void attemptFinished(String stepId, AttemptRecord attempt) {
    running.remove(stepId);
    if (steps != null) {
      // The log is complete by now: its last lines come before the line saying how it ended.
      List<String> batch = new ArrayList<>();
      steps.finish(stepId, (id, text) -> batch.add(stepLine(id, text)));
      lines(batch);
    }
    String took =
        " in "
            + Durations.format(
                attempt.endedAt() == null
                    ? Duration.ZERO
                    : Duration.between(attempt.startedAt(), attempt.endedAt()));
    AttemptOutcome outcome = attempt.outcome() == null ? AttemptOutcome.FAILED : attempt.outcome();
    String what =
        switch (outcome) {
          case SUCCEEDED -> paint("succeeded", "32");
          case FAILED -> paint("failed   ", "31");
          case TIMED_OUT -> paint("timed out", "31");
          case CANCELLED -> paint("cancelled", "33");
        };
    if (outcome == AttemptOutcome.SUCCEEDED) {
      succeeded++;
    }
    StringBuilder text = new StringBuilder(stamp()).append(what).append(' ').append(stepId);
    if (attempt.number() > 1 || attempt.exitCode() != null && attempt.exitCode() != 0) {
      text.append(" (attempt ").append(attempt.number());
      if (attempt.exitCode() != null && attempt.exitCode() != 0) {
        text.append(", exit ").append(attempt.exitCode());
      }
      text.append(')');
    }
    text.append(took);
    if (outcome != AttemptOutcome.SUCCEEDED && attempt.cause() != null) {
      text.append(": ").append(attempt.cause());
    }
    line(text.toString());
  }

  @Override
  public synchronized void nothingToResume(RunRecord resumed) {
    line(
        "every step of run "
            + resumed.runId()
            + " succeeded; nothing to resume, so no run was made (run without --resume to run"
            + " again)");
  }

  @Override
  public synchronized void retryScheduled(String stepId, int nextAttempt, Duration delay) {
    line(
        stamp()
            + paint("retrying ", "33")
            + " "
            + stepId
            + (delay.isZero() ? " now" : " in " + Durations.format(delay))
            + " (attempt "
            + nextAttempt
            + ")");
  }

  @Override
  public synchronized void stepSkipped(String stepId, String reason) {
    line(stamp() + "not run   " + stepId + (reason == null ? "" : ": " + reason));
  }

  @Override
  public synchronized void wouldNotify(RunRecord.RunStatus status, List<String> recipients) {
    line(
        stamp()
            + "would notify "
            + String.join(", ", recipients)
            + " of the "
            + status.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + " run (nothing is sent locally)");
  }

  /** A problem the run goes on after, on the error stream as a compiler prints a warning. */
  @Override
  public synchronized void warning(String message) {
    err.println("esteira: " + message);
    err.flush();
  }

  @Override
  public synchronized void runFinished(RunRecord record, Path directory) {
    runDirectory = directory;
    running.clear();
    try {
      report =
          ReportWriter.write(
              directory, record, ReportSources.read(directory, record).withMermaid(mermaid));
    } catch (IOException e) {
      reportProblem = "report.html could not be written: " + e.getMessage();
    }
  }

  /** The run directory, once the run started; null if it never did. */
  synchronized Path runDirectory() {
    return runDirectory;
  }

  /** The report written at the end of the run. */
  synchronized Optional<Path> report() {
    return Optional.ofNullable(report);
  }

  /** Why the report is missing, when writing it failed. */
  synchronized Optional<String> reportProblem() {
    return Optional.ofNullable(reportProblem);
  }

  /**
   * Stops the status line and waits until the console has every line, for as long as it does not
   * read, so the run's summary comes after them on a clean line.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (ticker != null) {
        ticker.shutdownNow();
      }
      if (steps != null) {
        steps.close();
      }
      running.clear();
      console.status(null);
    }
    // Not under the lock: a ticker call still running must not wait on the console with it.
    console.close();
  }

  private void line(String text) {
    console.line(text);
    console.status(statusText());
  }

  /**
   * Queues the steps' lines of one poll or one finished attempt together: the writer prints what
   * waits with one flush and one redraw of the status line, not one per line.
   */
  private void lines(List<String> batch) {
    if (batch.isEmpty()) {
      return;
    }
    console.stepLines(batch);
    console.status(statusText());
  }

  private synchronized void showStepLines() {
    if (ticker.isShutdown()) {
      return;
    }
    List<String> batch = new ArrayList<>();
    steps.poll((id, text) -> batch.add(stepLine(id, text)));
    lines(batch);
  }

  /** {@code score_model | text}, the ids padded so the bars line up. */
  private String stepLine(String stepId, String text) {
    StringBuilder prefix = new StringBuilder(stepId);
    while (prefix.length() < stepWidth) {
      prefix.append(' ');
    }
    return paint(prefix.append(" |").toString(), "2") + (text.isEmpty() ? "" : " " + text);
  }

  private synchronized void redraw() {
    if (ticker == null || ticker.isShutdown()) {
      return;
    }
    console.status(statusText());
  }

  /** The status line naming the steps running, or null when there is none to show. */
  private String statusText() {
    if (!live || running.isEmpty()) {
      return null;
    }
    long now = System.nanoTime();
    StringBuilder status = new StringBuilder("  running: ");
    String separator = "";
    for (Map.Entry<String, Long> step : running.entrySet()) {
      status
          .append(separator)
          .append(step.getKey())
          .append(' ')
          .append(elapsed(Duration.ofNanos(now - step.getValue())));
      separator = ", ";
    }
    status.append("  [").append(succeeded).append('/').append(toRun).append(" done]");
    return paint(status.toString(), "2");
  }

  /** Whole seconds, as a clock that ticks once a second shows them: {@code 7s}, {@code 2m05s}. */
  private static String elapsed(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60
        ? seconds + "s"
        : String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
  }

  /** {@code [01:05] }: minutes and seconds since the run started. */
  private String stamp() {
    long seconds = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    return String.format(Locale.ROOT, "[%02d:%02d] ", seconds / 60, seconds % 60);
  }

  private String paint(String text, String sgr) {
    return colour ? "\033[" + sgr + "m" + text + "\033[0m" : text;
  }
}
