package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defaults and copies of the runner's options. */
class RunOptionsTest {

  @Test
  void defaultsRunEverythingUnderTheProjectsEsteiraDirectory() {
    RunOptions options = RunOptions.defaults(Path.of("/p"));

    assertThat(options.runsRoot()).isEqualTo(Path.of("/p/.esteira/runs"));
    assertThat(options.javaSteps()).isEqualTo(RunOptions.JavaStepMode.CHILD_JVM);
    assertThat(options.only()).isEmpty();
    assertThat(options.capacity().cpu()).isPositive();
  }

  @Test
  void eachWithChangesOneOptionOnly() {
    RunOptions base = RunOptions.defaults(Path.of("/p")).withHostEnvironment(Map.of("A", "1"));

    RunOptions changed =
        base.withOnly(Optional.of("score"))
            .withCapacity(new RunOptions.Capacity(2, 4))
            .withJavaSteps(RunOptions.JavaStepMode.IN_PROCESS)
            .withClasspath(List.of(Path.of("/p/app.jar")))
            .withRunsRoot(Path.of("/runs"))
            .withResumeRunId(Optional.of("r1"))
            .withFrom(Optional.of("extract"))
            .withSharedWorkDir(true);

    assertThat(changed)
        .isEqualTo(
            new RunOptions(
                Path.of("/p"),
                Path.of("/runs"),
                Optional.of("score"),
                Optional.of("extract"),
                Optional.of("r1"),
                new RunOptions.Capacity(2, 4),
                RunOptions.JavaStepMode.IN_PROCESS,
                List.of(Path.of("/p/app.jar")),
                Map.of("A", "1"),
                true,
                Optional.empty(),
                false));
  }

  @Test
  void theDefaultsIsolateAttempts() {
    RunOptions defaults = RunOptions.defaults(Path.of("/p"));

    assertThat(defaults.sharedWorkDir()).isFalse();
  }

  @Test
  void aCapacityMustBePositive() {
    assertThatThrownBy(() -> new RunOptions.Capacity(0, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be positive");
  }
}
