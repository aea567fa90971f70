package io.esteira.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/esteira} in a real shell: what it passes through untouched, on a jar that
 * echoes, and the class-data-sharing archive it makes on a first run and maps on the next, on the
 * shaded {@code target/esteira.jar}.
 */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("..", "bin", "esteira").toAbsolutePath();
  private static final Path JAR = Path.of("target", "esteira.jar").toAbsolutePath();

  @TempDir Path tmp;

  record Result(int exitCode, String out, String err) {}

  /** The jar's stand-in: prints its arguments one a line, then its stdin; exits with args[0]. */
  public static final class Echo {
    public static void main(String[] args) throws IOException {
      for (String arg : args) {
        System.out.println("[" + arg + "]");
      }
      System.out.print(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
      System.err.println("to stderr");
      System.exit(Integer.parseInt(args[0]));
    }
  }

  private Result launch(Path jar, String javaOptions, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("ESTEIRA_JAR", jar.toString());
    builder.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    builder.environment().put("ESTEIRA_JAVA_OPTS", javaOptions);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<String> err =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the launcher finished").isTrue();
    return new Result(process.exitValue(), out, err.join());
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path echoJar() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Echo.class.getName());
    Path jar = tmp.resolve("echo.jar");
    String entry = Echo.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream classFile = Echo.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      classFile.transferTo(out);
    }
    return jar;
  }

  private List<Path> cached() throws IOException {
    Path cache = tmp.resolve("cache/esteira");
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.toList();
    }
  }

  @Test
  void argumentsStreamsAndTheExitCodePassThroughUntouched() throws Exception {
    Files.createFile(tmp.resolve("a-file-a-glob-would-find"));
    Path echo = echoJar();

    for (int run = 0; run < 2; run++) {
      Result result =
          launch(echo, "", "from stdin\n", "7", "two  words", "", "*", "$HOME", "a\"b'c", "-V");

      assertThat(result.exitCode()).isEqualTo(7);
      assertThat(result.out())
          .isEqualTo("[7]\n[two  words]\n[]\n[*]\n[$HOME]\n[a\"b'c]\n[-V]\nfrom stdin\n");
      assertThat(result.err()).isEqualTo("to stderr\n");
    }
  }

  @Test
  void aSecondRunMapsTheArchiveTheFirstMade() throws Exception {
    Result first = launch(JAR, "", "", "--version");
    List<Path> archives = cached();
    Result second = launch(JAR, "-Xshare:on -Xlog:class+load=info", "", "--version");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("esteira ").doesNotContain("[warning]");
    assertThat(first.err()).isEmpty();
    assertThat(archives).singleElement().asString().endsWith("-other.jsa");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("io.esteira.cli.EsteiraCommand source: shared objects file (top)")
        .contains(first.out().lines().findFirst().orElseThrow());
  }

  @Test
  void aFailedFirstRunLeavesNoArchive() throws Exception {
    Result result = launch(JAR, "", "", "validate", tmp.resolve("missing").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("[ESTEIRA-CLI-NOT-FOUND]");
    assertThat(cached()).isEmpty();
  }

  @Test
  void twoFirstRunsAtOnceLeaveOneWholeArchive() throws Exception {
    CompletableFuture<Result> one = CompletableFuture.supplyAsync(() -> version());
    CompletableFuture<Result> two = CompletableFuture.supplyAsync(() -> version());

    assertThat(one.join().exitCode()).isZero();
    assertThat(two.join().exitCode()).isZero();
    assertThat(cached()).singleElement().asString().endsWith("-other.jsa");
    assertThat(launch(JAR, "-Xshare:on", "", "--version").exitCode()).isZero();
  }

  private Result version() {
    try {
      return launch(JAR, "", "", "--version");
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
