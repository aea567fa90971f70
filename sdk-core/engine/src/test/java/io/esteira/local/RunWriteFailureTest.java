package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.esteira.core.EngineMessage;
import io.esteira.core.model.PipelineModel;
import io.esteira.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runs directory that cannot be written: the run stops before any step starts, with {@code
 * RUN_CANNOT_WRITE}, and leaves no run directory, temporary file or RUNNING record behind.
 *
 * <p>Permission bits do not stop root, so the failures are made with paths: a runs root under a
 * regular file, and a runs root long enough that its run directory and {@code logs/} can be made
 * but {@code run.json.tmp} inside it is past the system's path length limit.
 */
class RunWriteFailureTest {

  /** The longest path the kernel takes (PATH_MAX 4096, with its terminating zero). */
  private static final int PATH_MAX = 4095;

  /** A run directory's name: {@code 20261126-224501-a3f2}. */
  private static final int RUN_ID = 20;

  @TempDir Path project;

  private PipelineModel model() {
    Path marker = project.resolve("started");
    return builder("p")
        .step(command("a", null, "touch '" + marker + "-a'", 1, 1, 0))
        .step(command("b", null, "touch '" + marker + "-b'", 1, 1, 0).dependsOn("a"))
        .build();
  }

  private RunSetupException failure(Path runsRoot) {
    RunOptions options =
        RunOptions.defaults(project)
            .withRunsRoot(runsRoot)
            .withCapacity(new RunOptions.Capacity(4, 8))
            .withHostEnvironment(
                Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")))
            .withSharedWorkDir(true);
    RunSetupException e =
        catchThrowableOfType(
            () -> new LocalRunner(model(), options).run(RunListener.NONE), RunSetupException.class);
    assertThat(e).as("a setup failure").isNotNull();
    assertThat(e.problems())
        .extracting(Diagnostic::message)
        .containsExactly(EngineMessage.RUN_CANNOT_WRITE);
    assertThat(e.getMessage()).contains("ESTEIRA-RUN-CANNOT-WRITE");
    assertThat(project.resolve("started-a")).as("no step started").doesNotExist();
    assertThat(project.resolve("started-b")).doesNotExist();
    return e;
  }

  @Test
  void aRunsRootUnderARegularFileStopsTheRunBeforeAnyStep() throws Exception {
    Path file = Files.writeString(project.resolve("not-a-directory"), "x");

    failure(file.resolve("runs"));

    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void aRunDirectoryThatCannotTakeRunJsonStopsTheRunAndIsRemoved() throws Exception {
    // A runs root whose run directory (and its logs/ and work/) fits the limit, but not
    // run.json.tmp inside it.
    int length = PATH_MAX - RUN_ID - "/run.json.tmp".length() + 3;
    assertThat(length + 1 + RUN_ID + "/logs".length()).isLessThanOrEqualTo(PATH_MAX);
    StringBuilder path = new StringBuilder(project.toAbsolutePath().toString());
    while (path.length() < length) {
      int part = Math.min(200, length - path.length() - 1);
      path.append('/').append("d".repeat(Math.max(part, 1)));
    }
    Path runsRoot = Path.of(path.toString());
    assertThat(runsRoot.toString()).hasSize(length);

    RunSetupException e = failure(runsRoot);

    assertThat(e.getMessage()).contains(RunJson.FILE);
    assertThat(runsRoot).isEmptyDirectory();
  }
}
