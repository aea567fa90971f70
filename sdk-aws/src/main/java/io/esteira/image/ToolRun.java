package io.esteira.image;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One run of buildah or docker, its standard output and error merged. The last {@value #TAIL_LINES}
 * lines are kept for the message of a failure (each cut at {@value #LINE_CHARS} characters, so one
 * minified line cannot make a message of megabytes), and so is the last line matching each of the
 * patterns the caller names, which may have scrolled out of the tail: the step that was running
 * when a long {@code pip install} failed, or the error line (cut at {@value #REMEMBERED_CHARS}, as
 * buildah's error lines are long and their end says most).
 *
 * <p>An interrupted run stops its program: SIGTERM first, to which buildah answers by stopping the
 * step it runs and removing its working container (about a second), then, after {@value
 * #GRACE_SECONDS} s, SIGKILL to it and every process under it.
 */
final class ToolRun {

  static final int TAIL_LINES = 40;
  static final int LINE_CHARS = 400;
  static final int GRACE_SECONDS = 10;

  /** A remembered line is cut later, once its caller has taken out what the message says. */
  static final int REMEMBERED_CHARS = 4000;

  /**
   * How a run ended.
   *
   * @param exitCode the program's exit status
   * @param tail its last lines of output, oldest first
   * @param remembered the last line that matched each pattern the caller named, by pattern text
   */
  record Result(int exitCode, List<String> tail, Map<String, String> remembered) {

    Result {
      tail = List.copyOf(tail);
      remembered = Map.copyOf(remembered);
    }

    boolean ok() {
      return exitCode == 0;
    }

    /** The last line that matched {@code pattern}, when one did. */
    Optional<String> last(Pattern pattern) {
      return Optional.ofNullable(remembered.get(pattern.pattern()));
    }

    /** The tail as one block of text, for a message. */
    String tailText() {
      return String.join(System.lineSeparator(), tail);
    }
  }

  private ToolRun() {}

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added to this process's, and
   * passes each line of its output to {@code output} as it comes.
   *
   * @throws IOException when the program cannot be started
   * @throws InterruptedException when this thread was interrupted; the program is stopped first
   */
  static Result run(
      List<String> command,
      Map<String, String> environment,
      Path directory,
      List<Pattern> remember,
      Consumer<String> output)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    Map<String, String> remembered = new HashMap<>();
    Thread reader =
        new Thread(
            () -> read(process, tail, remember, remembered, output),
            "esteira-image-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    try {
      int exitCode = process.waitFor();
      // The pipe closes when the program and anything it left running have exited; a child that
      // outlives it must not hold the build, so the reader gets a moment and no more.
      reader.join(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
      synchronized (tail) {
        return new Result(exitCode, List.copyOf(tail), remembered);
      }
    } catch (InterruptedException e) {
      stop(process);
      throw e;
    }
  }

  private static void read(
      Process process,
      Deque<String> tail,
      List<Pattern> remember,
      Map<String, String> remembered,
      Consumer<String> output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.accept(line);
        String kept = cut(line, LINE_CHARS);
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(kept);
          for (Pattern pattern : remember) {
            if (pattern.matcher(line).find()) {
              remembered.put(pattern.pattern(), cut(line, REMEMBERED_CHARS));
            }
          }
        }
      }
    } catch (IOException e) {
      // The program was stopped and its pipe closed under the reader: nothing more to read.
    }
  }

  private static String cut(String line, int length) {
    return line.length() > length ? line.substring(0, length) + "..." : line;
  }

  /** SIGTERM, a grace period, then SIGKILL to the program and everything it started. */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException again) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
