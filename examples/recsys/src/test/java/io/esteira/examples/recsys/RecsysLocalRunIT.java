package io.esteira.examples.recsys;

import static org.assertj.core.api.Assertions.assertThat;

import io.esteira.cli.EsteiraCommand;
import io.esteira.local.RunJson;
import io.esteira.local.RunRecord;
import io.esteira.local.RunRecord.AttemptRecord;
import io.esteira.local.RunRecord.RunStatus;
import io.esteira.local.RunRecord.StepRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README's main command on this example: {@code esteira run} finds the built project (its
 * {@code pipeline.json} in {@code target/classes}, its class path in {@code
 * target/esteira-classpath.txt}) and runs both Java steps, each in a child JVM, handing the feature
 * table over through the run's work directory. Run through the command line in this JVM and as
 * {@code java -jar esteira.jar} from the project directory with no DIR argument.
 */
class RecsysLocalRunIT {

  @TempDir Path tmp;

  private static Path onlyRun(Path runs) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      List<Path> all = dirs.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  /** What a successful run of recsys leaves: both steps once, their output, the report. */
  private static void assertRecsysRan(Path runs) throws IOException {
    Path dir = onlyRun(runs);
    RunRecord record = RunJson.read(dir.resolve("run.json"));
    assertThat(record.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(record.environment()).isEqualTo("dev");
    assertThat(record.steps())
        .extracting(StepRecord::id)
        .containsExactly("extract_features", "score_model");
    for (StepRecord step : record.steps()) {
      assertThat(step.attempts()).extracting(AttemptRecord::exitCode).containsExactly(0);
    }
    assertThat(Files.readString(dir.resolve("logs/extract_features.1.log")))
        .contains("wrote 8 feature rows");
    assertThat(Files.readString(dir.resolve("logs/score_model.1.log")))
        .contains("scored 8 vehicles");
    assertThat(Files.readAllLines(dir.resolve("work/" + RecsysPipeline.SCORES_FILE)))
        .hasSize(9)
        .startsWith(RecsysPipeline.SCORES_HEADER);
    String report = Files.readString(dir.resolve("report.html"));
    assertThat(Pattern.compile("<rect class=\"bar succeeded\"").matcher(report).results().count())
        .isEqualTo(2);
  }

  @Test
  void theCommandLineRunsTheBuiltProject() throws IOException {
    Path runs = tmp.resolve("runs");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine esteira = EsteiraCommand.commandLine();
    esteira.setOut(new PrintWriter(out));
    esteira.setErr(new PrintWriter(err));

    int exitCode = esteira.execute("run", ".", "--runs-dir", runs.toString());

    assertThat(exitCode).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("recsys (dev), 2 steps to run")
        .contains("succeeded extract_features in ")
        .contains("succeeded score_model in ");
    assertRecsysRan(runs);
  }

  @Test
  void theJarRunsTheProjectInTheCurrentDirectory() throws Exception {
    Path jar = Path.of(System.getProperty("esteira.cli.jar", "../../sdk-aws/target/esteira.jar"));
    assertThat(jar).as("the command line's jar; build sdk-aws first").exists();
    Path runs = tmp.resolve("runs");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toAbsolutePath().toString(),
                "run",
                "--runs-dir",
                runs.toString())
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).containsPattern("(?m)^score_model +succeeded +1 ");
    assertRecsysRan(runs);
  }
}
