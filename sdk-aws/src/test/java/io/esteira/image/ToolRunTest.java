package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running buildah or docker: the output kept for a message, and an interrupt that stops it. */
class ToolRunTest {

  @TempDir Path directory;

  @Test
  void keepsTheLastFortyLinesEachCutAndTheLastLineOfEachPatternBeforeThem() throws Exception {
    Pattern step = Pattern.compile("^STEP ");
    List<String> seen = new CopyOnWriteArrayList<>();
    ToolRun.Result result =
        ToolRun.run(
            List.of(
                "sh",
                "-c",
                "echo 'STEP 1/2: RUN long'; i=0; while [ $i -lt 100 ]; do echo line $i; i=$((i+1));"
                    + " done; head -c 2000 /dev/zero | tr '\\0' x; echo; echo oops >&2; exit 7"),
            Map.of(),
            directory,
            List.of(step),
            seen::add);

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.ok()).isFalse();
    assertThat(result.tail()).hasSize(ToolRun.TAIL_LINES).endsWith("oops");
    assertThat(result.tail().get(0)).isEqualTo("line 62");
    assertThat(result.tail().get(ToolRun.TAIL_LINES - 2))
        .hasSize(ToolRun.LINE_CHARS + 3)
        .endsWith("...");
    assertThat(result.last(step)).contains("STEP 1/2: RUN long");
    assertThat(seen).hasSize(103).contains("line 0");
  }

  @Test
  void theEnvironmentIsAddedToThisProcesssOwn() throws Exception {
    ToolRun.Result result =
        ToolRun.run(
            List.of("sh", "-c", "echo \"$ESTEIRA_TOOL_RUN_TEST:${PATH:+path}\""),
            Map.of("ESTEIRA_TOOL_RUN_TEST", "added"),
            directory,
            List.of(),
            line -> {});

    assertThat(result.tail()).containsExactly("added:path");
  }

  @Test
  void anInterruptStopsTheProgramAndWhatItStarted() throws Exception {
    Path pids = directory.resolve("pids");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                ToolRun.run(
                    List.of(
                        "sh",
                        "-c",
                        // SIGTERM ends the shell and leaves its sleep orphaned, as a program
                        // that does not stop what it started would: the sleep must go too.
                        "sleep 3600 & echo $$ $! > " + pids + "; echo started; wait"),
                    Map.of(),
                    directory,
                    List.of(),
                    seen::add);
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    runner.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!seen.contains("started") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(seen).contains("started");
    List<Long> started = new ArrayList<>();
    for (String pid : Files.readString(pids).strip().split(" ")) {
      started.add(Long.parseLong(pid));
    }

    long interrupted = System.nanoTime();
    runner.interrupt();
    runner.join(TimeUnit.SECONDS.toMillis(ToolRun.GRACE_SECONDS + 10));

    assertThat(runner.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(System.nanoTime() - interrupted)
        .isLessThan(TimeUnit.SECONDS.toNanos(ToolRun.GRACE_SECONDS));
    for (long pid : started) {
      // A killed orphan is reaped by init a moment later.
      long reaped = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()
          && System.nanoTime() < reaped) {
        Thread.sleep(20);
      }
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    }
  }
}
