package io.esteira.local;

import static io.esteira.core.model.TestModels.builder;
import static io.esteira.core.model.TestModels.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.core.model.PipelineModel;
import io.esteira.core.model.StepAction;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines of step processes, compared with the container's. */
class ProcessLauncherTest {

  private final PipelineModel model =
      builder("recsys")
          .step(step("extract").resources(1.5, 4))
          .step(
              step("score")
                  .action(new StepAction.JavaMethod("x.RecsysPipeline", "score", true))
                  .resources(1.5, 4))
          .build();

  private final ProcessLauncher launcher =
      new ProcessLauncher(model, Path.of("/p"), List.of(Path.of("/p/a.jar"), Path.of("/p/b.jar")));

  /** The command without the setsid in front, where the machine has one. */
  private List<String> command(String step) {
    List<String> command = launcher.command(model.step(step));
    return command.get(0).endsWith("/setsid") ? command.subList(1, command.size()) : command;
  }

  @Test
  void aCommandStepRunsThroughShAsInTheContainer() {
    assertThat(command("extract")).containsExactly("sh", "-c", "echo extract");
  }

  @Test
  void aJavaStepRunsTheLauncherWithTheContainersArgumentsAndLimits() {
    List<String> command = command("score");

    assertThat(command.get(0))
        .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    assertThat(command.subList(1, command.size()))
        .containsExactly(
            "-XX:MaxRAM=4096m",
            "-XX:ActiveProcessorCount=2",
            "-cp",
            "/p/a.jar" + File.pathSeparator + "/p/b.jar",
            "io.esteira.runtime.StepLauncher",
            "recsys",
            "score");
  }
}
