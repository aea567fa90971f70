package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A console that does not read holds only the writer's thread: the calls queue and return, the
 * steps' lines past the buffer are dropped and said to be, and the runner's own lines are all
 * written, in order, once the console reads again.
 */
class ConsoleWriterTest {

  /** A console that takes nothing until released, as a pager not scrolled. */
  static final class PausedConsole extends Writer {
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch released = new CountDownLatch(1);
    final StringWriter text = new StringWriter();

    @Override
    public void write(char[] chars, int offset, int length) {
      reached.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (text) {
        text.write(chars, offset, length);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }
  }

  @Test
  void aPausedConsoleDropsStepLinesPastTheBufferButNoRunnerLineAndKeepsTheOrder() throws Exception {
    PausedConsole paused = new PausedConsole();
    int buffer = 100;
    ConsoleWriter console = new ConsoleWriter(new PrintWriter(paused), buffer);
    List<String> stepLines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      stepLines.add(String.format("train | epoch %02d", i));
    }
    long lineBytes = stepLines.get(0).getBytes(StandardCharsets.UTF_8).length;
    int kept = (int) (buffer / lineBytes);

    console.line("started   train");
    assertThat(paused.reached.await(5, TimeUnit.SECONDS)).isTrue();
    // The writer waits on the console; the calls do not.
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          console.stepLines(stepLines);
          console.line("succeeded train");
          for (int i = 0; i < 1000; i++) {
            console.line("started   step" + i);
          }
          console.status("running: nothing");
        });
    assertThat(paused.text()).isEmpty();

    paused.released.countDown();
    console.close();

    List<String> lines = paused.text().lines().toList();
    List<String> expected = new ArrayList<>();
    expected.add("started   train");
    expected.addAll(stepLines.subList(0, kept));
    expected.add("\u2026 " + (20 - kept) + " lines not shown; the whole output is in logs/");
    expected.add("succeeded train");
    for (int i = 0; i < 1000; i++) {
      expected.add("started   step" + i);
    }
    assertThat(lines.subList(0, expected.size())).isEqualTo(expected);
  }

  @Test
  void closeWaitsUntilTheConsoleHasEveryLine() throws Exception {
    PausedConsole paused = new PausedConsole();
    ConsoleWriter console = new ConsoleWriter(new PrintWriter(paused), 1024);
    console.line("one");
    console.stepLines(List.of("s | two"));
    console.line("three");
    Thread closing = new Thread(console::close);
    closing.start();
    closing.join(300);
    assertThat(closing.isAlive()).as("close returns before the console read").isTrue();

    paused.released.countDown();
    closing.join(5000);

    assertThat(closing.isAlive()).isFalse();
    assertThat(paused.text().lines()).containsExactly("one", "s | two", "three");
  }
}
