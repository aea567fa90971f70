package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the steps print shows on the console while {@code esteira run} runs them, each line after
 * its step's id, with real shell steps; {@code --no-step-output} turns it off and the logs keep it
 * either way.
 */
class RunStepOutputTest {

  /**
   * Two independent steps that print to stdout and stderr, one line in two writes, then one after
   * both. Stderr reaches the log through the runner's copy, so the step waits before going on.
   */
  static final String CONFIG =
      """
      project_name: demo
      version: "1.0.0"
      batch:
        enabled: true
        pipeline:
          steps:
            - id: extract
              command: "echo 'read 3 rows'; echo 'warning: 1 empty' >&2; sleep 0.2; printf 'half'; sleep 0.3; echo ' and half'"
            - id: score_model
              command: "for i in 1 2 3 4 5; do echo \\"scored batch $i\\"; sleep 0.05; done; printf 'no newline'"
            - id: publish
              command: "echo published"
              depends_on: [extract, score_model]
      """;

  @TempDir Path tmp;

  private Cli.Run run(String... options) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("demo"));
    Files.writeString(dir.resolve("config.yaml"), CONFIG);
    CommandLine commandLine = EsteiraCommand.commandLine();
    RunCommand command = commandLine.getSubcommands().get("run").getCommand();
    command.hostEnvironment = Map.of("PATH", System.getenv("PATH"));
    command.live = false;
    String[] args = new String[options.length + 6];
    args[0] = "run";
    args[1] = dir.toString();
    // Room for both first steps at once, whatever this machine has.
    args[2] = "--cpus";
    args[3] = "8";
    args[4] = "--memory-gb";
    args[5] = "64";
    System.arraycopy(options, 0, args, 6, options.length);
    return Cli.run(commandLine, args);
  }

  @Test
  void eachLineAStepPrintsShowsAfterItsIdBetweenItsStartAndItsEnd() throws IOException {
    Cli.Run run = run();

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    // Ids padded to the longest step id, so the bars line up.
    assertThat(lines)
        .contains(
            "extract     | read 3 rows",
            "extract     | warning: 1 empty",
            "extract     | half and half",
            "score_model | scored batch 1",
            "score_model | scored batch 5",
            "score_model | no newline",
            "publish     | published");
    for (String step : List.of("extract", "score_model", "publish")) {
      int started = indexOf(lines, "started   " + step);
      int ended = indexOf(lines, "succeeded " + step + " in ");
      assertThat(started).isPositive().isLessThan(ended);
      List<String> own =
          lines.stream().filter(l -> l.startsWith(step + " ") && l.contains(" | ")).toList();
      assertThat(own).isNotEmpty();
      for (String line : own) {
        assertThat(lines.indexOf(line)).isBetween(started, ended);
      }
    }
    // Interleaved by whole lines only: every step line is one of the lines a step printed.
    assertThat(lines.stream().filter(l -> l.contains(" | ")))
        .allMatch(
            l ->
                l.matches(
                    "extract     \\| (read 3 rows|warning: 1 empty|half and half)"
                        + "|score_model \\| (scored batch [1-5]|no newline)"
                        + "|publish     \\| published"));
    assertThat(lines.stream().filter(l -> l.startsWith("score_model | scored batch"))).hasSize(5);
  }

  @Test
  void noStepOutputLeavesTheConsoleToTheRunnerAndTheLinesInTheLogs() throws IOException {
    Cli.Run run = run("--no-step-output");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out() + run.err())
        .doesNotContain(" | ")
        .doesNotContain("read 3 rows")
        .contains("succeeded extract in ");
    Path runDirectory;
    try (var runs = Files.list(tmp.resolve("demo/.esteira/runs"))) {
      runDirectory = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(Files.readString(runDirectory.resolve("logs/extract.1.log")))
        .contains("read 3 rows\n")
        .contains("warning: 1 empty\n")
        .contains("half and half\n");
  }

  private static int indexOf(List<String> lines, String part) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }
}
