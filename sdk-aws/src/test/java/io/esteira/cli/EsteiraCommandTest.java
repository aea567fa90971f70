package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The command line's own behaviour: help, version, usage errors and failure handling. */
class EsteiraCommandTest {

  @TempDir Path tmp;

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    Cli.Run run = Cli.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: esteira [-hV] COMMAND")
        .contains("  validate  ", "  generate  ", "  run  ", "Exit codes:")
        .containsPattern("(?m)^  0 +success")
        .containsPattern("(?m)^  1 +the pipeline has errors")
        .containsPattern("(?m)^  2 +wrong usage")
        .containsPattern("(?m)^  3 +internal error")
        .containsPattern("(?m)^  130 +the run was cancelled");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void helpListsEveryCommandAsIfAllWereBuilt() {
    Cli.Run lazy = Cli.run("--help");
    Cli.Run eager = Cli.run(EsteiraCommand.commandLine(), "--help");

    assertThat(lazy.out()).isEqualTo(eager.out()).contains("  deploy  ", "  models  ");
  }

  @Test
  void onlyTheInvokedCommandIsBuilt() {
    CommandLine commandLine = EsteiraCommand.commandLine("generate", "--out", "x", "p");

    Object generate = commandLine.getSubcommands().get("generate").getCommand();
    assertThat(generate).isInstanceOf(GenerateCommand.class);
    assertThat(commandLine.getSubcommands().get("run").getCommandSpec().options()).isEmpty();
  }

  @Test
  void anImageGivenWithoutItsProjectIsWrongUsageThatShowsTheForm() {
    Cli.Run run =
        Cli.run(
            "deploy",
            "--platform",
            "platform.yaml",
            "--env",
            "dev",
            "--image",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml-pipelines:recsys-1.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'--image'").contains("PROJECT=URI").contains("KEY=VALUE");
  }

  @Test
  void imageBuildNeedsThePlatformAndTheEnvironment() {
    Cli.Run run = Cli.run("image", "build", "examples/recsys");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required options").contains("--platform");
  }

  @Test
  void aCommandInAnArgumentFileRunsAsIfTyped() throws Exception {
    Path arguments = tmp.resolve("arguments");
    Files.writeString(arguments, "generate " + tmp.resolve("missing"));

    Cli.Run run = Cli.run("@" + arguments);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("generate: Missing required option: '--out=DIR'");
  }

  @Test
  void helpOfASubcommandShowsItsOptions() {
    Cli.Run run = Cli.run("help", "generate");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--out=DIR", "--env=ENV", "--verbose");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "validate",
        "generate",
        "run",
        "runs",
        "plan",
        "deploy",
        "models",
        "models list",
        "models promote",
        "models history",
        "start",
        "status",
        "logs",
        "redrive",
        "report",
        "destroy"
      })
  void everyCommandsHelpExitsZeroWhateverItRequires(String command) {
    String[] args = (command + " --help").split(" ");
    Cli.Run run = Cli.run(args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Usage: esteira " + command).contains("--help");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void versionIsTheOneMavenBuilt() {
    Cli.Run run = Cli.run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches("esteira \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void noCommandPrintsUsageToTheErrorStreamAndExitsWithTwo() {
    Cli.Run run = Cli.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: esteira");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMistypedCommandGetsASuggestionAndExitsWithTwo() {
    Cli.Run run = Cli.run("validat", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("esteira: Unmatched arguments from index 0: 'validat', 'x'")
        .contains("validate")
        .endsWith("Try 'esteira --help' for more information." + System.lineSeparator());
  }

  @Test
  void generateWithoutOutIsAUsageError() {
    Cli.Run run = Cli.run("generate", "somewhere");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "generate: Missing required option: '--out=DIR'"
                + System.lineSeparator()
                + "Try 'esteira generate --help' for more information."
                + System.lineSeparator());
  }

  @Test
  void aPathThatIsNotThereIsAUsageErrorNamingIt() {
    Path missing = tmp.resolve("no-such-project");

    Cli.Run run = Cli.run("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(missing + ": error: [ESTEIRA-CLI-NOT-FOUND] no such file or directory; give");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aDirectoryWithNoConfigIsAUsageErrorAndGenerateWritesNothing() {
    Path out = tmp.resolve("out");

    Cli.Run run = Cli.run("generate", tmp.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(tmp + ": error: [ESTEIRA-CLI-NO-CONFIG] ");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDirectoryNamedConfigYamlIsAUsageErrorNamingItAndGenerateWritesNothing() throws Exception {
    Path misplaced = Files.createDirectories(tmp.resolve("projects/p/config.yaml"));
    Path out = tmp.resolve("out");

    Cli.Run run = Cli.run("generate", tmp.resolve("projects").toString(), "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(misplaced + ": error: [ESTEIRA-PROJECT-CONFIG-NOT-A-FILE] ")
        .contains("rename or remove this directory")
        .doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void aDirectoryNamedConfigYamlUnderProjectsRootStopsPlan() throws Exception {
    Path root = tmp.resolve("root");
    Path misplaced = Files.createDirectories(root.resolve("p/config.yaml"));
    Path platform =
        Files.writeString(
            tmp.resolve("platform.yaml"),
            """
            region: us-east-1
            network:
              vpc_id: vpc-0a1b2c3d
              subnets: [subnet-0a1b2c3d]
            ecr:
              repository: ml-pipelines
            environments:
              prd:
                mlflow:
                  tracking_uri: http://127.0.0.1:9
                  s3_endpoint_url: http://127.0.0.1:9
            """);

    Cli.Run run =
        Cli.run(
            "plan",
            "--platform",
            platform.toString(),
            "--env",
            "prd",
            "--projects-root",
            root.toString(),
            "--allow-any-branch");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(misplaced + ": error: [ESTEIRA-PROJECT-CONFIG-NOT-A-FILE] ");
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Mixin(name = CommonOptions.NAME)
    CommonOptions common;

    private final Throwable failure;

    Boom(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error error) {
        throw error;
      }
      throw (Exception) failure;
    }
  }

  private static CommandLine withBoom(Throwable failure) {
    return EsteiraCommand.commandLine().addSubcommand("boom", new Boom(failure));
  }

  @Test
  void anUnexpectedFailureIsOneLineAndExitCodeThree() {
    Cli.Run run = Cli.run(withBoom(new IllegalStateException("oops")), "boom");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .isEqualTo(
            "error: [ESTEIRA-CLI-INTERNAL-ERROR] unexpected failure:"
                + " java.lang.IllegalStateException: oops; this is a bug in Esteira: run again with"
                + " --verbose to see the stack trace, and report it with the config.yaml that"
                + " caused it"
                + System.lineSeparator());
  }

  @Test
  void verboseAddsTheStackTrace() {
    Cli.Run run = Cli.run(withBoom(new IllegalStateException("oops")), "boom", "--verbose");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .contains("[ESTEIRA-CLI-INTERNAL-ERROR]")
        .contains("java.lang.IllegalStateException: oops" + System.lineSeparator() + "\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"heap", "stack"})
  void anErrorSuchAsOutOfMemoryIsOneLineAndExitCodeThreeNotARawStackTrace(String kind) {
    Error error =
        kind.equals("heap")
            ? new OutOfMemoryError("Java heap space")
            : new StackOverflowError("deep");

    Cli.Run run = Cli.run(withBoom(error), "boom");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(run.err())
        .startsWith("error: [ESTEIRA-CLI-INTERNAL-ERROR] unexpected failure: " + error + ";")
        .doesNotContain("\tat ", "ExecutionException")
        .hasLineCount(1);
  }

  @Test
  void verboseAddsTheStackTraceOfAnError() {
    Cli.Run run = Cli.run(withBoom(new OutOfMemoryError("Java heap space")), "boom", "--verbose");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(run.err())
        .contains("[ESTEIRA-CLI-INTERNAL-ERROR]")
        .contains("java.lang.OutOfMemoryError: Java heap space" + System.lineSeparator() + "\tat ");
  }

  @Test
  void aFileSystemFailureIsTheUsersToFixWithExitCodeOne() {
    Cli.Run run = Cli.run(withBoom(new NoSuchFileException("out/recsys")), "boom");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "out/recsys: error: [ESTEIRA-CLI-IO-FAILED] no such file or directory; check that the"
                + " path exists, is writable and has room, then run again"
                + System.lineSeparator());
  }
}
