package io.esteira.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.cli.EsteiraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code esteira init --kind java} writes a module that builds, tests and runs as written: init
 * into an empty directory, then the workflows' own build command, a real {@code mvn -B package -f
 * src/projects/NAME/pom.xml} from the repository root, then {@code esteira run} and {@code esteira
 * validate} of what it built. Nothing written is edited in between.
 *
 * <p>Why in this module rather than beside {@code InitCommandTest} in sdk-aws: the build needs this
 * build's BOM, processor and plugin, which only this module's integration-test repository holds
 * ({@link MavenBuild}); the machine's local repository may hold another build's snapshots of them.
 * The command line is a test dependency (so the reactor builds it first) and runs in this JVM, as
 * its {@code main} would run it, with no jar to find.
 */
class InitJavaProjectIT {

  private static final Pattern TESTS_RUN =
      Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\n");

  @TempDir Path dir;

  /**
   * What one command line run gave.
   *
   * @param exit its exit code
   * @param output standard output and error together
   */
  private record Run(int exit, String output) {}

  @Test
  void theJavaProjectInitWritesBuildsRunsItsTestsAndRunsAsWritten() throws Exception {
    Path repo = dir.resolve("pipelines");
    Run init = esteira("init", repo.toString(), "--kind", "java", "--project", "churn-scores");
    assertThat(init.exit()).as(init.output()).isZero();
    assertThat(init.output()).contains("wrote src/projects/churn-scores/pom.xml");
    Path project = repo.resolve("src/projects/churn-scores");
    // init pins the version that ran it: this build's, which the integration-test repository has.
    assertThat(project.resolve("pom.xml"))
        .content()
        .contains("<esteira.version>" + MavenBuild.version() + "</esteira.version>");

    MavenBuild.Result build =
        MavenBuild.run(repo, "package", "-f", "src/projects/churn-scores/pom.xml");

    assertThat(build.exit()).as(build.output()).isZero();
    Matcher tests = TESTS_RUN.matcher(build.output().replace("\r", ""));
    assertThat(tests.find()).as(build.output()).isTrue();
    assertThat(Integer.parseInt(tests.group(1))).isPositive();
    assertThat(project.resolve("target/churn-scores-0.1.0.jar")).isRegularFile();
    assertThat(project.resolve("target/classes/META-INF/esteira/churn-scores/pipeline.json"))
        .content()
        .contains("\"prepare\"")
        .contains("\"score\"");
    assertThat(project.resolve("target/esteira-classpath.txt"))
        .content()
        .contains("esteira-api-" + MavenBuild.version() + ".jar");

    Run run = esteira("run", project.toString());

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("prepare | INFO prepared 10 rows")
        .contains("succeeded score");
    List<String> scores = Files.readAllLines(onlyFile(project.resolve(".esteira"), "scores.csv"));
    assertThat(scores).hasSize(11).startsWith("id,score", "1,0.1").endsWith("10,1.0");

    // What the workflows check before they build images or deploy: the projects root.
    Run validate = esteira("validate", repo.resolve("src/projects").toString());
    assertThat(validate.exit()).as(validate.output()).isZero();
    assertThat(validate.output()).contains("churn-scores (dev, prd): valid");
  }

  /** The one stored artifact {@code name} of a run below {@code runs}. */
  private static Path onlyFile(Path runs, String name) throws Exception {
    try (Stream<Path> files = Files.walk(runs)) {
      List<Path> found =
          files
              .filter(f -> f.getFileName().toString().equals(name))
              .filter(f -> f.getParent().getParent().getFileName().toString().equals("artifacts"))
              .toList();
      assertThat(found).as("artifacts named " + name + " below " + runs).hasSize(1);
      return found.get(0);
    }
  }

  /** The command line, called as its {@code main} calls it, without exiting. */
  private static Run esteira(String... args) {
    StringWriter output = new StringWriter();
    PrintWriter writer = new PrintWriter(output, true);
    CommandLine commandLine = EsteiraCommand.commandLine(args);
    commandLine.setOut(writer);
    commandLine.setErr(writer);
    int exit = commandLine.execute(args);
    writer.flush();
    return new Run(exit, output.toString());
  }
}
