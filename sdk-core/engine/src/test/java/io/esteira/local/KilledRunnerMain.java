package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;

import io.esteira.core.model.PipelineModel;
import java.nio.file.Path;

/**
 * A runner process for {@link LeftoverProcessesIT} to kill with SIGKILL: its one step leaves a
 * background sleep (and one in a session of its own, where {@code setsid} exists) and waits. Once
 * the project holds a file {@code resumed}, the same step succeeds at once.
 */
public final class KilledRunnerMain {

  private KilledRunnerMain() {}

  static PipelineModel model(Path project) {
    String own =
        ProcessLauncher.SETSID == null
            ? "echo $$ > own.pid;"
            : ProcessLauncher.SETSID + " sh -c 'echo $$ > own.pid; exec sleep 997' &";
    String step =
        "if [ -f resumed ]; then exit 0; fi; " + own + " sleep 997 & echo $! > x.pid; wait";
    return builder("p").step(command("x", null, step, 1, 1, 0)).build();
  }

  public static void main(String[] args) {
    Path project = Path.of(args[0]);
    new LocalRunner(model(project), RunOptions.defaults(project)).run(RunListener.NONE);
  }
}
