package io.esteira.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The command line's jar run as a user runs it, {@code java -jar esteira.jar <args>}, in the
 * current directory, for the examples' integration tests. The jar is {@code esteira.cli.jar}, else
 * {@code ../../sdk-aws/target/esteira.jar} (an example module's path to it).
 */
public final class EsteiraJar {

  /** How long one run may take before the test fails. */
  private static final long MINUTES = 3;

  /** What a run printed (stdout and stderr together) and how it exited. */
  public record Result(int exitCode, String output) {}

  private EsteiraJar() {}

  /** The jar, failing the test when it is not built. */
  public static Path path() {
    Path jar = Path.of(System.getProperty("esteira.cli.jar", "../../sdk-aws/target/esteira.jar"));
    assertThat(jar).as("the command line's jar; build sdk-aws first").exists();
    return jar.toAbsolutePath();
  }

  /** Runs the jar with {@code args}; {@code environment} may change the variables it gets. */
  public static Result run(Consumer<Map<String, String>> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        Stream.concat(
                Stream.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    path().toString()),
                Stream.of(args))
            .toList();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true);
    environment.accept(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(MINUTES, TimeUnit.MINUTES)).as(output).isTrue();
    return new Result(process.exitValue(), output);
  }
}
