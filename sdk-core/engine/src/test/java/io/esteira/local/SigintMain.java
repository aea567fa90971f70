package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.command;

import io.esteira.core.model.PipelineModel;
import java.nio.file.Path;

/**
 * A runner process for {@link LocalRunnerSigintIT}: runs two sleeping steps and cancels the run
 * from a shutdown hook, as {@code esteira run} does on Ctrl-C.
 */
public final class SigintMain {

  private SigintMain() {}

  public static void main(String[] args) {
    Path project = Path.of(args[0]);
    String sleeper = "echo $$ > %1$s.sh.pid; sleep 60 & echo $! > %1$s.pid; wait";
    PipelineModel model =
        builder("p")
            .step(command("x", null, String.format(sleeper, "x"), 1, 1, 0))
            .step(command("y", null, String.format(sleeper, "y"), 1, 1, 0))
            .build();
    LocalRunner runner = new LocalRunner(model, RunOptions.defaults(project));
    Runtime.getRuntime().addShutdownHook(new Thread(runner::cancel));
    runner.run(RunListener.NONE);
  }
}
