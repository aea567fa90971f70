package io.esteira.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real Maven, the one running this build, on a project written as a user writes it. Its
 * local repository is the one the invoker plugin filled with this build's Esteira artifacts (see
 * this module's pom.xml), and everything else comes from this build's own local repository as a
 * {@code file:} mirror, with Maven offline for every other protocol: no network, and no Esteira
 * snapshot from anywhere but this build.
 */
final class MavenBuild {

  /**
   * What a build did.
   *
   * @param exit Maven's exit code
   * @param output what it printed, standard output and error together
   */
  record Result(int exit, String output) {
    boolean succeeded() {
      return exit == 0;
    }
  }

  private static final long TIMEOUT_MINUTES = 5;

  private MavenBuild() {}

  /** The Esteira version this build makes, which the test projects ask for. */
  static String version() {
    return property("esteira.it.version");
  }

  /** Runs {@code mvn -B -o <args>} in {@code project} and returns when it ends. */
  static Result run(Path project, String... args) throws IOException, InterruptedException {
    Path settings = settings(project.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(property("esteira.it.maven.home"), "bin", "mvn").toString());
    command.addAll(
        List.of(
            "-B",
            "-o",
            // The mirror is a directory: allowed while offline.
            "-Daether.offline.protocols=file",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + property("esteira.it.repository")));
    command.addAll(List.of(args));
    Path log = project.getParent().resolve(project.getFileName() + "-build.log");
    Process process =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "mvn " + String.join(" ", args) + " took over " + TIMEOUT_MINUTES + " minutes");
    }
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A settings file in {@code dir} whose one mirror is this build's local repository. */
  private static Path settings(Path dir) {
    Path file = dir.resolve("settings.xml");
    String mirror = Path.of(property("esteira.it.mirror")).toAbsolutePath().toUri().toString();
    String text =
        """
        <settings>
          <mirrors>
            <mirror>
              <id>this-build</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """
            .formatted(mirror);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run this test with Failsafe (mvn verify)");
    }
    return value;
  }
}
